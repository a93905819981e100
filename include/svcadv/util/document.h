// Reading YAML/JSON text into JSON values, and writing JSON values back as YAML.
// YAML scalars are resolved with the YAML 1.2 core schema (quoted scalars are always strings).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "svcadv/util/bounded_reader.h"

namespace svcadv {

using json = nlohmann::json;

// One object read from an input, with where it came from for error messages.
struct Document {
    std::string source;    // file name, or "<stdin>"
    std::string location;  // "document 2", or "document 1: items[3]" for a List member
    json body;
    // "<source>: <location>", the prefix of every message about this document.
    std::string origin() const { return source + ": " + location; }
};

// Splits a text (multi-document YAML, or JSON) into its documents through the bounded reader
// (bounded_reader.h). Empty YAML documents are skipped. A syntax error, a limit exceeded or a
// value that does not fit throws an InvalidInput error naming the source, document and field.
std::vector<Document> parseDocuments(std::string_view text, const std::string& source);

// Replaces every `kind: List` / `kind: <X>List` document by its items, keeping the origin.
std::vector<Document> expandLists(std::vector<Document> documents);

// True when the text is JSON (its first non-blank character opens an object or a list).
bool looksLikeJson(std::string_view text);

// nlohmann's error text without its tag ("[json.exception.parse_error.101] ", or
// "[json.exception.out_of_range.403] " of a failed JSON patch).
std::string describeJsonError(const std::exception& error);

// Parses a single YAML or JSON value (a patch, a flag value).
json parseValue(std::string_view text, const std::string& source);

// Block-style YAML with keys in the JSON object's (sorted) order; strings that would read back as
// another type are quoted.
std::string toYaml(const json& value);

// Two-space indented JSON with a trailing newline.
std::string toJson(const json& value);

}  // namespace svcadv
