// The wall clock, for the timestamps the datastores stamp on new objects.
#pragma once

#include <chrono>
#include <string>

namespace svcadv {

// Now in UTC as RFC 3339 to the second ("2026-11-25T19:00:00Z"), as metadata.creationTimestamp.
std::string nowRfc3339();

// Whole milliseconds from `start` to now on the steady clock (request durations in the log).
long long millisecondsSince(std::chrono::steady_clock::time_point start);

// "I1125 19:00:00.123456" (klog's line header: severity, month, day, time to the microsecond).
std::string logTimestamp();

}  // namespace svcadv
