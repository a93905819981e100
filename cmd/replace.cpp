#include "commands.h"
#include "write_command.h"

namespace svcadv::cmd {

void registerReplace(CommandContext& context) {
    registerWriteCommand(
        context,
        {WriteVerb::Replace, "replace", "Replace existing resources from a file",
         "Updates resources that exist; a missing one is an error. A resourceVersion in the\n"
         "file must equal the stored one (update conflict otherwise).",
         "  # Edit and replace, guarded by the resourceVersion that was read\n"
         "  svcadv get bgpconfig default -o yaml > default.yaml\n"
         "  svcadv replace -f default.yaml"});
}

}  // namespace svcadv::cmd
