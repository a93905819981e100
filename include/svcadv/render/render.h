// Printing BGPConfigurations: tables, custom columns, names, YAML and JSON.
#pragma once

#include <string>
#include <vector>

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

// Renders v3 BGPConfiguration objects. With `asList` (several names or none given), YAML/JSON print
// a BGPConfigurationList; otherwise the single object.
std::string renderBgpConfigurations(const std::vector<json>& objects, const OutputFormat& format,
                                    bool asList, bool noHeaders);

}  // namespace svcadv
