// Calico's validation of BGPConfiguration, with Calico's texts, plus svcadv's stricter CIDR checks
// (bare IPs rejected) and its warnings about configurations that are legal but suspicious.
#pragma once

#include <string>
#include <vector>

#include "svcadv/model/bgpconfig.h"
#include "svcadv/model/validation_profile.h"

namespace svcadv {

// Every problem of the resource, in field order, by the rules of the profile's Calico release.
// Empty means valid.
std::vector<FieldError> validateBgpConfiguration(const BGPConfiguration& resource,
                                                 const ValidationProfile& profile = {});

// Legal but suspicious: a name calico-node ignores, empty CIDR entries, duplicate or overlapping
// entries in one list. One sentence each.
std::vector<std::string> lintBgpConfiguration(const BGPConfiguration& resource);

// Decodes strictly and validates; throws InvalidInput "<origin>: error with ..." listing every
// problem of the document.
BGPConfiguration checkedBgpConfiguration(const Document& document,
                                         const ValidationProfile& profile = {});

bool isDnsSubdomain(const std::string& name);

}  // namespace svcadv
