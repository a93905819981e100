#include "svcadv/util/document.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "svcadv/util/block_yaml.h"
#include "svcadv/util/error.h"

namespace svcadv {
namespace {

std::vector<Document> parseJsonDocuments(std::string_view text, const std::string& source) {
    return {{source, "document 1", readJsonValue(text, source)}};
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
    if (looksLikeJson(text)) {
        try {
            return parseJsonDocuments(text, source);
        } catch (const Error& jsonError) {
            // YAML's flow style ({'spec': {...}}, {spec: {...}}) starts as JSON does; the JSON
            // error stands when the text is no YAML either.
            std::vector<YamlDocument> flow;
            try {
                flow = readYamlDocuments(text, source);
            } catch (const Error&) {
                throw jsonError;
            }
            if (flow.empty()) throw jsonError;
            for (auto& document : flow)
                documents.push_back({source, "document " + std::to_string(document.number),
                                     std::move(document.body)});
            return documents;
        }
    }
    for (auto& document : readYamlDocuments(text, source))
        documents.push_back(
            {source, "document " + std::to_string(document.number), std::move(document.body)});
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

bool isYaml11Bool(std::string_view s) {
    static constexpr std::string_view words[] = {"y",  "Y",  "yes", "Yes", "YES", "n",
                                                 "N",  "no", "No",  "NO",  "on",  "On",
                                                 "ON", "off", "Off", "OFF"};
    return s.size() <= 3 &&
           std::any_of(std::begin(words), std::end(words), [&](std::string_view w) { return s == w; });
}

// A YAML 1.1 timestamp's start: [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}, then the end or [Tt ].
bool looksLikeYaml11Timestamp(const std::string& s) {
    std::size_t i = 0;
    auto digits = [&](std::size_t min, std::size_t max) {
        std::size_t start = i;
        while (i < s.size() && i - start < max && s[i] >= '0' && s[i] <= '9')
            ++i;
        return i - start >= min;
    };
    if (!digits(4, 4) || i >= s.size() || s[i++] != '-') return false;
    if (!digits(1, 2) || i >= s.size() || s[i++] != '-') return false;
    if (!digits(1, 2)) return false;
    return i == s.size() || s[i] == 'T' || s[i] == 't' || s[i] == ' ';
}

}  // namespace

bool yamlStringNeedsQuotes(const std::string& s) {
    if (s.empty()) return true;
    if (!plainScalarIsString(s)) return true;
    bool control = std::any_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
    if (control || s.front() == ' ' || s.back() == ' ') return true;
    // Written plain at the start of a line, "---" and "..." are document markers, not text.
    if (s.rfind("---", 0) == 0 || s.rfind("...", 0) == 0) return true;
    return isYaml11Bool(s) || looksLikeYaml11Timestamp(s);
}

namespace {

void emit(YAML::Emitter& out, const json& value) {
    switch (value.type()) {
        case json::value_t::object:
            out << YAML::BeginMap;
            for (const auto& [key, item] : value.items()) {
                out << YAML::Key;
                if (yamlStringNeedsQuotes(key)) out << YAML::DoubleQuoted;
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
            if (yamlStringNeedsQuotes(s)) out << YAML::DoubleQuoted;
            out << s;
            break;
        }
        case json::value_t::boolean:
            out << (value.get<bool>() ? "true" : "false");
            break;
        case json::value_t::null:
            out << YAML::Null;
            break;
        case json::value_t::number_float: {
            // Never "null": the reader refuses these, but a value computed here must not change.
            double number = value.get<double>();
            if (std::isnan(number)) {
                out << ".nan";
            } else if (std::isinf(number)) {
                out << (number > 0 ? ".inf" : "-.inf");
            } else {
                out << value.dump();
            }
            break;
        }
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
