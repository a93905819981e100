// A running node's BIRD held against the route plan (`svcadv verify`): BIRD's `show protocols` and
// `show route` tables read into prefixes and peers, and the drift between them and the routes the
// plan gives the node, each with the plan's reason. Pure: the caller asks BIRD (sys/bird_control)
// and hands the text of the reply lines over.
#pragma once

#include <string>
#include <vector>

#include "svcadv/routes/plan_diff.h"

namespace svcadv {

// A row of `show protocols`: "Global_10_0_0_1 BGP master up 01:19:09 Established".
struct BirdProtocol {
    std::string name;
    std::string proto;  // BGP, Static, Kernel, Device, Direct, ...
    std::string table;
    std::string state;  // up, down, start, ...
    std::string info;   // for BGP: Established, Active, ...
};

// The rows of `show protocols` (the text of its reply lines; the heading is skipped). Throws an
// invalid-input Error naming BIRD for a row that is not one.
std::vector<BirdProtocol> parseBirdProtocols(const std::vector<std::string>& lines);

// The prefixes of a `show route` reply ("10.96.0.0/12  blackhole [static1 01:19:07] * (200)";
// rows of further routes of the same prefix start with blanks and add nothing). Canonical and
// unique, in reply order. Throws an invalid-input Error for a prefix that is not a CIDR.
std::vector<std::string> parseBirdRoutes(const std::vector<std::string>& lines);

// Whether `name` is a BIRD symbol, safe to put into a command ("show route export NAME").
bool isBirdSymbol(const std::string& name);

// What one BIRD (bird or bird6) holds.
struct BirdPeerExports {
    std::string protocol;  // the BGP protocol's name
    std::string state;     // "up", or the state BIRD reports
    std::string info;
    std::vector<std::string> exported;  // `show route export`, when up
};
struct BirdObservation {
    int family = 4;                         // 4: bird, 6: bird6
    std::vector<std::string> staticRoutes;  // the routes of the Static protocols
    std::vector<BirdPeerExports> peers;
};

enum class DriftKind {
    MissingStatic,    // planned, no static route in BIRD
    UnplannedStatic,  // a static route the plan does not have
    MissingExport,    // planned, not exported to a peer (filter, or the peer is down)
    UnplannedExport,  // exported to a peer, not planned
};
const char* driftKindName(DriftKind kind);

struct RouteDrift {
    DriftKind kind;
    int family = 4;
    std::string prefix;
    std::string peer;    // export drift: the BGP protocol
    std::string reason;  // planned: the plan's reason (LocalEndpoint, ...); unplanned: why the
                         // plan has no such route (NodeExcluded, NoLocalEndpoint, NotPlanned)
    std::string detail;  // the services of the plan's sources, the peer's state, ...
};

// The drift of one BIRD against the plan of `node` (the routes of the observation's family),
// ordered by kind, then peer, then prefix (the plan's order). Throws a usage error when the node is
// not in the plan.
std::vector<RouteDrift> birdDrift(const PlanView& view, const std::string& node,
                                  const BirdObservation& bird);

}  // namespace svcadv
