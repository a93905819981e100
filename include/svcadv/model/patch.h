// JSON merge patch (RFC 7386) and JSON patch (RFC 6902), through nlohmann/json's implementations.
#pragma once

#include <string>

#include "svcadv/util/document.h"

namespace svcadv {

enum class PatchType { Merge, Json, Strategic };

// "merge", "json", "strategic"; throws a usage error naming --type otherwise.
PatchType parsePatchType(const std::string& name);

// Applies `patch` to `target`. Strategic means merge: BGPConfiguration lists have no merge keys, so
// they are replaced whole, as calicoctl does. A malformed patch or a failed operation throws
// InvalidInput with nlohmann's reason.
json applyPatch(const json& target, const json& patch, PatchType type);

}  // namespace svcadv
