#include "svcadv/util/retry.h"

#include "svcadv/util/log.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

namespace svcadv {

std::optional<std::chrono::milliseconds> nextRetryDelay(
    const RetryPolicy& policy, int failed, RetryClock::time_point now, double random,
    std::optional<std::chrono::milliseconds> serverDelay) {
    using std::chrono::milliseconds;
    if (failed >= policy.maxAttempts) return std::nullopt;
    milliseconds delay;
    if (serverDelay) {
        delay = std::clamp(*serverDelay, milliseconds(0), policy.cap);
    } else {
        // base * 2^(failed-1), doubled step by step so that a large count cannot overflow.
        milliseconds backoff = std::min(policy.base, policy.cap);
        for (int i = 1; i < failed && backoff < policy.cap; ++i)
            backoff = std::min(backoff * 2, policy.cap);
        double jitter = std::clamp(policy.jitter, 0.0, 1.0) * std::clamp(random, 0.0, 1.0);
        auto randomPart = static_cast<milliseconds::rep>(
            std::floor(static_cast<double>(backoff.count()) * jitter));
        delay = backoff - milliseconds(randomPart);
    }
    if (policy.deadline && now + delay >= *policy.deadline) return std::nullopt;
    return delay;
}

RetryClock::time_point steadyNow() {
    return RetryClock::now();
}

void sleepFor(std::chrono::milliseconds duration) {
    std::this_thread::sleep_for(duration);
}

double uniformRandom() {
    static thread_local std::mt19937 generator(std::random_device{}());
    return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

Retrier::Retrier(RetryPolicy policy, RetryEnvironment environment)
    : policy_(policy), environment_(std::move(environment)) {}

bool Retrier::backOff(std::optional<std::chrono::milliseconds> serverDelay) {
    ++failures_;
    auto delay =
        nextRetryDelay(policy_, failures_, environment_.now(), environment_.random(), serverDelay);
    if (!delay) {
        logLine(kLogRetries, "giving up after " + std::to_string(failures_) + " failed attempt(s)");
        return false;
    }
    logLine(kLogRetries, "retry " + std::to_string(failures_) + " after " +
                             std::to_string(delay->count()) + "ms backoff");
    if (delay->count() > 0) environment_.sleep(*delay);
    return true;
}

}  // namespace svcadv
