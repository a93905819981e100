#include "verify.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <set>
#include <sstream>

#include "commands.h"
#include "svcadv/routes/calico_semantics.h"
#include "svcadv/store/cluster_source.h"
#include "svcadv/util/error.h"

namespace svcadv::cmd {
namespace {

// calico-node's sockets on the host (BIRD 1.x, as calico/node runs it).
constexpr const char* kBirdSocket = "/var/run/calico/bird.ctl";
constexpr const char* kBird6Socket = "/var/run/calico/bird6.ctl";
// A BIRD that does not answer a read-only command in this time is hung.
constexpr std::chrono::milliseconds kBirdTimeout{10000};
constexpr std::size_t kMaxReplyBytes = 64 * 1024 * 1024;

// The texts of the reply's lines with one of `codes` (1002 protocol rows, 1007 route rows).
std::vector<std::string> rows(const BirdReply& reply, std::set<int> codes) {
    std::vector<std::string> out;
    for (const auto& line : reply.lines) {
        if (codes.count(line.code)) out.push_back(line.text);
    }
    return out;
}

BirdReply ask(BirdControl& bird, int family, const std::string& command) {
    BirdReply reply = bird.request(command);
    if (reply.failed())
        throw Error(ExitCode::Unreachable,
                    std::string(family == 6 ? "bird6" : "bird") + ": '" + command +
                        "' failed: " + std::to_string(reply.finalCode) + " " + reply.finalText());
    return reply;
}

struct VerifyOptions {
    std::string node;
    std::vector<std::string> from;
    std::string calicoVersion;
    std::string birdSocket = kBirdSocket;
    std::string bird6Socket = kBird6Socket;
    std::string output = "table";
    bool bird6SocketGiven = false;
};

struct FamilyResult {
    int family = 4;
    std::string socket;
    bool checked = false;
    std::string skipped;  // why not checked
    BirdObservation bird{};
};

bool socketAbsent(const std::string& path) {
    struct stat status {};
    return ::stat(path.c_str(), &status) != 0 && errno == ENOENT;
}

json driftJson(const std::vector<RouteDrift>& drift) {
    json out = json::array();
    for (const auto& d : drift) {
        json entry{{"kind", driftKindName(d.kind)},
                   {"family", d.family},
                   {"prefix", d.prefix},
                   {"reason", d.reason}};
        if (!d.peer.empty()) entry["peer"] = d.peer;
        if (!d.detail.empty()) entry["detail"] = d.detail;
        out.push_back(entry);
    }
    return out;
}

std::string driftTable(const std::vector<RouteDrift>& drift) {
    std::vector<std::vector<std::string>> table{{"DRIFT", "PREFIX", "PEER", "REASON", "DETAIL"}};
    for (const auto& d : drift)
        table.push_back({driftKindName(d.kind), d.prefix, d.peer.empty() ? "-" : d.peer, d.reason,
                         d.detail.empty() ? "-" : d.detail});
    std::vector<std::size_t> width(table[0].size(), 0);
    for (const auto& row : table)
        for (std::size_t i = 0; i < row.size(); ++i)
            width[i] = std::max(width[i], row[i].size());
    std::ostringstream out;
    for (const auto& row : table) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i)
            line +=
                row[i] + (i + 1 < row.size() ? std::string(width[i] - row[i].size() + 2, ' ') : "");
        out << line << "\n";
    }
    return out.str();
}

int runVerify(IOStreams& io, VerifyOptions& options, const GlobalOptions& global) {
    if (options.output != "table" && options.output != "json")
        throw usageError("-o/--output: '" + options.output + "' is not one of table, json");
    std::optional<CalicoVersion> requested;
    if (!options.calicoVersion.empty()) {
        std::string problem;
        requested = parseCalicoVersion(options.calicoVersion, problem);
        if (!requested) throw usageError("--calico-version: " + problem);
    }
    ClusterState state;
    if (!options.from.empty()) {
        state = loadClusterFromPaths(options.from);
    } else {
        auto store = openStore(global);
        state = loadClusterFromDatastore(*store, requested);
    }
    ResolvedSemantics resolved = resolveCalicoSemantics(requested, state.calicoVersion);
    if (!resolved.note.empty()) io.err << "svcadv: " << resolved.note << "\n";
    PreviewOptions preview;
    preview.semantics = resolved.semantics;
    RoutePlan plan = computeRoutePlan(state, preview);
    PlanView view{state, plan};
    bool known = false;
    for (const auto& node : state.nodes)
        known = known || node.name == options.node;
    if (!known) throw usageError("--node: node '" + options.node + "' is not in the input");

    std::vector<FamilyResult> families(2);
    families[0].family = 4;
    families[0].socket = options.birdSocket;
    families[1].family = 6;
    families[1].socket = options.bird6Socket;
    std::vector<RouteDrift> drift;
    for (auto& family : families) {
        if (family.family == 6 && !options.bird6SocketGiven && socketAbsent(family.socket)) {
            family.skipped = "no bird6 control socket at " + family.socket;
            io.err << "svcadv: IPv6 not checked: " << family.skipped << "\n";
            continue;
        }
        BirdControlSocket socket(family.socket, {kBirdTimeout, kMaxReplyBytes});
        family.bird = observeBird(socket, family.family);
        family.checked = true;
        auto found = birdDrift(view, options.node, family.bird);
        drift.insert(drift.end(), found.begin(), found.end());
    }

    if (options.output == "json") {
        json document{{"apiVersion", "svcadv/v1"}, {"kind", "RouteDrift"}, {"node", options.node}};
        json checked = json::array();
        for (const auto& family : families) {
            json entry{
                {"family", family.family}, {"socket", family.socket}, {"checked", family.checked}};
            if (!family.skipped.empty()) entry["skipped"] = family.skipped;
            if (family.checked) {
                entry["staticRoutes"] = family.bird.staticRoutes.size();
                json peers = json::array();
                for (const auto& peer : family.bird.peers)
                    peers.push_back(json{{"protocol", peer.protocol},
                                         {"state", peer.state},
                                         {"info", peer.info},
                                         {"exported", peer.exported.size()}});
                entry["peers"] = peers;
            }
            checked.push_back(entry);
        }
        document["birds"] = checked;
        document["drift"] = driftJson(drift);
        io.out << toJson(document);
    } else if (drift.empty()) {
        for (const auto& family : families) {
            if (!family.checked) continue;
            io.out << (family.family == 6 ? "bird6" : "bird") << " (" << family.socket
                   << "): no drift: " << family.bird.staticRoutes.size() << " static routes, "
                   << family.bird.peers.size() << " BGP peers\n";
        }
    } else {
        io.out << driftTable(drift);
    }
    io.out << std::flush;
    return drift.empty() ? 0 : static_cast<int>(ExitCode::Differences);
}

}  // namespace

BirdObservation observeBird(BirdControl& bird, int family) {
    BirdObservation out;
    out.family = family;
    auto protocols = parseBirdProtocols(rows(ask(bird, family, "show protocols"), {1002, 2002}));
    for (const auto& protocol : protocols) {
        if (protocol.proto != "Static" && protocol.proto != "BGP") continue;
        if (!isBirdSymbol(protocol.name))
            throw invalidInput(std::string(family == 6 ? "bird6" : "bird") + ": show protocols: '" +
                               protocol.name + "' is not a protocol name");
        if (protocol.proto == "Static") {
            // A Static protocol that is down (disabled) holds no routes; BIRD refuses to list them.
            if (protocol.state != "up") continue;
            auto routes = parseBirdRoutes(
                rows(ask(bird, family, "show route protocol " + protocol.name), {1007}));
            out.staticRoutes.insert(out.staticRoutes.end(), routes.begin(), routes.end());
            continue;
        }
        BirdPeerExports peer{protocol.name, protocol.state, protocol.info, {}};
        if (protocol.state == "up")
            peer.exported = parseBirdRoutes(
                rows(ask(bird, family, "show route export " + protocol.name), {1007}));
        out.peers.push_back(std::move(peer));
    }
    return out;
}

void registerVerify(CommandContext& context) {
    auto options = std::make_shared<VerifyOptions>();
    CLI::App* command = addCommand(
        context.app, "verify", "Hold a running node's BIRD against the route plan",
        "Run on a node: asks calico-node's BIRD (bird, and bird6 when its socket exists) over its\n"
        "control socket with read-only commands (show protocols, show route protocol, show route\n"
        "export) and compares its static routes and what it exports to each BGP peer with the\n"
        "routes the plan gives the node (the same inputs as preview-routes: the datastore or\n"
        "--from, the Calico release). Prints the drift: MissingStatic and MissingExport (the plan\n"
        "has the route, BIRD does not, with the plan's reason), UnplannedStatic and\n"
        "UnplannedExport (BIRD has it, the plan does not, with the rule that keeps it off the\n"
        "node, or NotPlanned). Exit 1 on drift, 0 without: for monitoring. A BIRD that does not\n"
        "answer within 10 seconds is an error (exit 5).",
        "  # On node-a, against the cluster's datastore\n"
        "  svcadv verify --node node-a\n"
        "  # Against a snapshot, BIRD's sockets elsewhere, as JSON\n"
        "  svcadv verify --node node-a --from cluster.json \\\n"
        "      --bird-socket /run/bird.ctl --bird6-socket /run/bird6.ctl -o json");
    completesWith(
        command->add_option("--node", options->node, "The node this BIRD runs on")->required(),
        ValueSource::Nodes);
    completesWith(command->add_option("--from", options->from,
                                      "Read the cluster from files or directories (YAML or JSON, "
                                      "- for stdin) instead of the datastore"),
                  ValueSource::Files);
    completesWith(
        command->add_option("--bird-socket", options->birdSocket, "BIRD's control socket (IPv4)"),
        ValueSource::Files);
    completesWith(command->add_option("--bird6-socket", options->bird6Socket,
                                      "bird6's control socket (IPv6); when the default is absent, "
                                      "IPv6 is not checked"),
                  ValueSource::Files);
    command->add_option("--calico-version", options->calicoVersion,
                        "Apply the route rules of this Calico release (X.Y[.Z] or master) "
                        "instead of the detected one");
    withChoices(command->add_option("-o,--output", options->output, "table or json"),
                {"table", "json"});
    command->callback([options, command, &context] {
        options->bird6SocketGiven = command->count("--bird6-socket") > 0;
        context.action = [options, &global = context.global, &io = context.io] {
            return runVerify(io, *options, global);
        };
    });
}

}  // namespace svcadv::cmd
