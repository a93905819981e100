#include <iostream>

#include "commands.h"
#include "svcadv/render/preview_render.h"
#include "svcadv/routes/node_exclusion.h"
#include "svcadv/store/cluster_source.h"
#include "svcadv/util/error.h"
#include "svcadv/util/label_selector.h"

namespace svcadv::cmd {
namespace {

struct LabelExcludeOptions {
    std::vector<std::string> nodes;
    std::string selector;
    bool all = false;
    bool remove = false;
    bool list = false;
    bool overwrite = false;
    bool force = false;
    bool quiet = false;
    std::string output = "table";
    DryRunFlag dryRun;

    void validate() const {
        int ways = !nodes.empty() + !selector.empty() + all;
        if (list && (ways > 0 || remove))
            throw usageError("--list takes no NODE, -l/--selector, --all or --remove");
        if (!list && ways != 1)
            throw usageError(
                "name the nodes: NODE..., -l/--selector SELECTOR or --all (one of them)");
        // A selector that does not parse is refused before anything is read or written.
        try {
            if (!selector.empty()) LabelSelector::parse(selector);
        } catch (const Error& e) {
            throw e.withContext("-l/--selector");
        }
    }
};

std::string onOff(bool excluded) {
    return excluded ? "excluded" : "advertises";
}

int listExclusions(IOStreams& io, const LabelExcludeOptions& options, const ClusterState& state) {
    auto readings = readExclusions(state);
    if (options.output == "json" || options.output == "yaml") {
        json items = json::array();
        for (const auto& r : readings) {
            items.push_back({{"node", r.node},
                             {"label", r.value ? json(*r.value) : json(nullptr)},
                             {"calico", onOff(r.calicoExcludes)},
                             {"metallb", onOff(r.metallbExcludes)}});
        }
        json document = {
            {"apiVersion", "svcadv/v1"}, {"kind", "NodeExclusionList"}, {"items", items}};
        io.out << (options.output == "json" ? toJson(document) : toYaml(document));
        return 0;
    }
    std::vector<std::vector<std::string>> rows{{"NODE", "LABEL", "CALICO", "METALLB"}};
    for (const auto& r : readings) {
        std::string label = r.value ? (r.value->empty() ? "\"\"" : *r.value) : "-";
        rows.push_back({r.node, label, onOff(r.calicoExcludes), onOff(r.metallbExcludes)});
    }
    io.out << formatTable(rows);
    return 0;
}

void printImpact(std::ostream& out, const ExclusionImpact& impact, const ClusterState& before,
                 const ClusterState& after) {
    if (impact.changes.empty()) {
        out << "No route changes.\n";
    } else {
        out << diffTable(impact.changes, {before, impact.planBefore}, {after, impact.planAfter},
                         false);
    }
    for (const auto& f : impact.fanout)
        out << "ECMP " << f.prefix << ": " << f.before << " -> " << f.after << " next hops\n";
    for (const auto& prefix : impact.orphanedPrefixes)
        out << "No node advertises " << prefix << " any more\n";
    for (const auto& service : impact.strandedServices)
        out << "Local service " << service << " is left with no advertising node\n";
}

int runLabelExclude(IOStreams& io, const LabelExcludeOptions& options,
                    const GlobalOptions& global) {
    options.validate();
    auto store = openStore(global);
    ClusterState before = loadClusterFromDatastore(*store);
    if (options.list) return listExclusions(io, options, before);

    NodeTargets targets{options.nodes, options.selector, options.all};
    // The Kubernetes API server selects the nodes itself (?labelSelector=), as kubectl -l does.
    std::vector<json> nodes = !targets.needsNodeList() ? std::vector<json>{}
                              : targets.all            ? store->list("Node")
                                            : store->listSelected("Node", targets.selector);
    LabelChangePlan plan = planLabelChange(before, selectTargetNodes(targets, nodes),
                                           options.remove, options.overwrite);
    if (!options.quiet) {
        for (const auto& line : plan.unchanged)
            io.out << line << "\n";
    }
    ExclusionImpact impact = assessExclusion(before, plan.after);
    if (!options.quiet && !plan.toWrite.empty()) printImpact(io.out, impact, before, plan.after);
    refuseStrandingWithoutForce(impact, plan, options.force);

    LabelWriteReport report = writeLabelChange(*store, plan, options.remove, options.overwrite,
                                               WriteOptions{options.dryRun.kind()});
    if (!options.quiet) {
        for (const auto& line : report.unchanged)
            io.out << line << "\n";
    }
    for (const auto& name : report.written) {
        io.out << "Successfully " << (options.remove ? "removed label " : "set label ")
               << kExcludeLabel << (options.remove ? " from node " : " on node ") << name
               << options.dryRun.suffix() << "\n";
    }
    if (report.failures.empty()) return 0;
    // One error for main to print: every node that failed, one per line.
    std::string failures;
    for (const auto& failure : report.failures)
        failures += (failures.empty() ? "" : "\n") + failure;
    throw Error(static_cast<ExitCode>(report.exitCode()), failures);
}

}  // namespace

void registerLabelExclude(CommandContext& context) {
    auto options = std::make_shared<LabelExcludeOptions>();
    CLI::App* command = addCommand(
        context.app, "label-exclude", "Take nodes out of (or back into) service advertisement",
        "Sets node.kubernetes.io/exclude-from-external-load-balancers=true on nodes (--remove "
        "takes\n"
        "it off), after showing the routes the change withdraws or restores and the ECMP next-hop\n"
        "counts it changes. It refuses to leave an advertised prefix with no node, or a Local\n"
        "service with endpoints but no advertising node, unless --force. A label with another\n"
        "value (\"\", false, True: ignored by Calico, honoured by MetalLB) needs --overwrite.",
        "  # How every node reads today (Calico and MetalLB)\n"
        "  svcadv label-exclude --list\n"
        "  # Take a node out for maintenance, showing what it withdraws\n"
        "  svcadv label-exclude node-a\n"
        "  # All control-plane nodes, without writing\n"
        "  svcadv label-exclude -l node-role.kubernetes.io/control-plane --dry-run\n"
        "  # Back into advertisement\n"
        "  svcadv label-exclude node-a --remove");
    completesWith(command->add_option("nodes", options->nodes, "Node names"), ValueSource::Nodes);
    command->add_option("-l,--selector", options->selector,
                        "Nodes matching a label selector (a=b, a!=b, a, !a, a in (x,y))");
    command->add_flag("--all", options->all, "Every node");
    command->add_flag("--remove", options->remove, "Take the label off instead");
    command->add_flag("--list", options->list,
                      "Show each node's label and how Calico and MetalLB read it");
    command->add_flag("--overwrite", options->overwrite, "Replace a label that has another value");
    command->add_flag("--force", options->force,
                      "Change it even when a prefix or a Local service loses every node");
    command->add_flag("--quiet", options->quiet, "Print only the result lines");
    withChoices(
        command->add_option("-o,--output", options->output, "--list output: table, json or yaml"),
        {"table", "json", "yaml"});
    addDryRunFlag(command, options->dryRun);
    command->callback([options, &context] {
        context.action = [options, &global = context.global, &io = context.io] {
            return runLabelExclude(io, *options, global);
        };
    });
}

}  // namespace svcadv::cmd
