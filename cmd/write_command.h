// create, apply and replace differ only in their verb and texts; one wiring serves the three.
#pragma once

#include "common.h"

namespace svcadv::cmd {

struct WriteCommandSpec {
    WriteVerb verb;
    std::string name;
    std::string summary;
    std::string description;
    std::string examples;
};

void registerWriteCommand(CommandContext& context, const WriteCommandSpec& spec);

}  // namespace svcadv::cmd
