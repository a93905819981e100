// The man pages, generated from the command tree (names, flags, descriptions, examples) plus the
// curated prose of svcadv(1): configuration, environment, files and exit status.
#pragma once

#include <map>
#include <string>

#include "common.h"

namespace svcadv::cmd {

// File name ("svcadv.1", "svcadv-preview-routes.1", "svcadv-snapshot-save.1") -> roff source.
std::map<std::string, std::string> manPages(CLI::App& root);

}  // namespace svcadv::cmd
