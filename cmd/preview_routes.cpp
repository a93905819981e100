#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <set>
#include <span>
#include <sstream>

#include "commands.h"
#include "svcadv/model/validate.h"
#include "svcadv/render/bird_render.h"
#include "svcadv/render/preview_render.h"
#include "svcadv/render/reachability_render.h"
#include "svcadv/routes/advisory.h"
#include "svcadv/routes/node_exclusion.h"
#include "svcadv/routes/reachability.h"
#include "svcadv/routes/route_impact.h"
#include "svcadv/store/cluster_source.h"
#include "svcadv/util/error.h"
#include "svcadv/util/suggest.h"

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
    std::string calicoVersion;
    bool noHeaders = false;
    std::vector<std::string> birdPeers;
    std::string birdRouterId;

    // Checked values, filled by validate().
    BirdOptions bird;
    PreviewOptions preview;
    std::optional<CalicoVersion> requestedVersion;
    std::optional<JsonPathTemplate> jsonPath;
    std::set<WarningCode> gatedCodes;  // empty: every warning counts for --exit-code

    bool hasProposal() const { return !bgpconfig.empty() || !exclude.empty() || !include.empty(); }
    void validate();
};

// NAMESPACE/NAME, or a NAME that the input resolves when it is unique.
void requireServiceName(const std::string& flag, const std::string& value) {
    auto slash = value.find('/');
    if (value.empty() || slash == 0 || (slash != std::string::npos && slash + 1 == value.size()))
        throw usageError(flag + ": expected NAMESPACE/NAME, got '" + value + "'");
}

void PreviewRoutesOptions::validate() {
    jsonPath = jsonPathOutput(output);
    static const std::set<std::string> formats{"table", "wide", "json", "yaml", "bird", "bird6"};
    if (!jsonPath && !formats.count(output))
        throw usageError("-o/--output: '" + output +
                         "' is not one of table, wide, json, yaml, bird, bird6, jsonpath=TEMPLATE" +
                         didYouMeanInline(output, {formats.begin(), formats.end()}));
    bool birdOutput = output == "bird" || output == "bird6";
    if (birdOutput && nodes.size() != 1)
        throw usageError("-o " + output + " needs exactly one --node NAME");
    if (!birdOutput && (!birdPeers.empty() || !birdRouterId.empty()))
        throw usageError("--bird-peer and --bird-router-id need -o bird or -o bird6");
    bird.family = output == "bird6" ? 6 : 4;
    for (const auto& peer : birdPeers)
        bird.peers.push_back(parseBirdPeer("--bird-peer", peer));
    if (output == "bird6" && birdRouterId.empty())
        throw usageError(
            "-o bird6 needs --bird-router-id A.B.C.D: bird6 cannot choose a router "
            "ID (calico-node uses the node's IPv4 address)");
    if (!birdRouterId.empty()) {
        // A BGP router ID is four octets, in bird6 too.
        auto address = parseIp(birdRouterId);
        if (!address || address->family != 4)
            throw usageError("--bird-router-id: '" + birdRouterId + "' is not an IPv4 address");
        bird.routerId = address->str();
    }
    if (diff && !hasProposal())
        throw usageError(
            "--diff needs a proposal: --bgpconfig FILE, --exclude NODE or --include NODE");
    if (diff && (!explain.empty() || birdOutput))
        throw usageError("--diff cannot be combined with --explain or -o bird");
    if (diff && by == "prefix")
        throw usageError("--by prefix: --diff lists the changes per node; drop --by or --diff");
    if (!failOn.empty() && !exitCode)
        throw usageError("--fail-on only chooses the codes --exit-code counts: add --exit-code");
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
    if (!calicoVersion.empty()) {
        std::string problem;
        requestedVersion = parseCalicoVersion(calicoVersion, problem);
        if (!requestedVersion) throw usageError("--calico-version: " + problem);
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
    return loadClusterFromDatastore(*store, options.requestedVersion);
}

// The route rules of the cluster's Calico release, said on stderr when they are not simply the
// newest (the documents name them in `semantics`).
void chooseSemantics(IOStreams& io, PreviewRoutesOptions& options, const ClusterState& state) {
    ResolvedSemantics resolved =
        resolveCalicoSemantics(options.requestedVersion, state.calicoVersion);
    options.preview.semantics = resolved.semantics;
    if (!resolved.note.empty()) io.err << "svcadv: " << resolved.note << "\n";
    if (!resolved.origin.empty())
        io.err << "svcadv: route rules of Calico " << resolved.semantics.version.str() << " ("
               << resolved.origin << ")\n";
    bool coreEndpoints = resolved.semantics.endpointSource == EndpointSource::CoreEndpoints;
    if (coreEndpoints && state.coreEndpoints.empty() && !state.endpointSlices.empty())
        io.err << "svcadv: Calico " << resolved.semantics.version.str()
               << " reads core v1 Endpoints, and the input has none (only EndpointSlices): "
                  "add them (kubectl get endpoints -A -o json)\n";
}

void requireNode(const ClusterState& state, const std::string& flag, const std::string& name) {
    std::vector<std::string> names;
    for (const auto& node : state.nodes) {
        if (node.name == name) return;
        names.push_back(node.name);
    }
    throw usageError(flag + ": node '" + name + "' is not in the input" + didYouMean(name, names));
}

// The index of the service `typed` names: NAMESPACE/NAME, or NAME when one namespace has it.
int resolveService(const ClusterState& state, const std::string& flag, const std::string& typed) {
    bool qualified = typed.find('/') != std::string::npos;
    std::vector<int> found;
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < state.services.size(); ++i) {
        const ServiceInfo& service = state.services[i];
        keys.push_back(service.key());
        if (qualified ? service.key() == typed : service.name == typed)
            found.push_back(static_cast<int>(i));
    }
    if (found.size() == 1) return found.front();
    if (found.size() > 1) {
        std::string which;
        for (int i : found)
            which += (which.empty() ? "" : ", ") + state.services[i].key();
        throw usageError(flag + ": service '" + typed + "' is in several namespaces: " + which +
                         "; give NAMESPACE/NAME");
    }
    if (!qualified) {
        std::vector<std::string> names;
        for (const auto& service : state.services)
            names.push_back(service.name);
        std::string hint = didYouMean(typed, names);
        if (hint.empty()) hint = didYouMean(typed, keys);
        throw usageError(flag + ": service '" + typed + "' is not in the input" + hint);
    }
    throw usageError(flag + ": service '" + typed + "' is not in the input" +
                     didYouMean(typed, keys));
}

// The state with the proposals applied: the proposed `default`, and the exclude labels changed.
ClusterState proposedState(IOStreams& io, ClusterState state, const PreviewRoutesOptions& options) {
    if (!options.bgpconfig.empty()) {
        auto documents = expandLists(
            parseDocuments(readInput(io, options.bgpconfig), displayName(options.bgpconfig)));
        if (documents.size() != 1)
            throw invalidInput(options.bgpconfig + ": expected one BGPConfiguration, found " +
                               std::to_string(documents.size()) + " documents");
        // A proposal must be one that svcadv apply would store, by the rules of the release
        // whose routes are previewed.
        ValidationProfile profile = validationProfileOf(options.preview.semantics.version);
        proposeDefaultBgpConfiguration(state, checkedBgpConfiguration(documents.front(), profile),
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
    io.err << warningLines(plan.warnings);
}

bool gatedWarnings(const RoutePlan& plan, const PreviewRoutesOptions& options) {
    if (options.gatedCodes.empty()) return !plan.warnings.empty();
    return std::any_of(plan.warnings.begin(), plan.warnings.end(), [&](const PreviewWarning& w) {
        return options.gatedCodes.count(w.code) > 0;
    });
}

void printDocument(std::ostream& out, const json& document, const PreviewRoutesOptions& options) {
    if (options.jsonPath)
        out << options.jsonPath->execute(document);
    else
        out << (options.output == "yaml" ? toYaml(document) : toJson(document));
}

bool structured(const PreviewRoutesOptions& options) {
    return options.output == "json" || options.output == "yaml" || options.jsonPath;
}

void printLegend(IOStreams& io) {
    // Only for people at a terminal: scripts parsing the table never see it.
    if (!io.outIsTerminal) return;
    io.out << "\nRoutes each node originates. With the node-to-node mesh on, nodes also "
              "re-export /32s learned\ninside configured ranges, so an upstream router may see "
              "more next hops than listed.\n";
}

// The reachability of a service on the nodes --node shows.
ServiceReachability reachabilityShown(const ClusterState& state, const RoutePlan& plan, int service,
                                      const PreviewFilter& filter) {
    ServiceReachability reach = assessServiceReachability(state, plan, service);
    for (auto& address : reach.addresses)
        std::erase_if(address.nodes, [&](const NodeReach& node) {
            return !filter.showsNode(state.nodes[node.node].name);
        });
    return reach;
}

// The warnings of the plan, or only those about the service shown.
std::vector<PreviewWarning> shownWarnings(const RoutePlan& plan, const std::string& service) {
    std::vector<PreviewWarning> out;
    for (const auto& warning : plan.warnings) {
        if (service.empty() || warning.service == service) out.push_back(warning);
    }
    return out;
}

int runPreviewRoutes(IOStreams& io, PreviewRoutesOptions& options, const GlobalOptions& global) {
    options.validate();
    ClusterState current = loadState(io, options, global);
    chooseSemantics(io, options, current);
    ClusterState proposed =
        options.hasProposal() ? proposedState(io, current, options) : ClusterState{};
    const ClusterState& shown = options.hasProposal() ? proposed : current;
    RoutePlan plan = computeRoutePlan(shown, options.preview);
    PlanView view{shown, plan};
    PreviewFilter filter;
    filter.nodes.insert(options.nodes.begin(), options.nodes.end());
    std::optional<int> serviceIndex;
    if (!options.service.empty()) {
        serviceIndex = resolveService(shown, "--service", options.service);
        filter.service = shown.services[*serviceIndex].key();
    }
    for (const auto& node : options.nodes)
        requireNode(shown, "--node", node);
    std::vector<PreviewWarning> warnings = shownWarnings(plan, filter.service);

    bool failed = false;
    if (options.diff) {
        RoutePlan before = computeRoutePlan(current, options.preview);
        auto changes = diffPlans({current, before}, view, filter);
        auto warningChanges = diffWarnings(shownWarnings(before, filter.service), warnings);
        failed = !changes.empty();
        if (structured(options)) {
            json document = diffDocument(changes, {current, before}, view, warningChanges);
            printDocument(io.out, document, options);
        } else {
            if (changes.empty())
                io.out << "No route changes.\n";
            else
                io.out << diffTable(changes, {current, before}, view, options.noHeaders);
            io.out << std::flush;
            io.err << warningLines(warningChanges);
        }
    } else if (!options.explain.empty()) {
        int index = resolveService(shown, "--explain", options.explain);
        std::string key = shown.services[index].key();
        warnings = shownWarnings(plan, key);
        json explanation = explainDocument(view, key);
        ServiceReachability reach = reachabilityShown(shown, plan, index, filter);
        if (structured(options)) {
            explanation["reachability"] = reachabilityJson(reach, shown);
            printDocument(io.out, explanation, options);
        } else {
            io.out << explainTable(explanation, options.noHeaders)
                   << reachabilityText(reach, shown, options.noHeaders) << std::flush;
            io.err << warningLines(warnings);
        }
    } else if (options.output == "bird" || options.output == "bird6") {
        io.out << birdConfig(view, options.nodes.front(), plan.rejectCidrs, CommunityIndex(shown),
                             options.bird);
        printWarningLines(io, plan);
    } else if ((serviceIndex && structured(options)) || options.jsonPath) {
        json document = previewDocument(view, filter);
        if (serviceIndex) {
            json reach =
                reachabilityJson(reachabilityShown(shown, plan, *serviceIndex, filter), shown);
            document["warnings"] = reach["warnings"];  // the service's own
            document["reachability"] = std::move(reach);
        }
        printDocument(io.out, document, options);
    } else if (options.output == "json") {
        writePreviewJson(io.out, view, filter);
    } else if (options.output == "yaml") {
        io.out << toYaml(previewDocument(view, filter));
    } else {
        io.out << previewTable(view, filter, options.by == "prefix", options.output == "wide",
                               options.noHeaders);
        if (serviceIndex)
            io.out << reachabilityText(reachabilityShown(shown, plan, *serviceIndex, filter), shown,
                                       options.noHeaders);
        printLegend(io);
        io.out << std::flush;
        io.err << warningLines(warnings);
    }
    if (!options.exitCode) return 0;
    RoutePlan gated = plan;
    gated.warnings = warnings;
    return failed || gatedWarnings(gated, options) ? static_cast<int>(ExitCode::Differences) : 0;
}

}  // namespace

void registerPreviewRoutes(CommandContext& context) {
    auto options = std::make_shared<PreviewRoutesOptions>();
    CLI::App* command = addCommand(
        context.app, "preview-routes",
        "Show which prefixes each node advertises for services, and why",
        "Computes, as calico-node would, the service prefixes every node originates over\n"
        "BGP: the configured ranges, and /32 or /128 host routes for Local services with a ready\n"
        "endpoint on the node (and for single-IP entries). Reads the active datastore, or\n"
        "snapshot files with --from. --bgpconfig, --exclude and --include preview a change;\n"
        "--diff prints only the routes it adds and withdraws. Warnings (stderr, or 'warnings' in\n"
        "json/yaml) point at services that are unreachable or configurations that mislead.\n"
        "-o json|yaml print the RoutePreview document (nodes[].routes[], nodes[].rejectCidrs[],\n"
        "prefixes[].nodes, warnings[]); with --diff the RoutePreviewDiff, the same structure\n"
        "holding what changed, each route, reject cidr and prefix marked 'change: added' or\n"
        "'withdrawn' and each warning 'new', 'resolved' or 'unchanged'.\n"
        "The route rules are those of the cluster's Calico release (ClusterInformation\n"
        "default, or --calico-version; v3.26 to v3.33 and master), else v3.33's.\n\n" +
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
        "  # The BIRD configurations calico-node renders on node-a (IPv4, IPv6), with a peer\n"
        "  svcadv preview-routes --from cluster.json -o bird --node node-a \\\n"
        "      --bird-peer 192.0.2.254,65000 --bird-router-id 192.0.2.1 > bird.cfg\n"
        "  svcadv preview-routes --from cluster.json -o bird6 --node node-a \\\n"
        "      --bird-router-id 192.0.2.1 > bird6.cfg");
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
    // jsonpath=... takes a value of its own: the choices are offered here, checked in validate().
    withChoices(command->add_option("-o,--output", options->output,
                                    "table, wide, json, yaml, bird (bird.cfg), bird6 (bird6.cfg) "
                                    "or jsonpath=TEMPLATE"),
                {"table", "wide", "json", "yaml", "bird", "bird6", "jsonpath="}, false);
    command->add_option("--bird-peer", options->birdPeers,
                        "With -o bird|bird6: a BGP peer ADDRESS,AS of the node, rendered as a "
                        "global BGPPeer (repeatable)");
    command->add_option("--bird-router-id", options->birdRouterId,
                        "With -o bird|bird6: the node's router ID (Calico uses its IPv4 address)");
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
    command->add_option("--calico-version", options->calicoVersion,
                        "Apply the route rules (and --bgpconfig's validation) of this Calico "
                        "release (X.Y[.Z] or master) instead of the detected one");
    command->add_flag("--no-headers", options->noHeaders, "Omit the table header");
    command->callback([options, &context] {
        context.action = [options, &global = context.global, &io = context.io] {
            return runPreviewRoutes(io, *options, global);
        };
    });
}

}  // namespace svcadv::cmd
