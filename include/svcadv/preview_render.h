// Printing a RoutePlan (preview-output.md): the RoutePreview document for -o json|yaml, the tables,
// the diff of two plans, the explanation of one service, and a node's BIRD fragment.
#pragma once

#include <set>
#include <string>

#include "svcadv/route_plan.h"

namespace svcadv {

// What the output is narrowed to (the plan itself is always computed whole).
struct PreviewFilter {
    std::set<std::string> nodes;  // empty: every node
    std::string service;          // "ns/name"; empty: every route
};

struct PlanView {
    const ClusterState& state;
    const RoutePlan& plan;
};

// The RoutePreview document: nodes with their routes, prefixes with their nodes, warnings.
json previewDocument(const PlanView& view, const PreviewFilter& filter);

// The same document as previewDocument, written as JSON text directly: a 5,000-node plan prints
// without building a tree first. One route per line, stable key order.
std::string previewJson(const PlanView& view, const PreviewFilter& filter);

// `--by node`: NODE PREFIX REASON SERVICE (wide: + ADDRESS PATHS), one row per source.
// `--by prefix`: PREFIX NODES COUNT (NODES abbreviated unless wide).
std::string previewTable(const PlanView& view, const PreviewFilter& filter, bool byPrefix,
                         bool wide, bool noHeaders);

// Per node, the routes `after` adds and withdraws compared with `before` (nodes matched by name).
struct NodeChange {
    std::string node;
    std::vector<json> added;  // route objects as in previewDocument
    std::vector<json> withdrawn;
};
std::vector<NodeChange> diffPlans(const PlanView& before, const PlanView& after,
                                  const PreviewFilter& filter);
json diffDocument(const std::vector<NodeChange>& changes, const RoutePlan& after);
std::string diffTable(const std::vector<NodeChange>& changes, bool noHeaders);

// Per node, each address of the service, its prefix, and the rule that decided. Throws a usage
// error when the service is not in the input.
json explainDocument(const PlanView& view, const std::string& service);
std::string explainTable(const json& explanation, bool noHeaders);

// The BIRD 2 configuration calico-node would render for the node's service routes: a static
// protocol per address family with a blackhole route per prefix, and the export filter accepting
// them. Throws a usage error when the node is not in the input.
std::string birdFragment(const PlanView& view, const std::string& node);

// The warnings as "Warning: <code>: <subject>: <message>" lines.
std::string warningLines(const RoutePlan& plan);

}  // namespace svcadv
