#include "svcadv/routes/node_exclusion.h"

#include <algorithm>
#include <map>

#include "svcadv/model/node_label_ops.h"
#include "svcadv/util/error.h"
#include "svcadv/util/label_selector.h"

namespace svcadv {
namespace {

// Local services with a ready endpoint on a node that advertises.
std::vector<std::string> advertisedLocalServices(const ClusterState& state, const RoutePlan& plan) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < plan.services.size(); ++i) {
        const ServiceDecision& decision = plan.services[i];
        if (!decision.perNode) continue;
        bool advertised = std::any_of(decision.localNodes.begin(), decision.localNodes.end(),
                                      [&](int node) { return !state.nodes[node].excluded(); });
        if (advertised) out.push_back(state.services[i].key());
    }
    std::sort(out.begin(), out.end());
    return out;
}

NodeLabelChange exclusionChange(bool remove, bool overwrite) {
    return {kExcludeLabel, remove ? std::nullopt : std::optional<std::string>("true"), overwrite};
}

std::string unchangedSentence(const std::string& node, bool remove) {
    if (remove) return "Node " + node + " has no label " + kExcludeLabel + ": nothing to remove";
    return "Node " + node + " is already excluded";
}

// kubeadm's "" and friends: ignored by Calico, honoured by MetalLB.
std::string needsOverwriteSentence(const std::string& node, const std::string& value) {
    return "node " + node + " has " + kExcludeLabel + "='" + value +
           "' (Calico ignores it, MetalLB excludes the node); use --overwrite to set it to true";
}

}  // namespace

std::vector<std::string> selectTargetNodes(const NodeTargets& targets,
                                           const std::vector<json>& nodes) {
    if (!targets.names.empty()) return targets.names;
    std::vector<std::string> out;
    for (const auto& object : nodes) {
        const json& meta = object["metadata"];
        if (targets.all ||
            labelSelectorMatches(meta.value("labels", json::object()), targets.selector))
            out.push_back(meta.value("name", ""));
    }
    if (out.empty())
        throw usageError(targets.all ? "--all: there are no nodes"
                                     : "-l/--selector: no node matches '" + targets.selector + "'");
    return out;
}

std::vector<NodeExclusion> readExclusions(const ClusterState& state) {
    std::vector<NodeExclusion> out;
    for (const auto& node : state.nodes)
        out.push_back(
            {node.name, node.excludeLabel, node.excluded(), node.excludeLabel.has_value()});
    std::sort(out.begin(), out.end(),
              [](const NodeExclusion& a, const NodeExclusion& b) { return a.node < b.node; });
    return out;
}

LabelChangePlan planLabelChange(const ClusterState& before, const std::vector<std::string>& nodes,
                                bool remove, bool overwrite) {
    LabelChangePlan plan;
    plan.after = before;
    NodeLabelChange change = exclusionChange(remove, overwrite);
    for (const auto& name : nodes) {
        auto node = std::find_if(plan.after.nodes.begin(), plan.after.nodes.end(),
                                 [&](const NodeInfo& n) { return n.name == name; });
        if (node == plan.after.nodes.end()) {
            plan.missing.push_back(name);
            continue;
        }
        switch (decideLabelChange(node->excludeLabel, change)) {
            case LabelDecision::Unchanged:
                plan.unchanged.push_back(unchangedSentence(name, remove));
                continue;
            case LabelDecision::NeedsOverwrite:
                plan.refused.push_back(needsOverwriteSentence(name, *node->excludeLabel));
                continue;
            case LabelDecision::Write:
                break;
        }
        node->excludeLabel = change.value;
        plan.toWrite.push_back(name);
    }
    return plan;
}

ExclusionImpact assessExclusion(const ClusterState& before, const ClusterState& after) {
    ExclusionImpact impact;
    impact.planBefore = computeRoutePlan(before, {});
    impact.planAfter = computeRoutePlan(after, {});
    const RoutePlan& planBefore = impact.planBefore;
    const RoutePlan& planAfter = impact.planAfter;
    impact.changes = diffPlans({before, planBefore}, {after, planAfter}, {});
    std::map<std::string, std::size_t> countAfter;
    for (const auto& entry : planAfter.prefixes)
        countAfter[entry.prefix.str()] = entry.nodes.size();
    for (const auto& entry : planBefore.prefixes) {
        std::string prefix = entry.prefix.str();
        auto it = countAfter.find(prefix);
        std::size_t now = it == countAfter.end() ? 0 : it->second;
        if (now == 0) impact.orphanedPrefixes.push_back(prefix);
        if (now != entry.nodes.size()) impact.fanout.push_back({prefix, entry.nodes.size(), now});
    }
    for (const auto& entry : planAfter.prefixes) {
        if (std::none_of(planBefore.prefixes.begin(), planBefore.prefixes.end(),
                         [&](const PrefixNodes& p) { return p.prefix == entry.prefix; }))
            impact.fanout.push_back({entry.prefix.str(), 0, entry.nodes.size()});
    }
    auto was = advertisedLocalServices(before, planBefore);
    auto now = advertisedLocalServices(after, planAfter);
    std::set_difference(was.begin(), was.end(), now.begin(), now.end(),
                        std::back_inserter(impact.strandedServices));
    return impact;
}

void refuseStrandingWithoutForce(const ExclusionImpact& impact, const LabelChangePlan& plan,
                                 bool force) {
    if (force || plan.toWrite.empty() || !impact.needsForce()) return;
    // One line per stranded thing: a long refusal stays readable.
    std::string why;
    for (const auto& prefix : impact.orphanedPrefixes)
        why += "\n  - " + prefix + " would be advertised by no node";
    for (const auto& service : impact.strandedServices)
        why += "\n  - Local service " + service + " would be left with no advertising node";
    throw Error(ExitCode::ResourceState, "refusing to change the exclude label, it strands:" + why +
                                             "\n(use --force to do it anyway)");
}

int LabelWriteReport::exitCode() const {
    if (failures.empty()) return 0;
    return static_cast<int>(written.empty() ? ExitCode::ResourceState : ExitCode::PartialSuccess);
}

LabelWriteReport writeLabelChange(Datastore& store, const LabelChangePlan& plan, bool remove,
                                  bool overwrite, const WriteOptions& options,
                                  const RetryEnvironment& environment) {
    LabelWriteReport report;
    report.failures = plan.refused;
    NodeLabelChange change = exclusionChange(remove, overwrite);
    for (const auto& name : plan.toWrite) {
        try {
            NodeLabelOutcome outcome =
                applyNodeLabelChange(store, name, change, options, environment);
            switch (outcome.decision) {
                case LabelDecision::Write:
                    report.written.push_back(name);
                    break;
                case LabelDecision::Unchanged:
                    report.unchanged.push_back(unchangedSentence(name, remove));
                    break;
                case LabelDecision::NeedsOverwrite:
                    report.failures.push_back(needsOverwriteSentence(name, *outcome.found));
                    break;
            }
        } catch (const Error& e) {
            report.failures.push_back(e.what());
        }
    }
    for (const auto& name : plan.missing)
        report.failures.push_back(notFound("Node", name).what());
    return report;
}

}  // namespace svcadv
