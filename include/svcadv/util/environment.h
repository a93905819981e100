// The environment as pure code sees it: a lookup function it is handed (the process environment
// in the binary, a map in tests), never getenv.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace svcadv {

// A variable's value; nullopt when unset or empty (an empty variable counts as unset, as in
// calicoctl and kubectl).
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string&)>;

}  // namespace svcadv
