#include <doctest/doctest.h>

#include <chrono>
#include <regex>

#include "svcadv/sys/clock.h"

using namespace svcadv;

TEST_CASE("nowRfc3339: UTC to the second, in the form metadata.creationTimestamp takes") {
    std::string stamp = nowRfc3339();
    CHECK(std::regex_match(stamp, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)")));
    // The year is this year's, so the clock is read, not a constant.
    auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    CHECK(stamp.substr(0, 4) == std::to_string(1900 + utc.tm_year));
}
