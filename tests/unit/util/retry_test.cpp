// The retry schedule (backoff growth, cap, jitter, Retry-After, attempts, deadline) and the
// Retrier's loop, on a fake clock that only the fake sleeper moves.
#include <doctest/doctest.h>

#include <vector>

#include "svcadv/util/retry.h"

using namespace svcadv;
using std::chrono::milliseconds;

namespace {

const RetryClock::time_point kStart{};  // the fake clock's epoch

// A clock that stands still until the sleeper advances it, and a scripted random source.
struct FakeWorld {
    RetryClock::time_point now = kStart;
    std::vector<milliseconds> slept;
    double random = 0.0;

    RetryEnvironment environment() {
        return {[this] { return now; },
                [this](milliseconds d) {
                    slept.push_back(d);
                    now += d;
                },
                [this] { return random; }};
    }
};

RetryPolicy policy(int attempts, milliseconds base, milliseconds cap, double jitter) {
    RetryPolicy p;
    p.maxAttempts = attempts;
    p.base = base;
    p.cap = cap;
    p.jitter = jitter;
    return p;
}

}  // namespace

TEST_CASE("retry schedule: without jitter the backoff doubles from the base up to the cap") {
    auto p = policy(10, milliseconds(100), milliseconds(1000), 0.0);
    std::vector<milliseconds> delays;
    for (int failed = 1; failed < 10; ++failed)
        delays.push_back(*nextRetryDelay(p, failed, kStart, 0.5));
    CHECK(delays ==
          std::vector<milliseconds>{milliseconds(100), milliseconds(200), milliseconds(400),
                                    milliseconds(800), milliseconds(1000), milliseconds(1000),
                                    milliseconds(1000), milliseconds(1000), milliseconds(1000)});
    // A huge count neither overflows nor passes the cap.
    auto many = policy(1'000'000, milliseconds(100), milliseconds(1000), 0.0);
    CHECK(nextRetryDelay(many, 500'000, kStart, 0.0) == milliseconds(1000));
}

TEST_CASE("retry schedule: jitter draws from the top share of the backoff") {
    auto full = policy(5, milliseconds(100), milliseconds(10'000), 1.0);
    // random in [0, 1): full jitter spans (0, backoff].
    CHECK(nextRetryDelay(full, 3, kStart, 0.0) == milliseconds(400));
    CHECK(nextRetryDelay(full, 3, kStart, 0.5) == milliseconds(200));
    CHECK(nextRetryDelay(full, 3, kStart, 0.999) == milliseconds(1));
    auto half = policy(5, milliseconds(100), milliseconds(10'000), 0.5);
    CHECK(nextRetryDelay(half, 1, kStart, 0.0) == milliseconds(100));
    CHECK(nextRetryDelay(half, 1, kStart, 0.999) == milliseconds(51));
    for (double r : {0.0, 0.1, 0.37, 0.5, 0.93, 0.9999}) {
        for (int failed = 1; failed < 5; ++failed) {
            milliseconds backoff = milliseconds(100) * (1 << (failed - 1));
            auto delay = *nextRetryDelay(half, failed, kStart, r);
            CHECK(delay <= backoff);
            CHECK(delay > backoff / 2);
        }
    }
}

TEST_CASE("retry schedule: Retry-After replaces the backoff, bounded by the cap and the deadline") {
    auto p = policy(6, milliseconds(100), milliseconds(10'000), 0.5);
    CHECK(nextRetryDelay(p, 1, kStart, 0.7, milliseconds(3000)) == milliseconds(3000));
    CHECK(nextRetryDelay(p, 1, kStart, 0.7, milliseconds(0)) == milliseconds(0));
    CHECK(nextRetryDelay(p, 1, kStart, 0.7, milliseconds(60'000)) == milliseconds(10'000));
    p.deadline = kStart + milliseconds(5000);
    CHECK(nextRetryDelay(p, 1, kStart, 0.7, milliseconds(4999)) == milliseconds(4999));
    // Waiting until the deadline leaves no time for the attempt: give up now instead.
    CHECK_FALSE(nextRetryDelay(p, 1, kStart, 0.7, milliseconds(5000)));
    CHECK_FALSE(nextRetryDelay(p, 1, kStart + milliseconds(2000), 0.7, milliseconds(3000)));
    CHECK_FALSE(nextRetryDelay(p, 1, kStart, 0.7, milliseconds(60'000)));
}

TEST_CASE("retry schedule: gives up after the attempts, and before a wait past the deadline") {
    auto p = policy(3, milliseconds(100), milliseconds(10'000), 0.0);
    CHECK(nextRetryDelay(p, 1, kStart, 0.0));
    CHECK(nextRetryDelay(p, 2, kStart, 0.0));
    CHECK_FALSE(nextRetryDelay(p, 3, kStart, 0.0));
    CHECK_FALSE(nextRetryDelay(p, 3, kStart, 0.0, milliseconds(1)));
    CHECK_FALSE(
        nextRetryDelay(policy(1, milliseconds(100), milliseconds(100), 0.0), 1, kStart, 0.0));
    p.deadline = kStart + milliseconds(250);
    CHECK(nextRetryDelay(p, 2, kStart, 0.0) == milliseconds(200));
    CHECK_FALSE(nextRetryDelay(p, 2, kStart + milliseconds(50), 0.0));
}

TEST_CASE("retrier: sleeps the schedule through the injected sleeper, then gives up") {
    FakeWorld world;
    Retrier retrier(policy(4, milliseconds(100), milliseconds(250), 0.0), world.environment());
    int attempts = 1;
    while (retrier.backOff())
        ++attempts;
    CHECK(attempts == 4);
    CHECK(retrier.failures() == 4);
    CHECK(world.slept ==
          std::vector<milliseconds>{milliseconds(100), milliseconds(200), milliseconds(250)});
    CHECK(world.now == kStart + milliseconds(550));
}

TEST_CASE("retrier: the deadline stops it before the attempts are spent") {
    FakeWorld world;
    auto p = policy(10, milliseconds(100), milliseconds(10'000), 0.0);
    p.deadline = kStart + milliseconds(1000);
    Retrier retrier(p, world.environment());
    int attempts = 1;
    while (retrier.backOff())
        ++attempts;
    // 100 + 200 + 400 = 700 ms spent; 800 more would end past the deadline.
    CHECK(attempts == 4);
    CHECK(world.now == kStart + milliseconds(700));
    CHECK(world.now < *p.deadline);
}

TEST_CASE("retrier: a server-requested delay is slept as asked, a zero one not at all") {
    FakeWorld world;
    world.random = 0.9;
    Retrier retrier(policy(5, milliseconds(100), milliseconds(10'000), 1.0), world.environment());
    CHECK(retrier.backOff(milliseconds(1000)));
    CHECK(retrier.backOff(milliseconds(0)));
    CHECK(retrier.backOff());
    CHECK(world.slept == std::vector<milliseconds>{milliseconds(1000), milliseconds(40)});
}

TEST_CASE("retry environment: the real defaults tick, sleep and draw in [0, 1)") {
    RetryEnvironment real;
    auto before = real.now();
    real.sleep(milliseconds(2));
    CHECK(real.now() - before >= milliseconds(2));
    for (int i = 0; i < 1000; ++i) {
        double r = real.random();
        CHECK(r >= 0.0);
        CHECK(r < 1.0);
    }
}
