// Can traffic to a service's address get in from outside, and can the node it lands on serve it?
// An upstream router reaches an address through any route a node originates that covers it: a
// host route, or a configured range (of any list: an ingress IP outside every LoadBalancer range
// still arrives through an external range that covers it).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "svcadv/routes/route_plan.h"

namespace svcadv {

// The most specific of `routes` that covers `ip`.
std::optional<Cidr> coveringRoute(const std::vector<Route>& routes, const IpAddress& ip);

// Every prefix some node advertises, for "does any route reach this address" over many addresses.
class AdvertisedPrefixes {
  public:
    explicit AdvertisedPrefixes(const RoutePlan& plan);
    // The most specific advertised prefix covering `ip`.
    std::optional<Cidr> covering(const IpAddress& ip) const;

  private:
    std::set<Cidr> hosts_;
    std::vector<Cidr> ranges_;
};

// One address of a service as it looks from one node.
struct NodeReach {
    int node = -1;  // index into ClusterState::nodes
    bool excluded = false;
    std::optional<Cidr> route;  // the node's most specific route covering the address
    bool canServe = false;      // a packet arriving here finds an endpoint to go to
};

struct AddressReach {
    std::string ip;
    AddressKind kind = AddressKind::None;
    std::vector<NodeReach> nodes;  // every node, in the plan's (name) order
    // Some node both attracts the traffic and can serve it.
    bool reachable() const;
};

struct EndpointState {
    std::string node;  // "" when the endpoint names no node
    std::string addressType;
    bool ready = false, serving = false, terminating = false;
};

// Is the service reachable from outside, node by node, and what would fix it.
struct ServiceReachability {
    std::string service;  // "ns/name"
    bool local = false;   // externalTrafficPolicy Local: external traffic only to local endpoints
    std::vector<AddressReach> addresses;
    std::vector<EndpointState> endpoints;  // of the slices of the service, in slice order
    std::vector<PreviewWarning> warnings;  // the plan's warnings about this service
    std::vector<std::string> fixes;        // one sentence each, a command where there is one
};

// `service` indexes state.services (and plan.services). A Cluster-policy address is served by any
// node once the service has a ready endpoint somewhere (kube-proxy forwards it); a Local external
// or LoadBalancer address only by a node with a ready endpoint of its own. Cluster IPs keep
// Cluster semantics (internalTrafficPolicy), whatever externalTrafficPolicy says.
ServiceReachability assessServiceReachability(const ClusterState& state, const RoutePlan& plan,
                                              int service);

}  // namespace svcadv
