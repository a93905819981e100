// The streams a command reads and writes (kubectl's IOStreams): injected, so a test runs a command
// on string streams and reads exactly what a user would see.
#pragma once

#include <iosfwd>

namespace svcadv::cmd {

struct IOStreams {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
    // Whether out and err are terminals: progress lines and other decoration only for people.
    bool outIsTerminal = false;
    bool errIsTerminal = false;
};

// The process's standard streams, with isatty(1) and isatty(2).
IOStreams standardStreams();

}  // namespace svcadv::cmd
