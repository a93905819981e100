#include "commands.h"

namespace svcadv::cmd {
namespace {

int runVersion(IOStreams& io, const GlobalOptions& global) {
    io.out << "Client Version:    v" << SVCADV_VERSION << "\n"
           << "Git commit:        " << builtFromCommit() << "\n";
    // The cluster's versions when one is configured and answers; a local datastore has none,
    // and an unreachable cluster is not this command's failure.
    try {
        auto versions = openStore(global)->clusterVersions();
        if (!versions) return 0;
        if (versions->contains("etcd"))
            io.out << "etcd Version:      " << versions->value("etcd", "unknown") << "\n";
        else
            io.out << "Cluster Version:   " << versions->value("kubernetes", "unknown") << "\n";
        io.out << "Calico Version:    " << versions->value("calico", "unknown") << "\n";
    } catch (const Error& e) {
        // Part of the report, not a failure of the command: the client version was the question.
        io.out << "Cluster Version:   unavailable (" << e.what() << ")\n";
    }
    return 0;
}

}  // namespace

const char* builtFromCommit() {
    return SVCADV_GIT_COMMIT;
}

void registerVersion(CommandContext& context) {
    CLI::App* command = addCommand(
        context.app, "version", "Print the client version, and the cluster's when reachable",
        "Prints svcadv's version and the Git commit it was built from, then the Kubernetes and\n"
        "Calico versions of the configured cluster (ClusterInformation default) when it answers.",
        "  # Which build is this, and which cluster versions does it talk to?\n"
        "  svcadv version");
    command->callback([&context] {
        context.action = [&global = context.global, &io = context.io] {
            return runVersion(io, global);
        };
    });
}

}  // namespace svcadv::cmd
