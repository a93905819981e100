// The YAML svcadv writes for stored objects (data directories, snapshots), and a fast reader of
// exactly that form. yaml-cpp's emitter and event parser cost about a millisecond per object, which
// made a snapshot of 100,000 objects a minute to write and to read; this form is written and read
// in a single pass. The reader takes only what it can read the way the bounded yaml-cpp reader
// (bounded_reader.h) reads it, and says so (nullopt) for anything else, so callers fall back to
// that reader and its messages: no text reads differently for having gone the fast way.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "svcadv/util/bounded_reader.h"

namespace svcadv {

using json = nlohmann::json;

// Block-style YAML, two spaces per level, keys in the object's (sorted) order, empty maps and
// lists as {} and []. A string is plain when it is made of letters, digits and `_./+@=~,-`
// (with inner spaces, and colons not followed by a space) and reads back as the same string in
// YAML 1.2 and 1.1 (no number, bool, null or timestamp); any other string is double-quoted with
// JSON's escapes (\" \\ \n \r \t \uXXXX), C1 controls, U+2028, U+2029 and U+FEFF escaped too,
// other UTF-8 kept as it is. A value holding a string that is not UTF-8 is written by toYaml
// (document.h) as before.
std::string writeBlockYaml(const json& value);

// The value of a text in the form writeBlockYaml writes (a block map at the top; hand edits that
// stay in that form are fine), read under `limits` exactly as readYamlDocuments would read it as
// one document. nullopt when the text is not in that form, or when it breaks a limit: the caller
// reads it with readYamlDocuments, which decides (and names the problem).
std::optional<json> readBlockYaml(std::string_view text, const ReadLimits& limits = {});

// readBlockYaml of a text that checkInputText already passed under `limits` (readYamlDocuments,
// which reads a text in this form through it, and any other through yaml-cpp's events).
std::optional<json> readCheckedBlockYaml(std::string_view text, const ReadLimits& limits);

// readYamlDocuments (bounded_reader.h) through yaml-cpp's events alone: its fallback, and what
// the fast reader is tested against. Defined in bounded_reader.cpp.
std::vector<YamlDocument> readYamlDocumentsByEvents(std::string_view text,
                                                    const std::string& source,
                                                    const ReadLimits& limits = {});

// Whether toYaml (document.h) quotes a string: a YAML 1.2 reader would not read it back plain as
// the same string (another type, a number that does not fit, control characters: a plain "y\r"
// reads back as "y", blanks at either end), or a YAML 1.1 reader (kubectl, go-yaml) would see a
// bool or a timestamp. writeBlockYaml quotes by this rule too. Defined in document.cpp.
bool yamlStringNeedsQuotes(const std::string& s);

}  // namespace svcadv
