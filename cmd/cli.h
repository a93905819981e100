// The whole command tree, built in one place: main parses it, completion and the man pages walk it,
// and the tests inspect it.
#pragma once

#include <memory>

#include "common.h"

namespace svcadv::cmd {

struct Cli {
    explicit Cli(IOStreams streams) : io(streams) {}
    std::unique_ptr<CLI::App> app;
    GlobalOptions global;
    CommandAction action;
    IOStreams io;
    std::unique_ptr<CommandContext> context;  // the commands' callbacks refer to it
};

// Returned by pointer: the commands' callbacks keep references into it.
std::unique_ptr<Cli> buildCli(IOStreams io, const std::string& program = "svcadv");

// Parses `args` (without the program name), runs the chosen command and returns its exit code.
// The one place that turns an error into text on io.err and an exit code: commands and
// everything below them throw, never print an error or exit.
// `program` is how users called it: "kubectl svcadv" when run as a kubectl plugin.
int runCli(IOStreams io, const std::vector<std::string>& args,
           const std::string& program = "svcadv");

// "kubectl svcadv" when argv[0] is the kubectl-svcadv plugin link, else "svcadv".
std::string programName(const std::string& argv0);

}  // namespace svcadv::cmd
