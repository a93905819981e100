#include "commands.h"
#include "write_command.h"

namespace svcadv::cmd {

void registerApply(CommandContext& context) {
    registerWriteCommand(
        context,
        {WriteVerb::Apply, "apply", "Create or update resources from a file",
         "Creates each resource of the file(s), or updates it when it exists. A resourceVersion\n"
         "in the file is a precondition; without one the stored version is taken.",
         "  # Apply a configuration from CI\n"
         "  svcadv apply -f bgpconfig.yaml\n"
         "  # From standard input\n"
         "  cat bgpconfig.yaml | svcadv apply -f -"});
}

}  // namespace svcadv::cmd
