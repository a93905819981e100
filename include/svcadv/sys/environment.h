// The process environment behind the util/environment.h lookup.
#pragma once

#include "svcadv/util/environment.h"

namespace svcadv {

// The real environment of this process.
EnvironmentLookup processEnvironment();

}  // namespace svcadv
