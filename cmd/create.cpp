#include "commands.h"
#include "write_command.h"

namespace svcadv::cmd {

void registerCreate(CommandContext& context) {
    registerWriteCommand(
        context,
        {WriteVerb::Create, "create", "Create resources from a file",
         "Creates every document of the file(s) in order, each decoded strictly and validated\n"
         "first. A resource that already exists is an error unless --skip-exists; the run stops\n"
         "at the first failure and reports how many were created before it (exit 6).",
         "  # Create the default BGPConfiguration\n"
         "  svcadv create -f bgpconfig.yaml\n"
         "  # Check what would be created, without writing\n"
         "  svcadv create -f bgpconfig.yaml --dry-run -o yaml"});
}

}  // namespace svcadv::cmd
