// Calico's storage of v3 resources as crd.projectcalico.org/v1 custom resources (storage.md):
// the v3 metadata a CR cannot hold travels in the annotation projectcalico.org/metadata, and the
// v3 uid is the CR uid with the bits of every byte but the version and variant bytes reversed.
#pragma once

#include <string>

#include "svcadv/model/kinds.h"  // kCalicoApi, kCalicoCrd
#include "svcadv/util/document.h"

namespace svcadv {

inline constexpr const char* kMetadataAnnotation = "projectcalico.org/metadata";

// Its own inverse: applying it twice gives the uid back. A string that is no UUID is returned as
// is.
std::string reverseUidBits(const std::string& uid);

// The v3 object users see, from a stored custom resource.
json crdToV3(const json& resource);

// The custom resource to store for a v3 object.
json v3ToCrd(const json& object);

}  // namespace svcadv
