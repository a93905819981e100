// Cluster decoding (--from files: streamed JSON or YAML documents) and the route plan over what
// decoded: InvalidInput errors only, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "svcadv/routes/cluster.h"
#include "svcadv/routes/route_plan.h"
#include "svcadv/util/error.h"

using namespace svcadv;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    ClusterState state;
    try {
        readClusterObjects(state, text, "fuzz", nullptr);
        removeDuplicateObjects(state);
        computeRoutePlan(state, PreviewOptions{});
    } catch (const Error& e) {
        if (e.code() != ExitCode::InvalidInput) __builtin_trap();
    }
    return 0;
}
