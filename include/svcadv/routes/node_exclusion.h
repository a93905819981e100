// Taking nodes out of service advertisement with node.kubernetes.io/exclude-from-external-load-
// balancers: how each node's label reads, and what a change of labels does to the routes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "svcadv/routes/plan_diff.h"

namespace svcadv {

struct NodeExclusion {
    std::string node;
    std::optional<std::string> value;  // the label's value, when set
    bool calicoExcludes = false;       // Calico: only the value "true"
    bool metallbExcludes = false;      // MetalLB: the label's presence, whatever its value
};
std::vector<NodeExclusion> readExclusions(const ClusterState& state);  // sorted by node name

struct ExclusionImpact {
    RoutePlan planBefore, planAfter;  // what `changes` refers to
    std::vector<NodeChange> changes;  // routes each node stops or starts advertising
    struct Fanout {
        std::string prefix;
        std::size_t before = 0, after = 0;
    };
    std::vector<Fanout> fanout;                 // prefixes whose ECMP next-hop count changes
    std::vector<std::string> orphanedPrefixes;  // advertised before, by no node after
    std::vector<std::string> strandedServices;  // Local services left with no advertising node
    bool needsForce() const { return !orphanedPrefixes.empty() || !strandedServices.empty(); }
};

// What setting (or, with `remove`, taking off) the exclude label on `nodes` means, node by node.
struct LabelChangePlan {
    ClusterState after;                  // the state with the change made
    std::vector<std::string> toWrite;    // nodes whose label changes
    std::vector<std::string> unchanged;  // one sentence per node that needs nothing
    std::vector<std::string> refused;    // one sentence per node that needs --overwrite
    std::vector<std::string> missing;    // names that are no node of the state
};
LabelChangePlan planLabelChange(const ClusterState& before, const std::vector<std::string>& nodes,
                                bool remove, bool overwrite);

// Compares the advertisement of two states that differ in exclude labels.
ExclusionImpact assessExclusion(const ClusterState& before, const ClusterState& after);

}  // namespace svcadv
