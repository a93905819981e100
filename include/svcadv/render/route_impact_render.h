// The route impact of a BGPConfiguration write, for people (text printed before the result line)
// and for CI (the RouteImpact document that -o json|yaml prints after the resulting objects).
#pragma once

#include <string>

#include "svcadv/routes/route_impact.h"

namespace svcadv {

// `state` is the cluster the impact was computed on (its services are the ones routes refer to).
json routeImpactDocument(const RouteImpact& impact, const ClusterState& state);
std::string routeImpactText(const RouteImpact& impact, const ClusterState& state);

// The refusal of a stranding change: a title line, then one "  - ..." line per stranded thing.
std::string strandingRefusal(const std::string& what, const std::vector<std::string>& lines);

}  // namespace svcadv
