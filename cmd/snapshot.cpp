#include <iostream>

#include "commands.h"
#include "svcadv/store/cluster_source.h"

namespace svcadv::cmd {
namespace {

struct SnapshotSaveOptions {
    std::string directory;
    std::vector<std::string> from;
};

int runSnapshotSave(IOStreams& io, const SnapshotSaveOptions& options,
                    const GlobalOptions& global) {
    std::unique_ptr<Datastore> store;
    if (options.from.empty()) store = openStore(global);
    SnapshotReport report = saveSnapshot(options.directory, options.from, store.get());
    io.out << "Saved " << report.written << " object(s) to " << options.directory << ":";
    const char* separator = " ";
    for (const auto& [kind, count] : report.perKind) {
        // Only some clusters have these to keep (Endpoints: Calico up to 3.30).
        if (count == 0 && (kind == "Endpoints" || kind == "ClusterInformation")) continue;
        io.out << separator << count << " " << kind;
        separator = ", ";
    }
    if (report.skipped) io.out << " (" << report.skipped << " of other kinds skipped)";
    io.out << "\n";
    return 0;
}

}  // namespace

void registerSnapshot(CommandContext& context) {
    CLI::App* snapshot = addCommand(
        context.app, "snapshot", "Capture the cluster state service advertisement depends on",
        "Snapshots hold BGPConfigurations, nodes, services and endpoint slices in the file\n"
        "datastore layout, so one directory is both a --from input and a --data-dir.",
        "  # Capture the active datastore into ./cluster\n"
        "  svcadv snapshot save ./cluster");
    snapshot->require_subcommand(1);
    auto options = std::make_shared<SnapshotSaveOptions>();
    CLI::App* save = addCommand(
        *snapshot, "save", "Write a snapshot directory",
        "Writes the BGPConfigurations, nodes, services and endpoint slices of the active\n"
        "datastore (or of --from files, such as a kubectl dump) into DIR, one YAML file per\n"
        "object (DIR/nodes/NAME.yaml, DIR/services/NS/NAME.yaml, ...). Objects already in DIR\n"
        "are replaced; everything is read and checked before anything is written.",
        "  # Capture the active datastore\n"
        "  svcadv snapshot save ./cluster\n"
        "  # Turn a kubectl dump into a snapshot, then preview it\n"
        "  kubectl get nodes,svc,endpointslices,bgpconfigurations -A -o yaml > dump.yaml\n"
        "  svcadv snapshot save ./cluster --from dump.yaml\n"
        "  svcadv preview-routes --from ./cluster");
    completesWith(save->add_option("dir", options->directory, "Directory to write"),
                  ValueSource::Directories)
        ->required();
    completesWith(save->add_option("--from", options->from,
                                   "Read the objects from files or directories (- for stdin)"),
                  ValueSource::Files);
    save->callback([options, &context] {
        context.action = [options, &global = context.global, &io = context.io] {
            return runSnapshotSave(io, *options, global);
        };
    });
}

}  // namespace svcadv::cmd
