#include "svcadv/util/document.h"

#include <yaml-cpp/yaml.h>

#include <limits>
#include <regex>

#include "svcadv/util/error.h"

namespace svcadv {
namespace {

const std::regex& intPattern() {
    static const std::regex re("[-+]?[0-9]+");
    return re;
}
const std::regex& floatPattern() {
    static const std::regex re(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
    return re;
}

bool isNullWord(const std::string& s) {
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}
bool isTrueWord(const std::string& s) {
    return s == "true" || s == "True" || s == "TRUE";
}
bool isFalseWord(const std::string& s) {
    return s == "false" || s == "False" || s == "FALSE";
}

// YAML 1.2 core schema resolution of a plain (unquoted) scalar.
json resolvePlainScalar(const std::string& s) {
    if (isNullWord(s)) return nullptr;
    if (isTrueWord(s)) return true;
    if (isFalseWord(s)) return false;
    if (std::regex_match(s, intPattern())) {
        try {
            if (s[0] == '-') return std::stoll(s);
            return static_cast<std::uint64_t>(std::stoull(s[0] == '+' ? s.substr(1) : s));
        } catch (const std::out_of_range&) {
            return std::stod(s);
        }
    }
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
        try {
            std::size_t used = 0;
            auto v = std::stoull(s.substr(2), &used, s[1] == 'x' ? 16 : 8);
            if (used == s.size() - 2) return static_cast<std::uint64_t>(v);
        } catch (const std::exception&) {
        }
    }
    if (std::regex_match(s, floatPattern())) return std::stod(s);
    if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf")
        return std::numeric_limits<double>::infinity();
    if (s == "-.inf" || s == "-.Inf" || s == "-.INF")
        return -std::numeric_limits<double>::infinity();
    if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::numeric_limits<double>::quiet_NaN();
    return s;
}

std::string positionOf(const YAML::Mark& mark) {
    return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
}

// YAML forbids tabs in indentation, and yaml-cpp's message never says so.
std::string tabHint(std::string_view text) {
    std::size_t line = 1;
    bool atLineStart = true;
    for (char c : text) {
        if (c == '\n') {
            ++line;
            atLineStart = true;
        } else if (atLineStart && c == '\t') {
            return " (line " + std::to_string(line) +
                   " is indented with a tab; YAML allows only spaces)";
        } else if (c != ' ') {
            atLineStart = false;
        }
    }
    return "";
}

json yamlToJson(const YAML::Node& node, const std::string& source) {
    switch (node.Type()) {
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            return nullptr;
        case YAML::NodeType::Scalar: {
            const std::string& tag = node.Tag();
            if (tag == "!" || tag == "tag:yaml.org,2002:str") return node.Scalar();
            return resolvePlainScalar(node.Scalar());
        }
        case YAML::NodeType::Sequence: {
            json array = json::array();
            for (const auto& item : node)
                array.push_back(yamlToJson(item, source));
            return array;
        }
        case YAML::NodeType::Map: {
            json object = json::object();
            for (const auto& entry : node) {
                if (!entry.first.IsScalar()) {
                    throw invalidInput(source + ": " + positionOf(entry.first.Mark()) +
                                       ": mapping keys must be strings");
                }
                const std::string& key = entry.first.Scalar();
                if (object.contains(key)) {
                    throw invalidInput(source + ": " + positionOf(entry.first.Mark()) +
                                       ": duplicate key \"" + key + "\"");
                }
                object[key] = yamlToJson(entry.second, source);
            }
            return object;
        }
    }
    return nullptr;
}

std::vector<Document> parseJsonDocuments(std::string_view text, const std::string& source) {
    try {
        return {{source, "document 1", json::parse(text.begin(), text.end())}};
    } catch (const json::parse_error& e) {
        throw invalidInput(source + ": invalid JSON: " + describeJsonError(e));
    }
}

}  // namespace

bool looksLikeJson(std::string_view text) {
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        return c == '{' || c == '[';
    }
    return false;
}

std::string describeJsonError(const std::exception& error) {
    std::string what = error.what();
    auto pos = what.find("] ");
    return pos == std::string::npos ? what : what.substr(pos + 2);
}

std::vector<Document> parseDocuments(std::string_view text, const std::string& source) {
    std::vector<Document> documents;
    std::vector<YAML::Node> nodes;
    if (looksLikeJson(text)) {
        try {
            return parseJsonDocuments(text, source);
        } catch (const Error& jsonError) {
            // YAML's flow style ({'spec': {...}}, {spec: {...}}) starts as JSON does; the JSON
            // error stands when the text is no YAML either.
            try {
                nodes = YAML::LoadAll(std::string(text));
            } catch (const YAML::Exception&) {
                throw jsonError;
            }
            if (nodes.empty()) throw jsonError;
        }
    }
    try {
        if (nodes.empty()) nodes = YAML::LoadAll(std::string(text));
    } catch (const YAML::Exception& e) {
        throw invalidInput(source + ": invalid YAML: " + positionOf(e.mark) + ": " + e.msg +
                           tabHint(text));
    }
    int index = 0;
    for (const auto& node : nodes) {
        ++index;
        if (node.IsNull()) continue;
        documents.push_back(
            {source, "document " + std::to_string(index), yamlToJson(node, source)});
    }
    return documents;
}

std::vector<Document> expandLists(std::vector<Document> documents) {
    std::vector<Document> out;
    for (auto& doc : documents) {
        const json& body = doc.body;
        bool isList = body.is_object() && body.contains("kind") && body["kind"].is_string() &&
                      body["kind"].get<std::string>().ends_with("List") && body.contains("items");
        if (!isList) {
            out.push_back(std::move(doc));
            continue;
        }
        if (!body["items"].is_array()) {
            throw invalidInput(doc.origin() + ": items must be a list");
        }
        std::size_t i = 0;
        for (const auto& item : body["items"]) {
            out.push_back(
                {doc.source, doc.location + ": items[" + std::to_string(i++) + "]", item});
        }
    }
    return out;
}

json parseValue(std::string_view text, const std::string& source) {
    auto documents = parseDocuments(text, source);
    if (documents.size() != 1) {
        throw invalidInput(source + ": expected exactly one JSON or YAML value, found " +
                           std::to_string(documents.size()));
    }
    return documents.front().body;
}

namespace {

// Quoted when a YAML 1.2 reader would not read it back as a string, and also where a YAML 1.1
// reader (kubectl, go-yaml) would see a bool or a timestamp.
bool needsQuotes(const std::string& s) {
    if (s.empty() || !resolvePlainScalar(s).is_string()) return true;
    static const std::regex yaml11(
        "y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt "
        "].*)?");
    return std::regex_match(s, yaml11);
}

void emit(YAML::Emitter& out, const json& value) {
    switch (value.type()) {
        case json::value_t::object:
            out << YAML::BeginMap;
            for (const auto& [key, item] : value.items()) {
                out << YAML::Key;
                if (needsQuotes(key)) out << YAML::DoubleQuoted;
                out << key << YAML::Value;
                emit(out, item);
            }
            out << YAML::EndMap;
            break;
        case json::value_t::array:
            out << YAML::BeginSeq;
            for (const auto& item : value)
                emit(out, item);
            out << YAML::EndSeq;
            break;
        case json::value_t::string: {
            const auto& s = value.get_ref<const std::string&>();
            if (needsQuotes(s)) out << YAML::DoubleQuoted;
            out << s;
            break;
        }
        case json::value_t::boolean:
            out << (value.get<bool>() ? "true" : "false");
            break;
        case json::value_t::null:
            out << YAML::Null;
            break;
        default:
            out << value.dump();
            break;
    }
}

}  // namespace

std::string toYaml(const json& value) {
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetSeqFormat(YAML::Block);
    out.SetMapFormat(YAML::Block);
    // Empty maps and lists are written inline as {} and [].
    if ((value.is_object() || value.is_array()) && value.empty())
        return value.is_object() ? "{}\n" : "[]\n";
    emit(out, value);
    std::string text = out.c_str();
    if (text.empty() || text.back() != '\n') text += '\n';
    return text;
}

std::string toJson(const json& value) {
    return value.dump(2) + "\n";
}

}  // namespace svcadv
