#include "svcadv/model/kinds.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "svcadv/util/error.h"

namespace svcadv {
namespace {

const std::array<KindInfo, 4>& kinds() {
    static const std::array<KindInfo, 4> all{{
        {"BGPConfiguration", "bgpconfigurations", "projectcalico.org", false},
        {"Node", "nodes", "", false},
        {"Service", "services", "", true},
        {"EndpointSlice", "endpointslices", "discovery.k8s.io", true},
    }};
    return all;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

}  // namespace

KindInfo resolveKindAlias(const std::string& typed) {
    std::string name = lower(typed);
    // Calico's aliases; a "kind.group" form such as kubectl prints is accepted too.
    if (name == "bgpconfiguration" || name == "bgpconfigurations" || name == "bgpconfig" ||
        name == "bgpconfigs" || name == "bgpconfiguration.projectcalico.org" ||
        name == "bgpconfigurations.projectcalico.org") {
        return kinds()[0];
    }
    throw usageError("resource type '" + typed + "' is not supported");
}

const KindInfo* findKind(const std::string& kind) {
    for (const auto& info : kinds()) {
        if (info.kind == kind) return &info;
    }
    return nullptr;
}

}  // namespace svcadv
