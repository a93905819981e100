// kubectl's JSONPath templates (-o jsonpath=...): text with {expressions}. Expressions: $ and @,
// .field and ['field'] (also 'a','b' unions), .. (recursive descent), * and [*], [i] and
// [start:end] (negative counts from the end), [?(@.x == "v")] filters (==, !=, <, <=, >, >=, or
// existence), {range EXPR}...{end}, and "string literals" with \n and \t. As kubectl's -o jsonpath,
// a missing field yields nothing; strings print raw, everything else as compact JSON, several
// results of one expression separated by spaces.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace svcadv {

class JsonPathTemplate {
  public:
    // Throws a usage error naming the flag and the problem ("-o jsonpath: unclosed '{'").
    static JsonPathTemplate parse(std::string_view text);
    std::string execute(const nlohmann::json& root) const;

    struct Node;

  private:
    std::shared_ptr<const std::vector<Node>> nodes_;
};

}  // namespace svcadv
