#include "svcadv/util/label_selector.h"

#include <optional>
#include <vector>

#include "svcadv/util/strings.h"

namespace svcadv {

bool labelSelectorMatches(const json& labels, const std::string& selector) {
    std::vector<std::string> terms;
    int depth = 0;
    std::string current;
    for (char c : selector) {
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (c == ',' && depth == 0) {
            terms.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) terms.push_back(current);
    auto value = [&](const std::string& key) -> std::optional<std::string> {
        if (!labels.is_object() || !labels.contains(key) || !labels[key].is_string())
            return std::nullopt;
        return labels[key].get<std::string>();
    };
    for (std::string term : terms) {
        term = trim(term);
        if (term.empty()) continue;
        auto setOp = [&](const std::string& word) { return term.find(" " + word + " "); };
        if (auto at = setOp("notin"); at != std::string::npos || setOp("in") != std::string::npos) {
            bool negate = at != std::string::npos;
            if (!negate) at = setOp("in");
            std::string key = trim(term.substr(0, at));
            std::string list = term.substr(term.find('(') + 1);
            list = list.substr(0, list.find(')'));
            bool found = false;
            for (const auto& item : split(list, ','))
                found = found || value(key) == trim(item);
            if (found == negate) return false;
        } else if (auto ne = term.find("!="); ne != std::string::npos) {
            if (value(trim(term.substr(0, ne))) == trim(term.substr(ne + 2))) return false;
        } else if (auto eq = term.find('='); eq != std::string::npos) {
            std::size_t skip = term.compare(eq, 2, "==") == 0 ? 2 : 1;
            if (value(trim(term.substr(0, eq))) != trim(term.substr(eq + skip))) return false;
        } else if (term[0] == '!') {
            if (value(trim(term.substr(1)))) return false;
        } else if (!value(term)) {
            return false;
        }
    }
    return true;
}

}  // namespace svcadv
