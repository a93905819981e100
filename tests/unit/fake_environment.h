// An environment for unit tests: a map behind the EnvironmentLookup the code under test is handed.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "svcadv/util/environment.h"

namespace svcadv::test {

// Unset and empty variables both read as nullopt, as in the real lookup.
inline EnvironmentLookup envOf(std::map<std::string, std::string> vars) {
    return [vars](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end() || it->second.empty()) return std::nullopt;
        return it->second;
    };
}

}  // namespace svcadv::test
