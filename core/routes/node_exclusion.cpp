#include "svcadv/routes/node_exclusion.h"

#include <algorithm>
#include <map>

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

}  // namespace

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
    for (const auto& name : nodes) {
        auto node = std::find_if(plan.after.nodes.begin(), plan.after.nodes.end(),
                                 [&](const NodeInfo& n) { return n.name == name; });
        if (node == plan.after.nodes.end()) {
            plan.missing.push_back(name);
            continue;
        }
        const auto& value = node->excludeLabel;
        if (remove && !value) {
            plan.unchanged.push_back("Node " + name + " has no label " + kExcludeLabel +
                                     ": nothing to remove");
            continue;
        }
        if (!remove && value == "true") {
            plan.unchanged.push_back("Node " + name + " is already excluded");
            continue;
        }
        if (!remove && value && !overwrite) {
            // kubeadm's "" and friends: ignored by Calico, honoured by MetalLB.
            plan.refused.push_back("node " + name + " has " + kExcludeLabel + "='" + *value +
                                   "' (Calico ignores it, MetalLB excludes the node); use "
                                   "--overwrite to set it to true");
            continue;
        }
        if (remove)
            node->excludeLabel.reset();
        else
            node->excludeLabel = "true";
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

}  // namespace svcadv
