// Running the command line in a unit test: on string streams, seeing exactly what a user would.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli.h"

namespace svcadv::test {

using cmd::IOStreams;

// A command run on string streams: what a user would see on stdout and stderr.
struct Run {
    std::istringstream in;
    std::ostringstream out, err;
    int code = -1;
    IOStreams io() { return IOStreams{in, out, err, false, false}; }

    explicit Run(const std::vector<std::string>& args, const std::string& input = "") : in(input) {
        code = cmd::runCli(io(), args);
    }
};

inline IOStreams quietStreams() {
    static std::istringstream noInput;
    static std::ostringstream discarded;
    return IOStreams{noInput, discarded, discarded, false, false};
}

// Every command of the tree, nested ones included, hidden ones too.
inline std::vector<CLI::App*> allCommands(CLI::App* app) {
    std::vector<CLI::App*> out;
    for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) {
        out.push_back(sub);
        for (CLI::App* nested : allCommands(sub))
            out.push_back(nested);
    }
    return out;
}

}  // namespace svcadv::test
