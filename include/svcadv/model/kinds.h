// Resource kinds svcadv knows, and the names users may type for them.
#pragma once

#include <string>

namespace svcadv {

struct KindInfo {
    std::string kind;    // "BGPConfiguration"
    std::string plural;  // "bgpconfigurations", the storage folder and REST resource name
    std::string group;   // "projectcalico.org"
    bool namespaced = false;
};

// Case-insensitive alias lookup ("bgpconfig", "BGPConfigurations", ...). Throws a usage error
// "resource type '<x>' is not supported" for anything else.
KindInfo resolveKindAlias(const std::string& typed);

// The kinds stored in a datastore, by kind name ("Node", "Service", ...); nullptr when unknown.
const KindInfo* findKind(const std::string& kind);

}  // namespace svcadv
