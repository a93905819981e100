#include "svcadv/sys/environment.h"

#include <cstdlib>

namespace svcadv {

EnvironmentLookup processEnvironment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (!value || !*value) return std::nullopt;
        return std::string(value);
    };
}

}  // namespace svcadv
