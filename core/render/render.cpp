#include "svcadv/render/render.h"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "svcadv/model/bgpconfig.h"
#include "svcadv/util/error.h"
#include "svcadv/util/strings.h"

namespace svcadv {
namespace {

constexpr const char* kUnset = "-";

std::string scalarText(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return kUnset;
    return v.dump();
}

void collect(const json& node, const std::vector<std::string>& steps, std::size_t at,
             std::vector<std::string>& out) {
    if (at == steps.size()) {
        if (node.is_array()) {
            for (const auto& item : node)
                out.push_back(scalarText(item));
        } else {
            out.push_back(scalarText(node));
        }
        return;
    }
    const std::string& step = steps[at];
    if (step == "[*]") {
        if (!node.is_array()) return;
        for (const auto& item : node)
            collect(item, steps, at + 1, out);
    } else if (step.front() == '[') {
        if (!node.is_array()) return;
        // An index past any list (even past 64 bits) selects nothing.
        std::size_t index = 0;
        std::string_view digits = std::string_view(step).substr(1, step.size() - 2);
        auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), index);
        if (parsed.ec == std::errc() && index < node.size())
            collect(node[index], steps, at + 1, out);
    } else if (node.is_object() && node.contains(step)) {
        collect(node[step], steps, at + 1, out);
    }
}

// ".a.b[0].c[*]" -> {"a", "b", "[0]", "c", "[*]"}; throws on anything else.
std::vector<std::string> parsePath(const std::string& path) {
    std::string p = path;
    if (p.size() >= 2 && p.front() == '{' && p.back() == '}') p = p.substr(1, p.size() - 2);
    if (p.empty() || p.front() != '.')
        throw usageError("custom-columns: path '" + path + "' must start with '.'");
    std::vector<std::string> steps;
    std::size_t i = 1;
    while (i < p.size()) {
        if (p[i] == '[') {
            auto close = p.find(']', i);
            if (close == std::string::npos)
                throw usageError("custom-columns: unterminated '[' in '" + path + "'");
            std::string inner = p.substr(i + 1, close - i - 1);
            bool numeric = !inner.empty() && std::all_of(inner.begin(), inner.end(), ::isdigit);
            if (inner != "*" && !numeric)
                throw usageError("custom-columns: bad index '[" + inner + "]' in '" + path + "'");
            steps.push_back("[" + inner + "]");
            i = close + 1;
        } else if (p[i] == '.') {
            ++i;
        } else {
            auto end = p.find_first_of(".[", i);
            if (end == std::string::npos) end = p.size();
            steps.push_back(p.substr(i, end - i));
            i = end;
        }
    }
    return steps;
}

// "bgpconfiguration.projectcalico.org/default", as kubectl's -o name; "node/x" for core kinds.
std::string qualifiedName(const KindInfo& kind, const json& object) {
    std::string type = kind.singular;
    if (!kind.api.group.empty()) type += "." + kind.api.group;
    return type + "/" + lookupPath(object, ".metadata.name");
}

}  // namespace

OutputFormat parseOutputFormat(const std::string& text) {
    OutputFormat format;
    if (text == "ps" || text.empty()) return format;
    if (text == "wide") return format.kind = OutputFormat::Wide, format;
    if (text == "yaml") return format.kind = OutputFormat::Yaml, format;
    if (text == "json") return format.kind = OutputFormat::Json, format;
    if (text == "name") return format.kind = OutputFormat::Name, format;
    const std::string prefix = "custom-columns=";
    if (text.starts_with(prefix) && text.size() > prefix.size()) {
        format.kind = OutputFormat::CustomColumns;
        for (const auto& spec : split(text.substr(prefix.size()), ',')) {
            auto colon = spec.find(':');
            if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) {
                throw usageError("custom-columns: expected HEADER:.path, got '" + spec + "'");
            }
            CustomColumn column{spec.substr(0, colon), spec.substr(colon + 1)};
            parsePath(column.path);  // reject bad paths before anything is read
            format.columns.push_back(column);
        }
        return format;
    }
    throw usageError("unrecognized output format '" + text + "'");
}

std::string formatTable(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        if (widths.size() < row.size()) widths.resize(row.size(), 0);
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += line + "\n";
    }
    return out;
}

std::string lookupPath(const json& object, const std::string& path) {
    std::vector<std::string> values;
    collect(object, parsePath(path), 0, values);
    if (values.empty()) return kUnset;
    std::string out;
    for (const auto& v : values)
        out += (out.empty() ? "" : ",") + v;
    return out;
}

std::string renderResources(const KindInfo& kind, const std::vector<json>& objects,
                            const OutputFormat& format, bool asList, bool noHeaders) {
    auto listOf = [&] {
        return json{{"apiVersion", kind.api.apiVersion()},
                    {"kind", kind.kind + "List"},
                    {"metadata", json::object()},
                    {"items", objects}};
    };
    std::vector<TableColumn> columns;
    switch (format.kind) {
        case OutputFormat::Yaml:
            return toYaml(asList ? listOf() : objects.at(0));
        case OutputFormat::Json:
            return toJson(asList ? listOf() : objects.at(0));
        case OutputFormat::Name: {
            std::string out;
            for (const auto& o : objects)
                out += qualifiedName(kind, o) + "\n";
            return out;
        }
        case OutputFormat::CustomColumns:
            for (const auto& c : format.columns)
                columns.push_back({c.header, c.path});
            break;
        case OutputFormat::Wide:
            columns = kind.columns;
            columns.insert(columns.end(), kind.wideColumns.begin(), kind.wideColumns.end());
            break;
        case OutputFormat::Ps:
            columns = kind.columns;
            break;
    }
    std::vector<std::vector<std::string>> rows;
    if (!noHeaders) {
        rows.emplace_back();
        for (const auto& c : columns)
            rows.back().push_back(c.header);
    }
    for (const auto& o : objects) {
        rows.emplace_back();
        for (const auto& c : columns)
            rows.back().push_back(lookupPath(o, c.path));
    }
    return formatTable(rows);
}

std::string renderBgpConfigurations(const std::vector<json>& objects, const OutputFormat& format,
                                    bool asList, bool noHeaders) {
    return renderResources(kindInfo(kBgpConfigurationKind), objects, format, asList, noHeaders);
}

}  // namespace svcadv
