// Small builders shared by the unit tests.
#pragma once

#include <string>

#include "svcadv/model/validate.h"
#include "svcadv/util/document.h"

namespace svcadv::test {

// A BGPConfiguration document with the given name and spec (YAML flow or JSON text).
inline json bgpConfig(const std::string& name, const std::string& specText = "{}") {
    return {{"apiVersion", "projectcalico.org/v3"},
            {"kind", "BGPConfiguration"},
            {"metadata", {{"name", name}}},
            {"spec", parseValue(specText, "spec")}};
}

// Every problem (decode + validation) as the lines `describe()` prints.
inline std::vector<std::string> problems(const json& body, const ValidationProfile& options = {}) {
    auto decoded = decodeBgpConfiguration(body);
    std::vector<std::string> out;
    for (const auto& e : decoded.errors)
        out.push_back(e.describe());
    if (decoded.resource) {
        for (const auto& e : validateBgpConfiguration(*decoded.resource, options))
            out.push_back(e.describe());
    }
    return out;
}

inline std::vector<std::string> specProblems(const std::string& specText,
                                             const std::string& name = "default") {
    return problems(bgpConfig(name, specText));
}

}  // namespace svcadv::test
