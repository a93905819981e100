// "Is it reachable, and why not": the reachability of one service as tables for people and as
// the `reachability` member of the RouteExplanation document; warnings marked new, resolved or
// unchanged for --diff.
#pragma once

#include <string>
#include <vector>

#include "svcadv/routes/reachability.h"
#include "svcadv/routes/route_impact.h"

namespace svcadv {

json reachabilityJson(const ServiceReachability& reach, const ClusterState& state);
// The per-node table (NODE ADDRESS ROUTE SERVES), a verdict per address, the endpoints and the
// fixes.
std::string reachabilityText(const ServiceReachability& reach, const ClusterState& state,
                             bool noHeaders);

// "Warning: <code>: <subject>: <message>" lines, as preview-routes prints them; with `marks`
// (parallel), "Warning (new): ...".
std::string warningLines(const std::vector<PreviewWarning>& warnings);
std::string warningLines(const std::vector<WarningChange>& changes);
json warningChangeArray(const std::vector<WarningChange>& changes);

}  // namespace svcadv
