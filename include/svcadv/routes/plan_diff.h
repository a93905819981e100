// Comparing two route plans: per node, the routes one advertises that the other does not. The
// preview's --diff, label-exclude and the route impact of writes all ask this one question.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "svcadv/routes/route_plan.h"

namespace svcadv {

// A plan with the state it was computed from (routes refer to its services by index).
struct PlanView {
    const ClusterState& state;
    const RoutePlan& plan;
};

// What the output is narrowed to (the plan itself is always computed whole).
struct PreviewFilter {
    std::set<std::string> nodes;  // empty: every node
    std::string service;          // "ns/name"; empty: every route

    bool showsNode(const std::string& name) const { return nodes.empty() || nodes.count(name) > 0; }
    // With a service filter, only routes that service is a source of.
    bool showsRoute(const PlanView& view, const Route& route) const;
};

// The service key ("ns/name") of a route source; "" for a global route.
std::string serviceOf(const PlanView& view, const RouteSource& source);

// Per node, the routes `after` adds and withdraws compared with `before` (nodes matched by name).
// Added routes refer to the services of after's state, withdrawn ones to before's.
struct NodeChange {
    std::string node;
    std::vector<Route> added;
    std::vector<Route> withdrawn;
};
std::vector<NodeChange> diffPlans(const PlanView& before, const PlanView& after,
                                  const PreviewFilter& filter);

}  // namespace svcadv
