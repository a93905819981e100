// -o custom-columns=<spec>: any spec is a usage error or a table of a BGPConfiguration.
#include <cstddef>
#include <cstdint>
#include <string>

#include "svcadv/render/render.h"
#include "svcadv/util/error.h"

using namespace svcadv;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string spec(reinterpret_cast<const char*>(data), size);
    static const json object = json::parse(R"({
        "apiVersion": "projectcalico.org/v3", "kind": "BGPConfiguration",
        "metadata": {"name": "default", "labels": {"a.b/c": "d"}},
        "spec": {"asNumber": 64512, "serviceClusterIPs": [{"cidr": "10.96.0.0/12"}],
                 "communities": [{"name": "x", "value": "1:2"}]}})");
    try {
        OutputFormat format = parseOutputFormat("custom-columns=" + spec);
        renderBgpConfigurations({object}, format, true, false);
    } catch (const Error& e) {
        if (e.code() != ExitCode::Usage) __builtin_trap();
    }
    try {
        lookupPath(object, spec);
    } catch (const Error& e) {
        if (e.code() != ExitCode::Usage) __builtin_trap();
    }
    return 0;
}
