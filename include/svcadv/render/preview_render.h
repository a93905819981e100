// Printing a RoutePlan (preview-output.md): the RoutePreview document for -o json|yaml, the tables,
// the diff of two plans, and the explanation of one service (a node's BIRD configuration:
// bird_render.h).
#pragma once

#include <iosfwd>
#include <set>
#include <string>

#include "svcadv/routes/plan_diff.h"
#include "svcadv/routes/route_impact.h"
#include "svcadv/routes/route_plan.h"

namespace svcadv {

// The RoutePreview document: nodes with their routes, prefixes with their nodes, warnings.
json previewDocument(const PlanView& view, const PreviewFilter& filter);

// The same document as previewDocument, written as JSON text directly: a 5,000-node plan prints
// without building a tree first. One route per line, stable key order. Written to `out` in pieces
// of about a mebibyte, as they are made.
void writePreviewJson(std::ostream& out, const PlanView& view, const PreviewFilter& filter);
std::string previewJson(const PlanView& view, const PreviewFilter& filter);

// `--by node`: NODE PREFIX REASON SERVICE (wide: + ADDRESS PATHS), one row per source.
// `--by prefix`: PREFIX NODES COUNT (NODES abbreviated unless wide).
std::string previewTable(const PlanView& view, const PreviewFilter& filter, bool byPrefix,
                         bool wide, bool noHeaders);

// The RoutePreviewDiff document: RoutePreview's structure (nodes with their routes and reject
// cidrs, prefixes with their nodes, warnings), holding only what changed, each item marked with
// `change`: routes, reject cidrs and prefixes "added" or "withdrawn" (a prefix added on some
// nodes and withdrawn on others is two items), warnings "new", "resolved" or "unchanged". A
// script that reads one document reads the other.
json diffDocument(const std::vector<NodeChange>& changes, const PlanView& before,
                  const PlanView& after, const std::vector<WarningChange>& warnings);
// The NODE CHANGE PREFIX REASON SERVICE table of diffPlans.
std::string diffTable(const std::vector<NodeChange>& changes, const PlanView& before,
                      const PlanView& after, bool noHeaders);

// Per node, each address of the service, its prefix, and the rule that decided. Throws a usage
// error when the service is not in the input.
json explainDocument(const PlanView& view, const std::string& service);
std::string explainTable(const json& explanation, bool noHeaders);

// One warning as the documents carry it: code, message, and its service, node or prefix.
json warningJson(const PreviewWarning& warning);

}  // namespace svcadv
