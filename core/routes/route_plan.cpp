#include "svcadv/routes/route_plan.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <tuple>
#include <unordered_map>

#include "svcadv/routes/communities.h"
#include "svcadv/routes/service_cidr_lists.h"
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

// What the plan reads of an endpoint.
struct EndpointView {
    std::string_view nodeName;
    bool ready = true;
};

// A service's namespace and name, as its EndpointSlices (kubernetes.io/service-name) and its
// Endpoints (same name) refer to it.
struct ServiceKey {
    std::string_view namespace_, name;
    bool operator==(const ServiceKey&) const = default;
};

struct ServiceKeyHash {
    std::size_t operator()(const ServiceKey& key) const {
        std::hash<std::string_view> hash;
        return hash(key.namespace_) * 31 + hash(key.name);
    }
};

// The configured service CIDR lists as calico-node holds them (service_cidr_lists.h).
struct ConfiguredCidrs {
    HeldCidrList cluster;
    HeldCidrList external;
    HeldCidrList loadBalancer;
    bool aggregation = true;
};

class Planner {
  public:
    Planner(const ClusterState& state, const PreviewOptions& options)
        : state_(state), options_(options) {}

    RoutePlan run();

  private:
    void readConfiguration();
    HeldCidrList readList(const std::vector<std::string>& texts, ServiceCidrListKind kind,
                          bool fromEnvironment);
    void warnBirdRejects(const std::string& entry, const char* field);
    void indexNodesAndSlices();
    ServiceDecision decide(int index);
    // The endpoints of a service from the source its Calico release reads, family-filtered;
    // nullopt when it has no Endpoints object (no EndpointSlice). Views into state_: a large
    // cluster has hundreds of thousands of endpoints, not worth a copy each.
    std::optional<std::vector<EndpointView>> endpointsOf(const ServiceInfo& service) const;
    void evaluateAddresses(const ServiceInfo& service, ServiceDecision& decision);
    void buildNodeRoutes(RoutePlan& plan);
    void buildPrefixes(RoutePlan& plan);
    void warn(WarningCode code, std::string service, std::string node, std::string prefix,
              std::string message, bool error = false) {
        warnings_.push_back({code, std::move(service), std::move(node), std::move(prefix),
                             std::move(message), error});
    }

    const ClusterState& state_;
    const PreviewOptions& options_;
    ConfiguredCidrs cidrs_;
    std::vector<int> nodeOrder_;  // node indexes sorted by name
    std::vector<int> nodeRank_;   // node index -> position in nodeOrder_
    std::unordered_map<std::string_view, int> nodeByName_;
    // Keyed by views into state_: no "namespace/name" string is built per object or lookup.
    std::unordered_map<ServiceKey, std::vector<int>, ServiceKeyHash> slicesByService_;
    std::unordered_map<ServiceKey, int, ServiceKeyHash> endpointsByService_;  // v1 Endpoints
    std::vector<PreviewWarning> warnings_;
};

// What a dropped list takes with it, in the words of the routes calico-node then has.
std::string droppedListEffect(ServiceCidrListKind kind) {
    switch (kind) {
        case ServiceCidrListKind::Cluster:
            return "no cluster range and no cluster-IP host route at all";
        case ServiceCidrListKind::External:
            return "no external range, and no external IP is allowed, single-IP entries included";
        case ServiceCidrListKind::LoadBalancer:
            break;
    }
    return "no LoadBalancer range, and no LoadBalancer IP is allowed, those of Local services "
           "included";
}

HeldCidrList Planner::readList(const std::vector<std::string>& texts, ServiceCidrListKind kind,
                               bool fromEnvironment) {
    const CalicoSemantics& semantics = options_.semantics;
    const char* field =
        fromEnvironment ? "CALICO_ADVERTISE_CLUSTER_IPS" : serviceCidrListField(kind);
    HeldCidrList list = readServiceCidrList(texts, kind, cidrs_.aggregation, semantics);
    auto where = [&](std::size_t i) {
        return fromEnvironment ? std::string(field)
                               : std::string(field) + "[" + std::to_string(i) + "]";
    };
    if (list.droppedBy) {
        std::string entry = *list.droppedBy;
        std::string named = "'" + entry + "'";
        for (std::size_t i = 0; i < texts.size(); ++i) {
            if (texts[i] == entry) {
                named = where(i) + " '" + entry + "'";
                break;
            }
        }
        std::string why = entry.empty() ? "is empty" : "is not a CIDR";
        if (!entry.empty() && parseCidr(entry).problem == CidrProblem::BareIp)
            why = "is not a CIDR (no mask)";
        warn(WarningCode::CidrListDropped, "", "", "",
             named + " " + why + ": calico-node's net.ParseCIDR fails and it drops the whole " +
                 field + " list: " + droppedListEffect(kind),
             true);
        return list;
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const std::string& text = texts[i];
        CidrParseResult parsed = parseCidr(text);
        bool global = std::find(list.globalRoutes.begin(), list.globalRoutes.end(), text) !=
                      list.globalRoutes.end();
        if (text.empty()) {
            warn(WarningCode::EmptyCidrEntry, "", "", "",
                 where(i) + " is empty; calico-node ignores it");
        } else if (parsed.problem == CidrProblem::HostBitsSet && global) {
            warnBirdRejects(text, field);
        } else if (parsed.problem == CidrProblem::HostBitsSet) {
            warn(WarningCode::MalformedCidrEntry, "", "", parsed.masked->str(),
                 where(i) + " '" + text +
                     "' has host bits set; calico-node matches addresses against " +
                     parsed.masked->str());
        } else if (parsed.problem == CidrProblem::BareIp) {
            // Only reached where the entry is no global route (aggregation Disabled).
            warn(WarningCode::BareIPEntry, "", "", "",
                 where(i) + " '" + text +
                     "' is an IP without a mask: net.ParseCIDR fails and "
                     "calico-node skips this entry");
        } else if (!parsed.cidr && std::find(list.skipped.begin(), list.skipped.end(), text) !=
                                       list.skipped.end()) {
            warn(WarningCode::MalformedCidrEntry, "", "", "",
                 where(i) + " '" + text + "' is not a CIDR; calico-node skips this entry");
        }
    }
    return list;
}

// Host bits set: the raw text goes into the static routes and the reject filter
// (calico_kernel_programming) of every node's BIRD configuration, excluded nodes included, and
// BIRD refuses the prefix.
void Planner::warnBirdRejects(const std::string& entry, const char* field) {
    Cidr masked = *goParseCidr(entry);
    std::string file = masked.network.family == 6 ? "bird6.cfg (IPv6)" : "bird.cfg (IPv4)";
    for (int node : nodeOrder_) {
        warn(WarningCode::BirdRejectsPrefix, "", state_.nodes[node].name, entry,
             std::string(field) + " '" + entry + "' has host bits set: calico-node writes it " +
                 "as written into this node's " + file + ", BIRD refuses it ('Invalid network " +
                 "prefix') and the configuration fails to load (BIRD keeps its previous one, or "
                 "does not start); write " +
                 masked.str(),
             true);
    }
}

std::vector<std::string> cidrTexts(const std::optional<std::vector<ServiceCidr>>& list) {
    std::vector<std::string> out;
    if (list) {
        for (const auto& entry : *list)
            out.push_back(entry.cidr);
    }
    return out;
}

void Planner::readConfiguration() {
    const BGPConfiguration* config = state_.defaultBgpConfiguration();
    const CalicoSemantics& semantics = options_.semantics;
    if (config)
        cidrs_.aggregation =
            loadBalancerAggregationEnabled(config->spec.serviceLoadBalancerAggregation, semantics);
    std::vector<std::string> cluster;
    if (config) cluster = cidrTexts(config->spec.serviceClusterIPs);
    bool fromEnvironment = false;
    // CALICO_ADVERTISE_CLUSTER_IPS is a one-entry list to calico-node: text net.ParseCIDR refuses
    // (a comma-separated list, a bare IP) drops it like any unparsable entry.
    std::optional<std::string> environmentCidr;
    if (options_.advertiseClusterIPs)
        environmentCidr = options_.advertiseClusterIPs->str();
    else if (!options_.unparsableAdvertiseClusterIPs.empty())
        environmentCidr = options_.unparsableAdvertiseClusterIPs;
    if (environmentCidr) {
        if (config && semantics.advertiseClusterIPsWipedByConfiguration) {
            // Up to 3.32 onUpdates reads the cluster list from confd's cache, which the
            // environment variable kept empty: the sync of `default` replaces it with nothing.
            cluster.clear();
            warn(WarningCode::AdvertiseClusterIPsIgnored, "", "", "",
                 "Calico " + semantics.version.str() + " replaces CALICO_ADVERTISE_CLUSTER_IPS (" +
                     *environmentCidr +
                     ") with no cluster range at all once it syncs BGPConfiguration default "
                     "(serviceClusterIPs is ignored too): no cluster-IP route is advertised",
                 true);
        } else {
            cluster = {*environmentCidr};
            fromEnvironment = true;
        }
    }
    cidrs_.cluster = readList(cluster, ServiceCidrListKind::Cluster, fromEnvironment);
    if (config) {
        cidrs_.external = readList(cidrTexts(config->spec.serviceExternalIPs),
                                   ServiceCidrListKind::External, false);
        cidrs_.loadBalancer = readList(cidrTexts(config->spec.serviceLoadBalancerIPs),
                                       ServiceCidrListKind::LoadBalancer, false);
    }

    const std::pair<const char*, const std::vector<Cidr>*> lists[] = {
        {"serviceClusterIPs", &cidrs_.cluster.allowed},
        {"serviceExternalIPs", &cidrs_.external.allowed},
        {"serviceLoadBalancerIPs", &cidrs_.loadBalancer.allowed}};
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
        slicesByService_[{slice.namespace_, slice.serviceName}].push_back(static_cast<int>(i));
    }
    // Endpoints are named after their service (the last one read wins, as for every kind).
    for (std::size_t i = 0; i < state_.coreEndpoints.size(); ++i) {
        const auto& endpoints = state_.coreEndpoints[i];
        endpointsByService_[{endpoints.namespace_, endpoints.name}] = static_cast<int>(i);
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
            // routes.go AdvertiseClusterIPs: any cluster entry held (a dropped list holds none).
            if (cidrs_.cluster.entries.empty()) {
                address.skipped = Reason::ClusterIPsNotAdvertised;
                return address;
            }
            address.prefix = hostCidr(*ip);
            if (!insideAny(cidrs_.cluster.allowed, *ip))
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
    // routes.go getAllRoutesForService: spec.clusterIPs from 3.31, spec.clusterIP before. (An
    // object without clusterIPs is one no API server defaulted: clusterIP stands in for it.)
    if (options_.semantics.allClusterIPs && !service.clusterIPs.empty()) {
        for (const auto& ip : service.clusterIPs)
            add(ip, AddressKind::ClusterIP, cidrs_.cluster.allowed);
    } else if (!service.clusterIP.empty()) {
        add(service.clusterIP, AddressKind::ClusterIP, cidrs_.cluster.allowed);
    }
    for (const auto& ip : service.externalIPs)
        add(ip, AddressKind::ExternalIP, cidrs_.external.allowed);
    for (const auto& ip : service.ingressIPs)
        add(ip, AddressKind::LoadBalancerIP, cidrs_.loadBalancer.allowed);
}

std::optional<std::vector<EndpointView>> Planner::endpointsOf(const ServiceInfo& service) const {
    const CalicoSemantics& semantics = options_.semantics;
    auto clusterIPFamily = [&]() -> std::string {
        // routes.go before 3.31.4: strings.Contains(ip, ":") against spec.clusterIP.
        return service.clusterIP.find(':') != std::string::npos ? "IPv6" : "IPv4";
    };
    std::vector<EndpointView> out;
    if (semantics.endpointSource == EndpointSource::CoreEndpoints) {
        auto found = endpointsByService_.find({service.namespace_, service.name});
        if (found == endpointsByService_.end()) return std::nullopt;
        std::string family = clusterIPFamily();
        for (const auto& address : state_.coreEndpoints[found->second].readyAddresses) {
            std::string own = address.ip.find(':') != std::string::npos ? "IPv6" : "IPv4";
            if (own == family) out.push_back({address.nodeName, true});
        }
        return out;
    }
    auto slices = slicesByService_.find({service.namespace_, service.name});
    if (slices == slicesByService_.end()) return std::nullopt;
    // The families whose slices count: ipFamilies (or, for an object no API server defaulted,
    // the family of clusterIP); before 3.31.4 the family of clusterIP, address by address, which
    // an FQDN slice's names (no ':') pass as IPv4.
    std::vector<std::string> families = service.ipFamilies;
    if (semantics.familyFilter == EndpointFamilyFilter::ClusterIPFamily)
        families = {clusterIPFamily()};
    if (families.empty()) {
        if (auto ip = parseIp(service.clusterIP)) families.push_back(familyName(ip->family));
    }
    for (int sliceIndex : slices->second) {
        const auto& slice = state_.endpointSlices[sliceIndex];
        std::string family = slice.addressType;
        if (semantics.familyFilter == EndpointFamilyFilter::ClusterIPFamily && family == "FQDN")
            family = "IPv4";
        if (std::find(families.begin(), families.end(), family) == families.end()) continue;
        for (const auto& endpoint : slice.endpoints)
            out.push_back({endpoint.nodeName, endpoint.ready});
    }
    return out;
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

    const CalicoSemantics& semantics = options_.semantics;
    const char* source =
        semantics.endpointSource == EndpointSource::CoreEndpoints ? "Endpoints" : "EndpointSlice";
    std::optional<std::vector<EndpointView>> endpoints = endpointsOf(service);
    if (!endpoints) {
        decision.rule = Reason::NoEndpointSlices;
        if (local && hasPrefix)
            warn(WarningCode::LocalNoReadyEndpoints, service.key(), "", "",
                 std::string("Local service has no ") + source + ": no node advertises its IPs");
        return decision;
    }

    // routes.go advertiseThisService: the single-IP overrides apply to the policy as written.
    if (policy == "Cluster") {
        bool single = false;
        const auto& lbSingles = cidrs_.loadBalancer.allowed;
        if (service.type == "LoadBalancer") {
            if (auto ip = parseIp(service.loadBalancerIP)) single = isSingleIpEntry(lbSingles, *ip);
            if (semantics.singleLoadBalancerIPFromIngress) {
                for (const auto& text : service.ingressIPs) {
                    auto ip = parseIp(text);
                    single = single || (ip && isSingleIpEntry(lbSingles, *ip));
                }
            }
        }
        auto override = semantics.singleExternalIPOverride;
        bool externalCounts = override == SingleExternalIPOverride::AnyType ||
                              (override == SingleExternalIPOverride::LoadBalancerNodePort &&
                               (service.type == "LoadBalancer" || service.type == "NodePort"));
        if (externalCounts) {
            for (const auto& text : service.externalIPs) {
                auto ip = parseIp(text);
                single = single || (ip && isSingleIpEntry(cidrs_.external.allowed, *ip));
            }
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

    bool anyReady = false;
    for (const auto& endpoint : *endpoints) {
        if (!endpoint.ready && semantics.skipNotReadyEndpoints) continue;
        anyReady = true;
        if (!local || endpoint.nodeName.empty()) continue;
        auto node = nodeByName_.find(endpoint.nodeName);
        if (node == nodeByName_.end())
            decision.unknownLocalNodes.emplace_back(endpoint.nodeName);
        else
            decision.localNodes.push_back(node->second);
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
    // client.go updateGlobalRoutes: the entries as written; one with host bits set is no route
    // BIRD accepts (warnBirdRejects), so it is listed nowhere.
    const std::pair<const HeldCidrList*, Reason> globals[] = {
        {&cidrs_.cluster, Reason::ClusterCIDR},
        {&cidrs_.external, Reason::ExternalCIDR},
        {&cidrs_.loadBalancer, Reason::LoadBalancerCIDR}};
    for (const auto& [list, reason] : globals) {
        for (const auto& text : list->globalRoutes) {
            if (auto cidr = parseCidr(text).cidr)
                everywhere.push_back({*cidr, {reason, -1, AddressKind::None}});
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

// FNV-1a over what tells two prefixes apart.
struct CidrHash {
    std::size_t operator()(const Cidr& cidr) const {
        std::uint64_t hash = 1469598103934665603ull;
        auto mix = [&](std::uint8_t byte) { hash = (hash ^ byte) * 1099511628211ull; };
        for (int i = 0; i < cidr.network.bitLength() / 8; ++i)
            mix(cidr.network.bytes[i]);
        mix(static_cast<std::uint8_t>(cidr.network.family));
        mix(static_cast<std::uint8_t>(cidr.prefixLength));
        return static_cast<std::size_t>(hash);
    }
};

void Planner::buildPrefixes(RoutePlan& plan) {
    // The ranges every node advertises repeat on each of thousands of nodes: group by prefix
    // first, then sort the distinct prefixes only. Nodes are visited in rank order and list a
    // prefix once each, so every group comes out in rank order.
    std::unordered_map<Cidr, std::size_t, CidrHash> groupOf;
    std::vector<PrefixNodes> groups;
    for (std::size_t rank = 0; rank < plan.nodes.size(); ++rank) {
        for (const auto& route : plan.nodes[rank].routes) {
            auto [it, fresh] = groupOf.try_emplace(route.prefix, groups.size());
            if (fresh) groups.push_back({route.prefix, {}});
            groups[it->second].nodes.push_back(nodeOrder_[rank]);
        }
    }
    std::sort(groups.begin(), groups.end(), [](const PrefixNodes& a, const PrefixNodes& b) {
        return prefixOrder(a.prefix, b.prefix);
    });
    plan.prefixes = std::move(groups);
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
    plan.semantics = options_.semantics;
    indexNodesAndSlices();
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
    plan.services.reserve(state_.services.size());
    for (std::size_t s = 0; s < state_.services.size(); ++s)
        plan.services.push_back(decide(static_cast<int>(s)));
    buildNodeRoutes(plan);
    buildPrefixes(plan);

    bool anyAdvertiser = std::any_of(state_.nodes.begin(), state_.nodes.end(),
                                     [](const NodeInfo& n) { return !n.excluded(); });
    if (!anyAdvertiser) {
        for (const auto* list :
             {&cidrs_.cluster.allowed, &cidrs_.external.allowed, &cidrs_.loadBalancer.allowed}) {
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
    RoutePlan plan = Planner(state, options).run();
    plan.rejectCidrs = rejectCidrs(state, options.advertiseClusterIPs);
    applyCommunities(state, plan);
    return plan;
}

}  // namespace svcadv
