// The wall clock, for the timestamps the datastores stamp on new objects.
#pragma once

#include <string>

namespace svcadv {

// Now in UTC as RFC 3339 to the second ("2026-11-25T19:00:00Z"), as metadata.creationTimestamp.
std::string nowRfc3339();

}  // namespace svcadv
