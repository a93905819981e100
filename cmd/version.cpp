#include <iostream>

#include "commands.h"

namespace svcadv::cmd {

void registerVersion(CommandContext& context) {
    CLI::App* command = addCommand(context.app, "version", "Print the client version",
                                   "Prints svcadv's version and the Git commit it was built from.",
                                   "  # Which build is this?\n"
                                   "  svcadv version");
    command->callback([&context] {
        context.action = [] {
            std::cout << "Client Version:    v" << SVCADV_VERSION << "\n"
                      << "Git commit:        " << SVCADV_GIT_COMMIT << "\n";
            return 0;
        };
    });
}

}  // namespace svcadv::cmd
