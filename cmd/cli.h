// The whole command tree, built in one place: main parses it, completion and the man pages walk it,
// and the tests inspect it.
#pragma once

#include <memory>

#include "common.h"

namespace svcadv::cmd {

struct Cli {
    std::unique_ptr<CLI::App> app;
    GlobalOptions global;
    CommandAction action;
    std::unique_ptr<CommandContext> context;  // the commands' callbacks refer to it
};

// Returned by pointer: the commands' callbacks keep references into it.
std::unique_ptr<Cli> buildCli();

}  // namespace svcadv::cmd
