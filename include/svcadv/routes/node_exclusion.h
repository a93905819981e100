// Taking nodes out of service advertisement with node.kubernetes.io/exclude-from-external-load-
// balancers: how each node's label reads, and what a change of labels does to the routes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "svcadv/model/datastore.h"
#include "svcadv/routes/plan_diff.h"
#include "svcadv/util/retry.h"

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

// Which nodes a label change is for: the names given, the nodes a label selector matches, or all.
struct NodeTargets {
    std::vector<std::string> names;
    std::string selector;
    bool all = false;
    // Names are taken as given; a selector or --all reads every node's labels.
    bool needsNodeList() const { return names.empty(); }
};
// The nodes to change: the names as given (a missing one is the plan's to report), else the
// `nodes` (Node objects, in their order) that the selector matches, or all of them. A usage error
// when a selector or --all finds no node.
std::vector<std::string> selectTargetNodes(const NodeTargets& targets,
                                           const std::vector<json>& nodes);

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

// The --force rule: a change that writes something and leaves a prefix or a Local service with no
// advertising node is refused unless forced, with an Error (ResourceState) naming each of them.
void refuseStrandingWithoutForce(const ExclusionImpact& impact, const LabelChangePlan& plan,
                                 bool force);

// Writing a planned change, node by node (applyNodeLabelChange: each node's decision is made again
// on the object the write is guarded by). A node that failed does not stop the others.
struct LabelWriteReport {
    std::vector<std::string> written;    // nodes whose label was written (or would be: dry run)
    std::vector<std::string> unchanged;  // one sentence per node found as wanted when written
    // One sentence per node not changed, in this order: the plan's refusals, the refusals and
    // errors of the writes, the plan's missing nodes.
    std::vector<std::string> failures;
    // 0 when nothing failed; PartialSuccess when something was written too; else ResourceState.
    int exitCode() const;
};
LabelWriteReport writeLabelChange(Datastore& store, const LabelChangePlan& plan, bool remove,
                                  bool overwrite, const WriteOptions& options,
                                  const RetryEnvironment& environment = {});

}  // namespace svcadv
