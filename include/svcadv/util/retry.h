// Retrying with backoff, in one place: the datastore's conflict retries, the Kubernetes client's
// 429/5xx and dropped-connection retries, and label-exclude's read-decide-write.
//
// The schedule is a pure function of the policy, the attempt, the time and a random number; the
// clock, the sleeper and the random source are injected (real by default), so the tests run it on
// a fake clock and no logic here ever sleeps by itself.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

namespace svcadv {

using RetryClock = std::chrono::steady_clock;

struct RetryPolicy {
    int maxAttempts = 1;                  // tries in all, the first one included
    std::chrono::milliseconds base{100};  // the backoff after the first failure; doubles after each
    std::chrono::milliseconds cap{10'000};  // no wait is longer, a server-requested one included
    // The random share of each backoff, so that clients that failed together do not retry in
    // lockstep: 1 draws the wait from (0, backoff] ("full jitter"), 0 waits exactly the backoff.
    double jitter = 1.0;
    std::optional<RetryClock::time_point> deadline;  // no wait ends at or after it
};

// The wait before the next attempt after `failed` attempts failed (1 after the first), or nullopt
// when the policy gives up: the attempts are spent, or the wait would reach the deadline.
// `random` is uniform in [0, 1). `serverDelay` is what the server asked for (Retry-After): it
// replaces the backoff, bounded by the cap.
std::optional<std::chrono::milliseconds> nextRetryDelay(
    const RetryPolicy& policy, int failed, RetryClock::time_point now, double random,
    std::optional<std::chrono::milliseconds> serverDelay = std::nullopt);

// The real world, unless a test says otherwise.
RetryClock::time_point steadyNow();
void sleepFor(std::chrono::milliseconds duration);
double uniformRandom();  // in [0, 1), from a per-thread generator seeded by random_device

struct RetryEnvironment {
    std::function<RetryClock::time_point()> now = steadyNow;
    std::function<void(std::chrono::milliseconds)> sleep = sleepFor;
    std::function<double()> random = uniformRandom;
};

// One retry loop's state: count the failures, ask the schedule, wait. A caller's loop:
//     for (Retrier retrier(policy);;) {
//         try {
//             return attempt();
//         } catch (const ConflictError&) {
//             if (!retrier.backOff()) throw;
//         }
//     }
class Retrier {
  public:
    explicit Retrier(RetryPolicy policy, RetryEnvironment environment = {});

    // After a failed attempt: waits and returns true when another attempt is due, returns false
    // (at once) when the policy gives up.
    bool backOff(std::optional<std::chrono::milliseconds> serverDelay = std::nullopt);

    int failures() const { return failures_; }
    const RetryPolicy& policy() const { return policy_; }

  private:
    RetryPolicy policy_;
    RetryEnvironment environment_;
    int failures_ = 0;
};

}  // namespace svcadv
