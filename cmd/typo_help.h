// What kubectl answers before it parses: `help [command]`, `--version`, and an unknown command or
// flag named with its closest matches ("Did you mean preview-routes?") instead of CLI11's
// "A subcommand is required" or "The following arguments were not expected".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common.h"

namespace svcadv::cmd {

// `help X Y` is `X Y --help`; anything else is returned as it is.
std::vector<std::string> rewriteHelpCommand(const std::vector<std::string>& args);

// The first unknown command or flag of `args` on the command tree, as the one-line error to print
// (with its did-you-mean lines); nullopt when every command and flag is known.
std::optional<std::string> findUnknownWord(CLI::App& root, const std::vector<std::string>& args,
                                           const std::string& program);

}  // namespace svcadv::cmd
