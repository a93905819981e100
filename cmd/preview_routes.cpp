#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <set>
#include <span>
#include <sstream>

#include "commands.h"
#include "svcadv/model/validate.h"
#include "svcadv/render/preview_render.h"
#include "svcadv/routes/advisory.h"
#include "svcadv/routes/node_exclusion.h"
#include "svcadv/store/cluster_source.h"
#include "svcadv/util/error.h"

namespace svcadv::cmd {
namespace {

// The --fail-on choices, in name order as completion offers them.
std::vector<std::string> warningCodeNames() {
    std::vector<std::string> names;
    for (const WarningInfo& warning : allWarningCodes())
        names.push_back(warning.name);
    std::sort(names.begin(), names.end());
    return names;
}

// A title, then "  NAME  explanation" lines with the explanations in one column (the man page
// turns such a paragraph into a list).
template <typename Info>
std::string codeList(const std::string& title, std::span<const Info> codes) {
    std::size_t width = 0;
    for (const Info& code : codes)
        width = std::max(width, std::string_view(code.name).size());
    std::string out = title;
    for (const Info& code : codes) {
        std::string name = code.name;
        out += "\n  " + name + std::string(width - name.size() + 2, ' ') + code.explanation;
    }
    return out;
}

struct PreviewRoutesOptions {
    std::vector<std::string> from;
    std::string bgpconfig;
    std::vector<std::string> exclude;
    std::vector<std::string> include;
    bool diff = false;
    std::vector<std::string> nodes;
    std::string service;
    std::string explain;
    std::string by = "node";
    std::string output = "table";
    int maxPaths = 0;
    bool exitCode = false;
    std::string failOn;
    std::string advertiseClusterIPs;
    bool noHeaders = false;

    // Checked values, filled by validate().
    PreviewOptions preview;
    std::set<WarningCode> gatedCodes;  // empty: every warning counts for --exit-code

    bool hasProposal() const { return !bgpconfig.empty() || !exclude.empty() || !include.empty(); }
    void validate();
};

void requireServiceName(const std::string& flag, const std::string& value) {
    auto slash = value.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == value.size())
        throw usageError(flag + ": expected NAMESPACE/NAME, got '" + value + "'");
}

void PreviewRoutesOptions::validate() {
    if (output == "bird" && nodes.size() != 1)
        throw usageError("-o bird needs exactly one --node NAME");
    if (diff && !hasProposal())
        throw usageError(
            "--diff needs a proposal: --bgpconfig FILE, --exclude NODE or --include NODE");
    if (diff && (!explain.empty() || output == "bird"))
        throw usageError("--diff cannot be combined with --explain or -o bird");
    if (!service.empty()) requireServiceName("--service", service);
    if (!explain.empty()) requireServiceName("--explain", explain);
    if (maxPaths < 0) throw usageError("--max-paths: must be at least 1");
    if (maxPaths > 0) preview.maxPaths = maxPaths;
    if (!advertiseClusterIPs.empty()) {
        // calico-node reads CALICO_ADVERTISE_CLUSTER_IPS as one CIDR, never a list. What Go's
        // net.ParseCIDR refuses leaves it with no cluster range: that is previewed (with a
        // warning), not refused.
        CidrParseResult parsed = parseCidr(advertiseClusterIPs);
        if (parsed.problem == CidrProblem::HostBitsSet)
            throw usageError("--advertise-cluster-ips: '" + advertiseClusterIPs +
                             "' is not a CIDR: " + parsed.reason);
        if (parsed.cidr)
            preview.advertiseClusterIPs = parsed.cidr;
        else
            preview.unparsableAdvertiseClusterIPs = advertiseClusterIPs;
    }
    std::stringstream codes(failOn);
    for (std::string name; std::getline(codes, name, ',');) {
        if (name.empty()) continue;
        auto code = warningCodeFromName(name);
        if (!code) throw usageError("--fail-on: unknown warning code '" + name + "'");
        gatedCodes.insert(*code);
    }
}

// "svcadv: read 40000 objects" on a terminal while a large input is read.
class ProgressLine {
  public:
    explicit ProgressLine(IOStreams& io) : err_(io.err), enabled_(io.errIsTerminal) {}
    ~ProgressLine() {
        if (shown_) err_ << "\r\033[K" << std::flush;
    }
    ObjectProgress callback() {
        if (!enabled_) return {};
        return [this](std::size_t count) {
            if (count % 10000 != 0) return;
            shown_ = true;
            err_ << "\rsvcadv: read " << count << " objects" << std::flush;
        };
    }

  private:
    std::ostream& err_;
    bool enabled_;
    bool shown_ = false;
};

ClusterState loadState(IOStreams& io, const PreviewRoutesOptions& options,
                       const GlobalOptions& global) {
    ProgressLine progress(io);
    if (!options.from.empty()) return loadClusterFromPaths(options.from, progress.callback());
    auto store = openStore(global);
    return loadClusterFromDatastore(*store);
}

void requireNode(const ClusterState& state, const std::string& flag, const std::string& name) {
    for (const auto& node : state.nodes) {
        if (node.name == name) return;
    }
    throw usageError(flag + ": node '" + name + "' is not in the input");
}

// The state with the proposals applied: the proposed `default`, and the exclude labels changed.
ClusterState proposedState(IOStreams& io, ClusterState state, const PreviewRoutesOptions& options) {
    if (!options.bgpconfig.empty()) {
        auto documents = expandLists(
            parseDocuments(readInput(io, options.bgpconfig), displayName(options.bgpconfig)));
        if (documents.size() != 1)
            throw invalidInput(options.bgpconfig + ": expected one BGPConfiguration, found " +
                               std::to_string(documents.size()) + " documents");
        // A proposal must be one that svcadv apply would store.
        proposeDefaultBgpConfiguration(state, checkedBgpConfiguration(documents.front()),
                                       documents.front().origin());
    }
    // The label changes label-exclude would make (any other value is simply replaced here).
    for (auto [names, remove, flag] : {std::tuple{&options.exclude, false, "--exclude"},
                                       std::tuple{&options.include, true, "--include"}}) {
        for (const auto& name : *names)
            requireNode(state, flag, name);
        state = planLabelChange(state, *names, remove, true).after;
    }
    return state;
}

// Warnings go after the table; flushing first keeps them below it on a terminal.
void printWarningLines(IOStreams& io, const RoutePlan& plan) {
    io.out << std::flush;
    io.err << warningLines(plan);
}

bool gatedWarnings(const RoutePlan& plan, const PreviewRoutesOptions& options) {
    if (options.gatedCodes.empty()) return !plan.warnings.empty();
    return std::any_of(plan.warnings.begin(), plan.warnings.end(), [&](const PreviewWarning& w) {
        return options.gatedCodes.count(w.code) > 0;
    });
}

void printDocument(std::ostream& out, const json& document, const std::string& output) {
    out << (output == "yaml" ? toYaml(document) : toJson(document));
}

bool structured(const std::string& output) {
    return output == "json" || output == "yaml";
}

void printLegend(IOStreams& io) {
    // Only for people at a terminal: scripts parsing the table never see it.
    if (!io.outIsTerminal) return;
    io.out << "\nRoutes each node originates. With the node-to-node mesh on, nodes also "
              "re-export /32s learned\ninside configured ranges, so an upstream router may see "
              "more next hops than listed.\n";
}

int runPreviewRoutes(IOStreams& io, PreviewRoutesOptions& options, const GlobalOptions& global) {
    options.validate();
    ClusterState current = loadState(io, options, global);
    ClusterState proposed =
        options.hasProposal() ? proposedState(io, current, options) : ClusterState{};
    const ClusterState& shown = options.hasProposal() ? proposed : current;
    RoutePlan plan = computeRoutePlan(shown, options.preview);
    PlanView view{shown, plan};
    PreviewFilter filter;
    filter.nodes.insert(options.nodes.begin(), options.nodes.end());
    filter.service = options.service;
    for (const auto& node : options.nodes)
        requireNode(shown, "--node", node);

    bool failed = false;
    if (options.diff) {
        RoutePlan before = computeRoutePlan(current, options.preview);
        auto changes = diffPlans({current, before}, view, filter);
        failed = !changes.empty();
        if (structured(options.output)) {
            printDocument(io.out, diffDocument(changes, {current, before}, view), options.output);
        } else {
            if (changes.empty())
                io.out << "No route changes.\n";
            else
                io.out << diffTable(changes, {current, before}, view, options.noHeaders);
            printWarningLines(io, plan);
        }
    } else if (!options.explain.empty()) {
        json explanation = explainDocument(view, options.explain);
        if (structured(options.output)) {
            printDocument(io.out, explanation, options.output);
        } else {
            io.out << explainTable(explanation, options.noHeaders);
            printWarningLines(io, plan);
        }
    } else if (options.output == "bird") {
        io.out << birdFragment(view, options.nodes.front());
        printWarningLines(io, plan);
    } else if (options.output == "json") {
        io.out << previewJson(view, filter);
    } else if (options.output == "yaml") {
        io.out << toYaml(previewDocument(view, filter));
    } else {
        io.out << previewTable(view, filter, options.by == "prefix", options.output == "wide",
                               options.noHeaders);
        printLegend(io);
        printWarningLines(io, plan);
    }
    if (!options.exitCode) return 0;
    return failed || gatedWarnings(plan, options) ? static_cast<int>(ExitCode::Differences) : 0;
}

}  // namespace

void registerPreviewRoutes(CommandContext& context) {
    auto options = std::make_shared<PreviewRoutesOptions>();
    CLI::App* command = addCommand(
        context.app, "preview-routes",
        "Show which prefixes each node advertises for services, and why",
        "Computes, as calico-node v3.33 would, the service prefixes every node originates over\n"
        "BGP: the configured ranges, and /32 or /128 host routes for Local services with a ready\n"
        "endpoint on the node (and for single-IP entries). Reads the active datastore, or\n"
        "snapshot files with --from. --bgpconfig, --exclude and --include preview a change;\n"
        "--diff prints only the routes it adds and withdraws. Warnings (stderr, or 'warnings' in\n"
        "json/yaml) point at services that are unreachable or configurations that mislead.\n\n" +
            codeList("Reasons (why a prefix is advertised on a node, or not):", allReasons()) +
            "\n\n" + codeList("Warnings (--fail-on takes these codes):", allWarningCodes()),
        "  # Every node's routes from a kubectl dump, BGPConfigurations included\n"
        "  kubectl get nodes,svc,endpointslices,bgpconfigurations -A -o json > cluster.json\n"
        "  svcadv preview-routes --from cluster.json\n"
        "  # The ECMP next hops per prefix\n"
        "  svcadv preview-routes --from cluster.json --by prefix\n"
        "  # Why is shop/web (not) advertised on each node?\n"
        "  svcadv preview-routes --from cluster.json --explain shop/web\n"
        "  # What would excluding node-a withdraw? Exit 1 if anything changes\n"
        "  svcadv preview-routes --from cluster.json --exclude node-a --diff --exit-code\n"
        "  # The BIRD configuration node-a would render\n"
        "  svcadv preview-routes --from cluster.json -o bird --node node-a");
    completesWith(command->add_option("--from", options->from,
                                      "Read the cluster from files or directories (YAML or JSON, "
                                      "- for stdin) instead of the datastore"),
                  ValueSource::Files);
    completesWith(command->add_option("--bgpconfig", options->bgpconfig,
                                      "Preview this proposed BGPConfiguration 'default' instead of "
                                      "the stored one"),
                  ValueSource::Files);
    completesWith(command->add_option("--exclude", options->exclude,
                                      "Preview with the exclude label set to true on NODE"),
                  ValueSource::Nodes);
    completesWith(command->add_option("--include", options->include,
                                      "Preview with the exclude label removed from NODE"),
                  ValueSource::Nodes);
    command->add_flag("--diff", options->diff,
                      "Print only the routes the proposal adds (+) and withdraws (-) per node");
    completesWith(command->add_option("--node", options->nodes, "Show only this node (repeatable)"),
                  ValueSource::Nodes);
    completesWith(
        command->add_option("--service", options->service, "Show only routes of NAMESPACE/NAME"),
        ValueSource::Services);
    completesWith(command->add_option("--explain", options->explain,
                                      "Per node, each address of NAMESPACE/NAME and the rule that "
                                      "decided"),
                  ValueSource::Services);
    withChoices(command->add_option("--by", options->by, "Table view: node or prefix"),
                {"node", "prefix"});
    withChoices(
        command->add_option("-o,--output", options->output, "table, wide, json, yaml or bird"),
        {"table", "wide", "json", "yaml", "bird"});
    command->add_option("--max-paths", options->maxPaths,
                        "Warn about prefixes with more next hops (routers cap ECMP width)");
    command->add_flag("--exit-code", options->exitCode,
                      "Exit 1 when the diff is not empty or a warning was raised");
    // A comma-separated list: the codes are offered, the list is checked in validate().
    withChoices(command->add_option("--fail-on", options->failOn,
                                    "With --exit-code, only these warning codes count (CODE,...)"),
                warningCodeNames(), false);
    command->add_option("--advertise-cluster-ips", options->advertiseClusterIPs,
                        "calico-node's CALICO_ADVERTISE_CLUSTER_IPS: one CIDR replacing "
                        "serviceClusterIPs");
    command->add_flag("--no-headers", options->noHeaders, "Omit the table header");
    command->callback([options, &context] {
        context.action = [options, &global = context.global, &io = context.io] {
            return runPreviewRoutes(io, *options, global);
        };
    });
}

}  // namespace svcadv::cmd
