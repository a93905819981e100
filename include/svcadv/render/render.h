// Printing resources: tables, custom columns, names, YAML and JSON.
#pragma once

#include <string>
#include <vector>

#include "svcadv/model/kinds.h"
#include "svcadv/util/document.h"

namespace svcadv {

struct CustomColumn {
    std::string header;
    std::string path;  // ".spec.asNumber", ".spec.serviceClusterIPs[*].cidr", ".metadata.labels.x"
};

struct OutputFormat {
    enum Kind { Ps, Wide, Yaml, Json, Name, CustomColumns } kind = Ps;
    std::vector<CustomColumn> columns;
};

// "ps", "wide", "yaml", "json", "name", "custom-columns=HEADER:.path,...". Throws a usage error
// "unrecognized output format '<x>'" otherwise.
OutputFormat parseOutputFormat(const std::string& text);

// Aligned columns separated by two spaces, no trailing spaces.
std::string formatTable(const std::vector<std::vector<std::string>>& rows);

// The values at a simple JSONPath-like path, joined with ","; "-" when nothing is there.
std::string lookupPath(const json& object, const std::string& path);

// Renders objects of a kind: its table (with -o wide, its wide columns too), custom columns,
// "<kind>.<group>/<name>", or YAML/JSON. With `asList` (several names or none given), YAML/JSON
// print a <Kind>List; otherwise the single object.
std::string renderResources(const KindInfo& kind, const std::vector<json>& objects,
                            const OutputFormat& format, bool asList, bool noHeaders);

// renderResources for v3 BGPConfiguration objects.
std::string renderBgpConfigurations(const std::vector<json>& objects, const OutputFormat& format,
                                    bool asList, bool noHeaders);

}  // namespace svcadv
