#include "svcadv/model/patch.h"

#include "svcadv/util/error.h"

namespace svcadv {

PatchType parsePatchType(const std::string& name) {
    if (name == "merge") return PatchType::Merge;
    if (name == "json") return PatchType::Json;
    if (name == "strategic") return PatchType::Strategic;
    throw usageError("--type: unknown patch type '" + name +
                     "' (expected merge, json or strategic)");
}

json applyPatch(const json& target, const json& patch, PatchType type) {
    if (type != PatchType::Json) {
        json result = target;
        result.merge_patch(patch);
        return result;
    }
    if (!patch.is_array()) throw invalidInput("a JSON patch must be a list of operations");
    try {
        return target.patch(patch);
    } catch (const json::exception& e) {
        throw invalidInput("JSON patch failed: " + describeJsonError(e));
    }
}

}  // namespace svcadv
