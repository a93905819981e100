#include "svcadv/model/patch.h"

#include "svcadv/util/error.h"

namespace svcadv {
namespace {

// RFC 6902 section 4.1: the location an add (or move, or copy) writes to must be a member of an
// object or an element of an array. nlohmann's patch does nothing, silently, when it is the child
// of a scalar ("/spec/asNumber/x").
void checkWriteTarget(const json& document, const json& operation, std::size_t index) {
    if (!operation.is_object()) return;  // nlohmann names what is wrong with it
    auto op = operation.find("op");
    auto path = operation.find("path");
    if (op == operation.end() || path == operation.end() || !op->is_string() || !path->is_string())
        return;
    const auto& name = op->get_ref<const std::string&>();
    if (name != "add" && name != "move" && name != "copy") return;
    json::json_pointer pointer(path->get<std::string>());
    if (pointer.empty()) return;
    json::json_pointer parent = pointer.parent_pointer();
    if (!document.contains(parent)) return;  // nlohmann reports a missing parent
    const json& container = document.at(parent);
    if (container.is_object() || container.is_array()) return;
    throw invalidInput("JSON patch failed: operation " + std::to_string(index) + " (" + name + " " +
                       quoteForMessage(path->get<std::string>()) +
                       "): " + quoteForMessage(parent.to_string()) + " is a " +
                       container.type_name() + ", not an object or a list");
}

}  // namespace

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
        // One operation at a time, so each is checked against the document the ones before made.
        json result = target;
        for (std::size_t i = 0; i < patch.size(); ++i) {
            checkWriteTarget(result, patch[i], i);
            result = result.patch(json::array({patch[i]}));
        }
        return result;
    } catch (const json::exception& e) {
        throw invalidInput("JSON patch failed: " + describeJsonError(e));
    }
}

}  // namespace svcadv
