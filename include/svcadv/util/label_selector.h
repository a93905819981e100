// Kubernetes label selectors, parsed as k8s.io/apimachinery/pkg/labels parses them (kubectl -l):
// a=b, a==b, a!=b, a, !a, a in (x,y), a notin (x,y), a>1, a<1; requirements separated by commas
// must all hold. Label keys and values are checked as the API server checks them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "svcadv/util/document.h"

namespace svcadv {

struct LabelRequirement {
    enum class Operator {
        Exists,
        DoesNotExist,
        In,
        NotIn,
        Equals,
        NotEquals,
        GreaterThan,
        LessThan
    };
    std::string key;
    Operator op = Operator::Exists;
    std::vector<std::string> values;  // sorted, without duplicates (a Go sets.String)
};

class LabelSelector {
  public:
    // Throws a usage error naming the selector and what is wrong with it. "" selects everything.
    static LabelSelector parse(const std::string& text);
    // `labels` is an object of strings (anything else has no labels).
    bool matches(const json& labels) const;
    const std::vector<LabelRequirement>& requirements() const { return requirements_; }

  private:
    std::vector<LabelRequirement> requirements_;
};

// parse(selector).matches(labels).
bool labelSelectorMatches(const json& labels, const std::string& selector);

// What is wrong with a label key (a qualified name: optional DNS-subdomain prefix and "/", then
// at most 63 of [A-Za-z0-9-_.], alphanumeric at both ends), or nullopt when it is valid.
std::optional<std::string> labelKeyProblem(std::string_view key);

// What is wrong with a label value (empty, or at most 63 of [A-Za-z0-9-_.] with alphanumeric
// ends), or nullopt when it is valid.
std::optional<std::string> labelValueProblem(std::string_view value);

}  // namespace svcadv
