#include "iostreams.h"

#include <unistd.h>

#include <iostream>

namespace svcadv::cmd {

IOStreams standardStreams() {
    return IOStreams{std::cin, std::cout, std::cerr, ::isatty(STDOUT_FILENO) == 1,
                     ::isatty(STDERR_FILENO) == 1};
}

}  // namespace svcadv::cmd
