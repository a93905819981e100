// What a change of the BGPConfiguration `default` does, computed before it is written: the
// entries added to and removed from each service CIDR list, the routes each node starts and stops
// advertising, ECMP next-hop counts, and which service addresses lose or gain their way in. Writes
// print it and refuse, unless forced, a change that strands services (as label-exclude does).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "svcadv/routes/plan_diff.h"
#include "svcadv/routes/route_plan.h"

namespace svcadv {

struct CidrListChange {
    std::string field;                        // "serviceLoadBalancerIPs"
    std::vector<std::string> added, removed;  // entries as written
};

// Another spec field that changes; null where unset.
struct SpecFieldChange {
    std::string field;
    json before, after;
};

// One address of a service and the route an upstream router reaches it through.
struct ServiceAddressRoute {
    std::string service;  // "ns/name"
    std::string ip;
    AddressKind kind = AddressKind::None;
    std::string route;  // the covering advertised prefix (before for lost, after for gained)
};

// A configured range taken out although service addresses live in it and no range left covers
// them.
struct StrandedRange {
    std::string field;
    std::string cidr;
    std::vector<ServiceAddressRoute> addresses;  // route: empty
};

struct EcmpChange {
    std::string prefix;
    std::size_t before = 0, after = 0;
};

struct RouteImpact {
    bool existedBefore = false, existsAfter = false;
    std::vector<CidrListChange> lists;  // only lists that change
    std::vector<SpecFieldChange> fields;
    RoutePlan planBefore, planAfter;  // of the same nodes and services
    std::vector<NodeChange> changes;  // per node; services index the one state both plans share
    std::vector<EcmpChange> ecmp;
    std::vector<ServiceAddressRoute> unreachable;  // had an advertised route, has none after
    std::vector<ServiceAddressRoute> reachable;    // had none, has one after
    std::vector<StrandedRange> strandedRanges;

    bool changesConfiguration() const {
        return existedBefore != existsAfter || !lists.empty() || !fields.empty();
    }
    bool needsForce() const { return !unreachable.empty() || !strandedRanges.empty(); }
    // One line per stranded address and range, for the refusal.
    std::vector<std::string> strandingLines() const;
};

// Compares `state` (whose `default` is the stored one) with the same state whose `default` is
// `proposed` (nullopt: deleted).
RouteImpact assessConfigChange(const ClusterState& state,
                               const std::optional<BGPConfiguration>& proposed);

// A warning of two plans compared (preview-routes --diff): raised only after, only before, or by
// both. Warnings are the same when code, subjects and message agree.
enum class WarningChangeKind { New, Resolved, Unchanged };
const char* warningChangeName(WarningChangeKind kind);  // "new", "resolved", "unchanged"
struct WarningChange {
    WarningChangeKind change;
    PreviewWarning warning;
};
// After's warnings in their order (new or unchanged), then the resolved ones in before's order.
std::vector<WarningChange> diffWarnings(const std::vector<PreviewWarning>& before,
                                        const std::vector<PreviewWarning>& after);

}  // namespace svcadv
