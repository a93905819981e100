#include "svcadv/routes/route_plan.h"

#include <algorithm>
#include <iterator>
#include <tuple>
#include <unordered_map>

#include "svcadv/routes/service_defaults.h"

namespace svcadv {
namespace {

bool isSupportedType(const std::string& type) {
    return type.empty() || type == "ClusterIP" || type == "NodePort" || type == "LoadBalancer";
}

// The API server defaults externalTrafficPolicy to Cluster on NodePort and LoadBalancer only.
std::string effectivePolicy(const ServiceInfo& service) {
    if (!service.externalTrafficPolicy.empty()) return service.externalTrafficPolicy;
    if (service.type == "NodePort" || service.type == "LoadBalancer") return "Cluster";
    return "";
}

const char* familyName(int family) {
    return family == 6 ? "IPv6" : "IPv4";
}

// The configured service CIDRs as calico-node reads them: lenient, since a cluster may hold what
// svcadv's own validation would refuse (a bare IP is a /32 to calico-node).
struct ConfiguredCidrs {
    std::vector<Cidr> cluster;
    std::vector<Cidr> external;
    std::vector<Cidr> loadBalancer;
    bool aggregation = true;
};

class Planner {
  public:
    Planner(const ClusterState& state, const PreviewOptions& options)
        : state_(state), options_(options) {}

    RoutePlan run();

  private:
    void readConfiguration();
    std::vector<Cidr> readList(const std::optional<std::vector<ServiceCidr>>& list,
                               const char* field);
    void indexNodesAndSlices();
    ServiceDecision decide(int index);
    void evaluateAddresses(const ServiceInfo& service, ServiceDecision& decision);
    void buildNodeRoutes(RoutePlan& plan);
    void buildPrefixes(RoutePlan& plan);
    void warn(WarningCode code, std::string service, std::string node, std::string prefix,
              std::string message) {
        warnings_.push_back(
            {code, std::move(service), std::move(node), std::move(prefix), std::move(message)});
    }

    const ClusterState& state_;
    const PreviewOptions& options_;
    ConfiguredCidrs cidrs_;
    std::vector<int> nodeOrder_;  // node indexes sorted by name
    std::vector<int> nodeRank_;   // node index -> position in nodeOrder_
    std::unordered_map<std::string_view, int> nodeByName_;
    std::unordered_map<std::string, std::vector<int>> slicesByService_;
    std::vector<PreviewWarning> warnings_;
};

std::optional<Cidr> parseLenientCidr(const std::string& text, std::optional<WarningCode>& problem) {
    CidrParseResult parsed = parseCidr(text);
    if (parsed.cidr) return parsed.cidr;
    if (parsed.problem == CidrProblem::BareIp) {
        problem = WarningCode::BareIPEntry;
        return hostCidr(*parseIp(text));
    }
    if (parsed.problem == CidrProblem::HostBitsSet) {
        // calico-node masks the address, as Go's net.ParseCIDR does.
        problem = WarningCode::MalformedCidrEntry;
        return parsed.masked;
    }
    problem = parsed.problem == CidrProblem::Empty ? WarningCode::EmptyCidrEntry
                                                   : WarningCode::MalformedCidrEntry;
    return std::nullopt;
}

std::vector<Cidr> Planner::readList(const std::optional<std::vector<ServiceCidr>>& list,
                                    const char* field) {
    std::vector<Cidr> out;
    if (!list) return out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string& text = (*list)[i].cidr;
        std::string where = std::string(field) + "[" + std::to_string(i) + "]";
        std::optional<WarningCode> problem;
        auto cidr = parseLenientCidr(text, problem);
        if (problem == WarningCode::EmptyCidrEntry) {
            warn(*problem, "", "", "", where + " is empty; calico-node ignores it");
        } else if (problem == WarningCode::BareIPEntry) {
            warn(*problem, "", "", cidr->str(),
                 where + " '" + text + "' is a bare IP; calico-node advertises it as " +
                     cidr->str());
        } else if (problem && cidr) {
            warn(
                *problem, "", "", cidr->str(),
                where + " '" + text + "' has host bits set; calico-node advertises " + cidr->str());
        } else if (problem) {
            warn(*problem, "", "", "", where + " '" + text + "' is not a CIDR; it is ignored");
        }
        if (cidr) out.push_back(*cidr);
    }
    return out;
}

void Planner::readConfiguration() {
    const BGPConfiguration* config = state_.defaultBgpConfiguration();
    if (config) {
        const auto& spec = config->spec;
        cidrs_.cluster = readList(spec.serviceClusterIPs, "serviceClusterIPs");
        cidrs_.external = readList(spec.serviceExternalIPs, "serviceExternalIPs");
        cidrs_.loadBalancer = readList(spec.serviceLoadBalancerIPs, "serviceLoadBalancerIPs");
        cidrs_.aggregation = spec.serviceLoadBalancerAggregation.value_or("") != "Disabled";
    }
    if (options_.advertiseClusterIPs) cidrs_.cluster = {*options_.advertiseClusterIPs};
    if (!options_.unparsableAdvertiseClusterIPs.empty()) {
        cidrs_.cluster.clear();
        warn(WarningCode::MalformedCidrEntry, "", "", "",
             "CALICO_ADVERTISE_CLUSTER_IPS (--advertise-cluster-ips) '" +
                 options_.unparsableAdvertiseClusterIPs +
                 "' is not one CIDR: calico-node fails to parse it and advertises no cluster "
                 "range and no cluster IP, whatever serviceClusterIPs say");
    }

    const std::pair<const char*, const std::vector<Cidr>*> lists[] = {
        {"serviceClusterIPs", &cidrs_.cluster},
        {"serviceExternalIPs", &cidrs_.external},
        {"serviceLoadBalancerIPs", &cidrs_.loadBalancer}};
    for (const auto& [field, list] : lists) {
        for (auto [i, j] : overlappingPairs(*list)) {
            warn(WarningCode::OverlappingCidrs, "", "", (*list)[j].str(),
                 std::string(field) + " entries " + (*list)[i].str() + " and " + (*list)[j].str() +
                     " overlap");
        }
    }
}

void Planner::indexNodesAndSlices() {
    const auto& nodes = state_.nodes;
    nodeOrder_.resize(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i)
        nodeOrder_[i] = static_cast<int>(i);
    std::sort(nodeOrder_.begin(), nodeOrder_.end(),
              [&](int a, int b) { return nodes[a].name < nodes[b].name; });
    nodeRank_.resize(nodes.size());
    for (std::size_t rank = 0; rank < nodeOrder_.size(); ++rank)
        nodeRank_[nodeOrder_[rank]] = static_cast<int>(rank);
    nodeByName_.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        nodeByName_[nodes[i].name] = static_cast<int>(i);
        const auto& label = nodes[i].excludeLabel;
        if (label && *label != "true")
            warn(WarningCode::AmbiguousExcludeLabel, "", nodes[i].name, "",
                 std::string("label ") + kExcludeLabel + "='" + *label +
                     "' does not exclude the node in Calico (only the value 'true' does)");
    }
    for (std::size_t i = 0; i < state_.endpointSlices.size(); ++i) {
        const auto& slice = state_.endpointSlices[i];
        if (slice.serviceName.empty()) continue;
        slicesByService_[slice.namespace_ + "/" + slice.serviceName].push_back(static_cast<int>(i));
    }
}

bool insideAny(const std::vector<Cidr>& cidrs, const IpAddress& ip) {
    return std::any_of(cidrs.begin(), cidrs.end(), [&](const Cidr& c) { return c.contains(ip); });
}

bool isSingleIpEntry(const std::vector<Cidr>& cidrs, const IpAddress& ip) {
    return std::any_of(cidrs.begin(), cidrs.end(),
                       [&](const Cidr& c) { return c.isSingleIp() && c.network == ip; });
}

void Planner::evaluateAddresses(const ServiceInfo& service, ServiceDecision& decision) {
    std::string key = service.key();
    auto add = [&](const std::string& text, AddressKind kind,
                   const std::vector<Cidr>& allowed) -> ServiceAddress& {
        ServiceAddress& address = decision.addresses.emplace_back();
        address.ip = text;
        address.kind = kind;
        auto ip = parseIp(text);
        if (!ip) {
            address.skipped = Reason::UnparsableIP;
            warn(WarningCode::UnparsableIP, key, "", "",
                 std::string(addressKindName(kind)) + " '" + text + "' is not an IP address");
            return address;
        }
        if (kind == AddressKind::ClusterIP) {
            if (cidrs_.cluster.empty()) {
                address.skipped = Reason::ClusterIPsNotAdvertised;
                return address;
            }
            address.prefix = hostCidr(*ip);
            if (!insideAny(cidrs_.cluster, *ip))
                warn(WarningCode::ClusterIPOutsideRanges, key, "", address.prefix->str(),
                     "clusterIP " + ip->str() + " is outside every serviceClusterIPs cidr");
            return address;
        }
        if (insideAny(allowed, *ip)) {
            address.prefix = hostCidr(*ip);
        } else {
            address.skipped = Reason::NotInAllowList;
            if (!allowed.empty()) {
                const char* list = kind == AddressKind::ExternalIP ? "serviceExternalIPs"
                                                                   : "serviceLoadBalancerIPs";
                warn(WarningCode::IPNotInAllowList, key, "", hostCidr(*ip).str(),
                     std::string(addressKindName(kind)) + " " + ip->str() + " is outside every " +
                         list + " cidr; it is never advertised");
            }
        }
        return address;
    };
    if (!service.clusterIPs.empty()) {
        for (const auto& ip : service.clusterIPs)
            add(ip, AddressKind::ClusterIP, cidrs_.cluster);
    } else if (!service.clusterIP.empty()) {
        add(service.clusterIP, AddressKind::ClusterIP, cidrs_.cluster);
    }
    for (const auto& ip : service.externalIPs)
        add(ip, AddressKind::ExternalIP, cidrs_.external);
    for (const auto& ip : service.ingressIPs)
        add(ip, AddressKind::LoadBalancerIP, cidrs_.loadBalancer);
}

ServiceDecision Planner::decide(int index) {
    const ServiceInfo& service = state_.services[index];
    ServiceDecision decision;
    if (!isSupportedType(service.type)) {
        decision.rule = Reason::UnsupportedType;
        return decision;
    }
    if (service.clusterIP.empty() || service.clusterIP == "None") {
        decision.rule = Reason::Headless;
        return decision;
    }
    evaluateAddresses(service, decision);
    bool hasPrefix = std::any_of(decision.addresses.begin(), decision.addresses.end(),
                                 [](const ServiceAddress& a) { return a.prefix.has_value(); });
    std::string policy = effectivePolicy(service);
    bool local = policy == "Local";

    auto slices = slicesByService_.find(service.key());
    if (slices == slicesByService_.end()) {
        decision.rule = Reason::NoEndpointSlices;
        if (local && hasPrefix)
            warn(WarningCode::LocalNoReadyEndpoints, service.key(), "", "",
                 "Local service has no EndpointSlice: no node advertises its IPs");
        return decision;
    }

    if (policy == "Cluster") {
        bool single = false;
        if (service.type == "LoadBalancer") {
            if (auto ip = parseIp(service.loadBalancerIP))
                single = isSingleIpEntry(cidrs_.loadBalancer, *ip);
            for (const auto& text : service.ingressIPs) {
                auto ip = parseIp(text);
                single = single || (ip && isSingleIpEntry(cidrs_.loadBalancer, *ip));
            }
        }
        for (const auto& text : service.externalIPs) {
            auto ip = parseIp(text);
            single = single || (ip && isSingleIpEntry(cidrs_.external, *ip));
        }
        if (single) {
            decision.rule = Reason::SingleIPCluster;
            return decision;
        }
    }
    if (!local && cidrs_.aggregation) {
        decision.rule = Reason::ClusterPolicyAggregated;
        return decision;
    }

    // The families whose slices count: ipFamilies, or the family of clusterIP.
    std::vector<std::string> families = service.ipFamilies;
    if (families.empty()) {
        if (auto ip = parseIp(service.clusterIP)) families.push_back(familyName(ip->family));
    }
    bool anyReady = false;
    for (int sliceIndex : slices->second) {
        const auto& slice = state_.endpointSlices[sliceIndex];
        if (std::find(families.begin(), families.end(), slice.addressType) == families.end())
            continue;
        for (const auto& endpoint : slice.endpoints) {
            if (!endpoint.ready) continue;
            anyReady = true;
            if (!local || endpoint.nodeName.empty()) continue;
            auto node = nodeByName_.find(endpoint.nodeName);
            if (node == nodeByName_.end())
                decision.unknownLocalNodes.push_back(endpoint.nodeName);
            else
                decision.localNodes.push_back(node->second);
        }
    }
    if (!anyReady) {
        decision.rule = Reason::NoReadyEndpoints;
        if (local && hasPrefix)
            warn(WarningCode::LocalNoReadyEndpoints, service.key(), "", "",
                 "Local service has no ready endpoint: no node advertises its IPs");
        return decision;
    }
    if (!local) {
        decision.rule = Reason::AggregationDisabled;
        return decision;
    }
    decision.rule = Reason::LocalEndpoint;
    decision.perNode = true;
    auto byRank = [&](int a, int b) { return nodeRank_[a] < nodeRank_[b]; };
    std::sort(decision.localNodes.begin(), decision.localNodes.end(), byRank);
    decision.localNodes.erase(std::unique(decision.localNodes.begin(), decision.localNodes.end()),
                              decision.localNodes.end());
    std::sort(decision.unknownLocalNodes.begin(), decision.unknownLocalNodes.end());
    decision.unknownLocalNodes.erase(
        std::unique(decision.unknownLocalNodes.begin(), decision.unknownLocalNodes.end()),
        decision.unknownLocalNodes.end());
    bool allExcluded = !decision.localNodes.empty() && decision.unknownLocalNodes.empty() &&
                       std::all_of(decision.localNodes.begin(), decision.localNodes.end(),
                                   [&](int node) { return state_.nodes[node].excluded(); });
    if (allExcluded && hasPrefix)
        warn(WarningCode::LocalOnlyExcluded, service.key(), "", "",
             "every ready endpoint of this Local service is on an excluded node: its traffic is "
             "blackholed");
    return decision;
}

void Planner::buildNodeRoutes(RoutePlan& plan) {
    using Entry = std::pair<Cidr, RouteSource>;
    std::vector<Entry> everywhere;
    for (const auto& cidr : cidrs_.cluster)
        everywhere.push_back({cidr, {Reason::ClusterCIDR, -1, AddressKind::None}});
    for (const auto& cidr : cidrs_.external) {
        if (!cidr.isSingleIp())
            everywhere.push_back({cidr, {Reason::ExternalCIDR, -1, AddressKind::None}});
    }
    if (cidrs_.aggregation) {
        for (const auto& cidr : cidrs_.loadBalancer) {
            if (!cidr.isSingleIp())
                everywhere.push_back({cidr, {Reason::LoadBalancerCIDR, -1, AddressKind::None}});
        }
    }
    std::vector<std::vector<Entry>> perNode(state_.nodes.size());
    for (std::size_t s = 0; s < plan.services.size(); ++s) {
        const auto& decision = plan.services[s];
        for (const auto& address : decision.addresses) {
            if (!address.prefix) continue;
            RouteSource source{decision.rule, static_cast<int>(s), address.kind};
            if (decision.advertisesEverywhere()) everywhere.push_back({*address.prefix, source});
            if (!decision.perNode) continue;
            for (int node : decision.localNodes) {
                if (!state_.nodes[node].excluded())
                    perNode[node].push_back({*address.prefix, source});
            }
        }
    }
    auto order = [](const Entry& a, const Entry& b) {
        if (a.first != b.first) return prefixOrder(a.first, b.first);
        return a.second < b.second;
    };
    std::sort(everywhere.begin(), everywhere.end(), order);

    for (int node : nodeOrder_) {
        NodeRoutes routes;
        routes.node = node;
        routes.excluded = state_.nodes[node].excluded();
        if (!routes.excluded) {
            std::vector<Entry>& own = perNode[node];
            std::sort(own.begin(), own.end(), order);
            std::vector<Entry> merged;
            merged.reserve(everywhere.size() + own.size());
            std::merge(everywhere.begin(), everywhere.end(), own.begin(), own.end(),
                       std::back_inserter(merged), order);
            for (auto& [prefix, source] : merged) {
                if (routes.routes.empty() || routes.routes.back().prefix != prefix)
                    routes.routes.push_back({prefix, {}});
                auto& sources = routes.routes.back().sources;
                if (sources.empty() || sources.back() != source) sources.push_back(source);
            }
            own = {};
        }
        plan.nodes.push_back(std::move(routes));
    }
}

void Planner::buildPrefixes(RoutePlan& plan) {
    std::vector<std::pair<Cidr, int>> pairs;  // (prefix, node rank)
    for (std::size_t rank = 0; rank < plan.nodes.size(); ++rank) {
        for (const auto& route : plan.nodes[rank].routes)
            pairs.push_back({route.prefix, static_cast<int>(rank)});
    }
    std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
        if (a.first != b.first) return prefixOrder(a.first, b.first);
        return a.second < b.second;
    });
    for (const auto& [prefix, rank] : pairs) {
        if (plan.prefixes.empty() || plan.prefixes.back().prefix != prefix)
            plan.prefixes.push_back({prefix, {}});
        plan.prefixes.back().nodes.push_back(nodeOrder_[rank]);
    }
    if (options_.maxPaths) {
        for (const auto& entry : plan.prefixes) {
            if (static_cast<int>(entry.nodes.size()) > *options_.maxPaths)
                warn(WarningCode::EcmpFanoutAbove, "", "", entry.prefix.str(),
                     std::to_string(entry.nodes.size()) + " nodes advertise " + entry.prefix.str() +
                         ", more than --max-paths " + std::to_string(*options_.maxPaths));
        }
    }
}

RoutePlan Planner::run() {
    RoutePlan plan;
    plan.configured = state_.defaultBgpConfiguration() != nullptr;
    readConfiguration();
    if (!plan.configured) {
        // Most often a dump that left it out: the help's own example once did.
        warn(
            WarningCode::NoDefaultBgpConfiguration, "", "", "",
            "the input holds no BGPConfiguration 'default': calico-node advertises no "
            "serviceClusterIPs, serviceExternalIPs or serviceLoadBalancerIPs range" +
                std::string(options_.advertiseClusterIPs ? " (only --advertise-cluster-ips)" : "") +
                ". If the cluster has one, add it to the input: kubectl get "
                "nodes,svc,endpointslices,bgpconfigurations -A -o json; if not, create one "
                "(svcadv apply -f FILE)");
    }
    if (auto defaulted = serviceDefaultsWarning(state_)) warnings_.push_back(*defaulted);
    indexNodesAndSlices();
    plan.services.reserve(state_.services.size());
    for (std::size_t s = 0; s < state_.services.size(); ++s)
        plan.services.push_back(decide(static_cast<int>(s)));
    buildNodeRoutes(plan);
    buildPrefixes(plan);

    bool anyAdvertiser = std::any_of(state_.nodes.begin(), state_.nodes.end(),
                                     [](const NodeInfo& n) { return !n.excluded(); });
    if (!anyAdvertiser) {
        for (const auto* list : {&cidrs_.cluster, &cidrs_.external, &cidrs_.loadBalancer}) {
            for (const auto& cidr : *list)
                warn(WarningCode::NoAdvertisingNodes, "", "", cidr.str(),
                     cidr.str() + " is configured but " +
                         (state_.nodes.empty() ? std::string("there are no nodes")
                                               : std::string("every node is excluded")) +
                         ": no node advertises it");
        }
    }
    // By the code's name, not its enum value: the order is output.
    auto order = [](const PreviewWarning& w) {
        return std::tuple<std::string_view, const std::string&, const std::string&>(
            warningName(w.code), w.service, w.node);
    };
    std::stable_sort(
        warnings_.begin(), warnings_.end(),
        [&](const PreviewWarning& a, const PreviewWarning& b) { return order(a) < order(b); });
    plan.warnings = std::move(warnings_);
    return plan;
}

}  // namespace

const char* addressKindName(AddressKind kind) {
    switch (kind) {
        case AddressKind::ClusterIP:
            return "clusterIP";
        case AddressKind::ExternalIP:
            return "externalIP";
        case AddressKind::LoadBalancerIP:
            return "loadBalancerIP";
        case AddressKind::None:
            break;
    }
    return "";
}

Reason ServiceDecision::ruleOn(int node, bool excluded) const {
    bool wouldAdvertise = advertisesEverywhere() || perNode;
    if (excluded && wouldAdvertise) return Reason::NodeExcluded;
    if (!perNode) return rule;
    return std::find(localNodes.begin(), localNodes.end(), node) != localNodes.end()
               ? Reason::LocalEndpoint
               : Reason::NoLocalEndpoint;
}

bool prefixOrder(const Cidr& a, const Cidr& b) {
    if (a.network.family != b.network.family) return a.network.family < b.network.family;
    if (a.network.bytes != b.network.bytes) return a.network.bytes < b.network.bytes;
    return a.prefixLength < b.prefixLength;
}

RoutePlan computeRoutePlan(const ClusterState& state, const PreviewOptions& options) {
    return Planner(state, options).run();
}

}  // namespace svcadv
