// Calico's validation of BGPConfiguration, with Calico's texts, plus svcadv's stricter CIDR checks
// (bare IPs rejected) and its warnings about configurations that are legal but suspicious.
#pragma once

#include <string>
#include <vector>

#include "svcadv/model/bgpconfig.h"

namespace svcadv {

struct ValidationOptions {
    int calicoMinor = 33;  // v3.<minor> semantics; 32 checks logSeverityScreen case exactly
};

// Every problem of the resource, in field order. Empty means valid.
std::vector<FieldError> validateBgpConfiguration(const BGPConfiguration& resource,
                                                 const ValidationOptions& options = {});

// Legal but suspicious: a name calico-node ignores, empty CIDR entries, duplicate or overlapping
// entries in one list. One sentence each.
std::vector<std::string> lintBgpConfiguration(const BGPConfiguration& resource);

// Decodes strictly and validates; throws InvalidInput "<origin>: error with ..." listing every
// problem of the document.
BGPConfiguration checkedBgpConfiguration(const Document& document,
                                         const ValidationOptions& options = {});

bool isDnsSubdomain(const std::string& name);

}  // namespace svcadv
