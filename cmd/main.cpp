// svcadv: manage Calico's BGP service IP advertisement. Everything happens in runCli, on the
// process's standard streams.
#include <string>
#include <vector>

#include "cli.h"

int main(int argc, char** argv) {
    return svcadv::cmd::runCli(svcadv::cmd::standardStreams(),
                               std::vector<std::string>(argv + 1, argv + argc),
                               svcadv::cmd::programName(argc > 0 ? argv[0] : "svcadv"));
}
