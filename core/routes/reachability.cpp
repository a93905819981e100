#include "svcadv/routes/reachability.h"

#include <algorithm>

namespace svcadv {
namespace {

bool moreSpecific(const std::optional<Cidr>& best, const Cidr& candidate) {
    return !best || candidate.prefixLength > best->prefixLength;
}

}  // namespace

std::optional<Cidr> coveringRoute(const std::vector<Route>& routes, const IpAddress& ip) {
    std::optional<Cidr> best;
    for (const auto& route : routes) {
        if (route.prefix.contains(ip) && moreSpecific(best, route.prefix)) best = route.prefix;
    }
    return best;
}

AdvertisedPrefixes::AdvertisedPrefixes(const RoutePlan& plan) {
    for (const auto& entry : plan.prefixes) {
        if (entry.nodes.empty()) continue;
        if (entry.prefix.isSingleIp())
            hosts_.insert(entry.prefix);
        else
            ranges_.push_back(entry.prefix);
    }
}

std::optional<Cidr> AdvertisedPrefixes::covering(const IpAddress& ip) const {
    Cidr host = hostCidr(ip);
    if (hosts_.count(host)) return host;
    std::optional<Cidr> best;
    for (const auto& range : ranges_) {
        if (range.contains(ip) && moreSpecific(best, range)) best = range;
    }
    return best;
}

}  // namespace svcadv

namespace svcadv {
namespace {

const char* cidrFlag(AddressKind kind) {
    switch (kind) {
        case AddressKind::ClusterIP:
            return "--cluster-ips";
        case AddressKind::ExternalIP:
            return "--external-ips";
        default:
            return "--load-balancer-ips";
    }
}

bool isLocal(const ServiceInfo& service) {
    return service.externalTrafficPolicy == "Local";
}

void addFix(std::vector<std::string>& fixes, const std::string& fix) {
    if (std::find(fixes.begin(), fixes.end(), fix) == fixes.end()) fixes.push_back(fix);
}

}  // namespace

bool AddressReach::reachable() const {
    return std::any_of(nodes.begin(), nodes.end(),
                       [](const NodeReach& n) { return n.route && n.canServe; });
}

ServiceReachability assessServiceReachability(const ClusterState& state, const RoutePlan& plan,
                                              int service) {
    const ServiceInfo& info = state.services[service];
    const ServiceDecision& decision = plan.services[service];
    ServiceReachability out;
    out.service = info.key();
    out.local = isLocal(info);

    std::set<std::string> readyNodes;
    bool anyReady = false, anyTerminating = false;
    for (const auto& slice : state.endpointSlices) {
        if (slice.namespace_ != info.namespace_ || slice.serviceName != info.name) continue;
        for (const auto& endpoint : slice.endpoints) {
            out.endpoints.push_back({endpoint.nodeName, slice.addressType, endpoint.ready,
                                     endpoint.isServing(), endpoint.terminating});
            anyTerminating = anyTerminating || endpoint.terminating;
            if (!endpoint.ready) continue;
            anyReady = true;
            readyNodes.insert(endpoint.nodeName);
        }
    }
    for (const auto& warning : plan.warnings) {
        if (warning.service == out.service) out.warnings.push_back(warning);
    }

    for (const auto& address : decision.addresses) {
        AddressReach reach{address.ip, address.kind, {}};
        auto ip = parseIp(address.ip);
        bool localRule = out.local && address.kind != AddressKind::ClusterIP;
        for (const auto& entry : plan.nodes) {
            NodeReach node{entry.node, entry.excluded, std::nullopt, false};
            if (ip) node.route = coveringRoute(entry.routes, *ip);
            node.canServe =
                localRule ? readyNodes.count(state.nodes[entry.node].name) > 0 : anyReady;
            reach.nodes.push_back(node);
        }
        bool attracted = std::any_of(reach.nodes.begin(), reach.nodes.end(),
                                     [](const NodeReach& n) { return n.route.has_value(); });
        if (!ip) {
            addFix(out.fixes, std::string(addressKindName(address.kind)) + " '" + address.ip +
                                  "' is not an IP address: correct the Service");
        } else if (!attracted && !plan.nodes.empty() &&
                   std::all_of(plan.nodes.begin(), plan.nodes.end(),
                               [](const NodeRoutes& n) { return n.excluded; })) {
            addFix(out.fixes,
                   "every node is excluded: take one back with 'svcadv label-exclude "
                   "NODE --remove'");
        } else if (!attracted && address.kind == AddressKind::ClusterIP &&
                   address.skipped == Reason::ClusterIPsNotAdvertised) {
            addFix(out.fixes,
                   "no cluster IP range is advertised: svcadv cidr add --cluster-ips "
                   "SERVICE-CIDR (the service range holding " +
                       address.ip + ")");
        } else if (!attracted && (!localRule || !readyNodes.empty())) {
            Cidr host = hostCidr(*ip);
            addFix(out.fixes, std::string(addressKindName(address.kind)) + " " + address.ip +
                                  " is outside every advertised range: svcadv cidr add " +
                                  cidrFlag(address.kind) + " " + host.str() +
                                  " (or the range of the pool it comes from)");
        }
        out.addresses.push_back(std::move(reach));
    }
    bool hasAddress = !decision.addresses.empty();
    if (hasAddress && !anyReady) {
        std::string why = anyTerminating ? " (its endpoints are terminating)" : "";
        addFix(out.fixes, "the service has no ready endpoint" + why +
                              ": fix its pods (kubectl get endpointslices -n " + info.namespace_ +
                              " -l kubernetes.io/service-name=" + info.name + ")");
    } else if (hasAddress && out.local) {
        bool servedSomewhere = false;
        for (const auto& name : readyNodes) {
            for (const auto& entry : plan.nodes) {
                if (state.nodes[entry.node].name == name && !entry.excluded) servedSomewhere = true;
            }
        }
        if (!servedSomewhere)
            addFix(
                out.fixes,
                "every ready endpoint of this Local service is on an excluded or unknown node: "
                "take one back with 'svcadv label-exclude NODE --remove' or run a pod elsewhere");
    }
    return out;
}

}  // namespace svcadv
