// The one bounded reader of YAML and JSON text: every input (files, flags, stdin, data dir files,
// kubeconfigs, server answers) goes through it, so no input can loop, overflow the stack or
// exhaust memory while being read. document.h builds Documents on top of it.
#pragma once

#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace svcadv {

using json = nlohmann::json;

// What an input may cost. Exceeding any of them is an InvalidInput error naming the input; the
// README lists the defaults.
struct ReadLimits {
    std::size_t maxInputBytes = std::size_t{512} << 20;
    // Nested maps and lists; the deepest Calico or Kubernetes object is about 15 levels deep.
    std::size_t maxDepth = 256;
    // Every value read, aliased copies included.
    std::size_t maxNodes = 50'000'000;
    // Values copied by YAML aliases over the whole input (a "billion laughs" stops here).
    std::size_t maxAliasNodes = 100'000;
    std::size_t maxScalarBytes = std::size_t{4} << 20;
    std::size_t maxDocuments = 1'000'000;
};

// `text` shortened to about `maxBytes` (never in the middle of a UTF-8 sequence) and quoted, with
// control characters (escapeControlCharacters), quotes and backslashes escaped, so a message never
// carries a value's escape sequences to the terminal or runs for pages: "abc" or "abcd...", 5000
// bytes.
std::string quoteForMessage(std::string_view text, std::size_t maxBytes = 80);

// Throws InvalidInput naming `source` unless `text` is at most maxInputBytes of UTF-8 without NUL
// bytes (YAML and JSON streams may not hold NUL, and a NUL would make yaml-cpp guess UTF-16/32).
void checkInputText(std::string_view text, const std::string& source, const ReadLimits& limits);

// The YAML 1.2 core schema's reading of a plain (unquoted) scalar: null, bool, a 64-bit integer,
// a finite float, or the string itself. Numbers that do not fit (an integer beyond 64 bits, a
// float beyond a double) and .inf/.nan (JSON has neither) throw InvalidInput without context.
json resolvePlainScalar(std::string_view text);
// Whether resolvePlainScalar(text) is the string itself (it neither converts nor throws), without
// building anything: what a writer asks before writing a string unquoted.
bool plainScalarIsString(std::string_view text);

// One YAML document of a stream: its 1-based number among all documents, empty ones included.
struct YamlDocument {
    std::size_t number;
    json body;
};

// The non-empty documents of a YAML stream, read through yaml-cpp's event parser under `limits`.
std::vector<YamlDocument> readYamlDocuments(std::string_view text, const std::string& source,
                                            const ReadLimits& limits = {});

// Reads one JSON value (nothing but whitespace after it) into `consumer` under `limits`: depth,
// scalar length and node count bounded, duplicate keys and numbers that do not fit rejected with
// the field named. `consumer` sees exactly the events of the text.
void readJson(std::string_view text, const std::string& source, nlohmann::json_sax<json>& consumer,
              const ReadLimits& limits = {});

// readJson into a tree.
json readJsonValue(std::string_view text, const std::string& source, const ReadLimits& limits = {});

}  // namespace svcadv
