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

TEST_CASE("millisecondsSince: the time elapsed on the steady clock") {
    auto start = std::chrono::steady_clock::now() - std::chrono::milliseconds(250);
    long long elapsed = millisecondsSince(start);
    CHECK(elapsed >= 250);
    CHECK(elapsed < 60000);
}

TEST_CASE("logTimestamp: klog's header, I then month, day and time to the microsecond") {
    CHECK(std::regex_match(logTimestamp(), std::regex(R"(I\d{4} \d{2}:\d{2}:\d{2}\.\d{6})")));
}
