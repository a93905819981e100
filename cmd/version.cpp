#include <iostream>

#include "commands.h"

namespace svcadv::cmd {
namespace {

int runVersion(const GlobalOptions& global) {
    std::cout << "Client Version:    v" << SVCADV_VERSION << "\n"
              << "Git commit:        " << SVCADV_GIT_COMMIT << "\n";
    // The cluster's versions when one is configured and answers; a local datastore has none,
    // and an unreachable cluster is not this command's failure.
    try {
        auto versions = openStore(global)->clusterVersions();
        if (!versions) return 0;
        if (versions->contains("etcd"))
            std::cout << "etcd Version:      " << versions->value("etcd", "unknown") << "\n";
        else
            std::cout << "Cluster Version:   " << versions->value("kubernetes", "unknown") << "\n";
        std::cout << "Calico Version:    " << versions->value("calico", "unknown") << "\n";
    } catch (const std::exception& e) {
        std::cerr << "Cluster Version:   unavailable (" << e.what() << ")\n";
    }
    return 0;
}

}  // namespace

void registerVersion(CommandContext& context) {
    CLI::App* command = addCommand(
        context.app, "version", "Print the client version, and the cluster's when reachable",
        "Prints svcadv's version and the Git commit it was built from, then the Kubernetes and\n"
        "Calico versions of the configured cluster (ClusterInformation default) when it answers.",
        "  # Which build is this, and which cluster versions does it talk to?\n"
        "  svcadv version");
    command->callback(
        [&context] { context.action = [&global = context.global] { return runVersion(global); }; });
}

}  // namespace svcadv::cmd
