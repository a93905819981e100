// Random identifiers for metadata.uid, as the API server assigns them.
#pragma once

#include <string>

namespace svcadv {

// A random RFC 4122 version 4 UUID in its lower-case 8-4-4-4-12 form.
std::string newUuid();

}  // namespace svcadv
