// Which node advertises which prefix for Kubernetes services: route-advertisement.md as a pure
// function of the cluster state, under the route rules of one Calico release (calico_semantics.h).
// Cost is linear in the input: endpoints are indexed by service once, and no node ever scans the
// services.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "svcadv/routes/advisory.h"
#include "svcadv/routes/calico_semantics.h"
#include "svcadv/routes/cluster.h"
#include "svcadv/routes/reject_routes.h"
#include "svcadv/util/cidr.h"

namespace svcadv {

enum class AddressKind { None, ClusterIP, ExternalIP, LoadBalancerIP };
const char* addressKindName(AddressKind kind);  // "clusterIP", "externalIP", "loadBalancerIP"

struct RouteSource {
    Reason reason;
    int service = -1;  // index into ClusterState::services; -1 for a global route
    AddressKind address = AddressKind::None;
    auto operator<=>(const RouteSource&) const = default;
};

struct Route {
    Cidr prefix;
    std::vector<RouteSource> sources;  // sorted, every source that produced the prefix
    // The BGP communities BIRD attaches when the node exports it (communities.h), sorted.
    std::vector<std::string> communities{};
};

struct NodeRoutes {
    int node;  // index into ClusterState::nodes
    bool excluded = false;
    std::vector<Route> routes;  // IPv4 first, then by address, then by prefix length
};

struct PrefixNodes {
    Cidr prefix;
    std::vector<int> nodes;  // sorted by node name: the ECMP next hops an upstream router sees
};

// One address of a service and what became of it.
struct ServiceAddress {
    std::string ip;  // as written
    AddressKind kind;
    std::optional<Cidr> prefix;     // host(ip) when the address is in the prefix set
    std::optional<Reason> skipped;  // ClusterIPsNotAdvertised, NotInAllowList, UnparsableIP
};

// The decision for one service: the rule that decided, for every node at once, or per node for
// Local services (LocalEndpoint where `localNodes` has a ready endpoint, NoLocalEndpoint
// elsewhere).
struct ServiceDecision {
    Reason rule;
    bool perNode = false;         // LocalEndpoint on localNodes, NoLocalEndpoint elsewhere
    std::vector<int> localNodes;  // node indexes with a ready endpoint (perNode only), sorted
    std::vector<std::string> unknownLocalNodes;  // ready endpoints on nodes not in the input
    std::vector<ServiceAddress> addresses;
    bool advertisesEverywhere() const {
        return rule == Reason::SingleIPCluster || rule == Reason::AggregationDisabled;
    }
    // The rule as it applies on one node (NodeExcluded on excluded ones).
    Reason ruleOn(int node, bool excluded) const;
};

struct PreviewWarning {
    WarningCode code;
    std::string service;  // "ns/name", when about a service
    std::string node;     // when about a node
    std::string prefix;   // when about a prefix
    std::string message;
    bool error = false;  // calico-node or BIRD fails on the configuration, not merely surprising
};

struct PreviewOptions {
    // calico-node's CALICO_ADVERTISE_CLUSTER_IPS: one CIDR that replaces serviceClusterIPs.
    std::optional<Cidr> advertiseClusterIPs;
    std::optional<int> maxPaths;  // warn when a prefix has more next hops
    // The route rules of the Calico release the cluster runs (--calico-version, or detected).
    CalicoSemantics semantics = latestCalicoSemantics();
    // CALICO_ADVERTISE_CLUSTER_IPS' text when Go's net.ParseCIDR refuses it (a comma-separated
    // list, a bare IP): calico-node then keeps no cluster range at all, so no node advertises
    // one or any cluster IP.
    std::string unparsableAdvertiseClusterIPs = {};
};

struct RoutePlan {
    std::vector<NodeRoutes> nodes;          // sorted by node name, every node of the input
    std::vector<PrefixNodes> prefixes;      // every advertised prefix, family then address order
    std::vector<ServiceDecision> services;  // parallel to ClusterState::services
    std::vector<PreviewWarning> warnings;   // sorted by code, then subject
    bool configured = false;                // a BGPConfiguration `default` exists
    CalicoSemantics semantics;              // the route rules applied
    // Every node's reject cidrs, excluded nodes too (reject_routes.h).
    std::vector<RejectCidr> rejectCidrs{};
};

// The service routes of every node. Throws nothing for any input the decoders accept.
RoutePlan computeRoutePlan(const ClusterState& state, const PreviewOptions& options);

// IPv4 before IPv6, then by address, then by prefix length.
bool prefixOrder(const Cidr& a, const Cidr& b);

}  // namespace svcadv
