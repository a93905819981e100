#include "svcadv/store/kubernetes/list_pager.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "svcadv/store/kubernetes/kube_client.h"

namespace svcadv {
namespace {

// One list's walk through its pages.
struct ListWalk {
    std::string token;  // of the next page; empty for the first
    std::set<std::string> tokensSeen;
    int restarts = 0;
    int statusFailures = 0;                         // of the current page (429, 5xx)
    int connectionFailures = 0;                     // of the current page (no answer)
    std::optional<RetryClock::time_point> retryAt;  // waiting to repeat the current page
    bool inFlight = false;
    bool done = false;
};

}  // namespace

std::string pageTarget(const std::string& collection, int pageSize, const std::string& token) {
    std::string target = collection + "?limit=" + std::to_string(pageSize);
    if (!token.empty()) target += "&continue=" + urlEncode(token);
    return target;
}

void fetchListPages(PageTransport& transport, const std::vector<ListSpec>& lists,
                    const PagerOptions& options, const PageHandler& onPage,
                    const ListRestart& onRestart) {
    const RetryEnvironment& env = options.environment;
    const auto deadline = env.now() + options.timeout;
    std::vector<ListWalk> walks(lists.size());
    std::size_t received = 0;  // bytes of pages, every list
    auto start = [&](std::size_t index) {
        ListWalk& walk = walks[index];
        walk.retryAt.reset();
        walk.inFlight = true;
        transport.start(index, pageTarget(lists[index].collection, options.pageSize, walk.token),
                        deadline);
    };
    // A repeat of the current page after `failed` failures, or false when the schedule gives up.
    auto scheduleRetry = [&](ListWalk& walk, int attempts, int failed,
                             std::optional<std::chrono::milliseconds> serverDelay) {
        auto now = env.now();
        auto delay = nextRetryDelay(requestRetryPolicy(attempts, deadline), failed, now,
                                    env.random(), serverDelay);
        if (!delay) return false;
        walk.retryAt = now + *delay;
        return true;
    };
    for (std::size_t i = 0; i < lists.size(); ++i)
        start(i);
    for (;;) {
        bool pending = false;
        auto wakeUp = deadline;
        for (std::size_t i = 0; i < walks.size(); ++i) {
            ListWalk& walk = walks[i];
            if (walk.done) continue;
            pending = true;
            if (walk.retryAt && !walk.inFlight) {
                if (*walk.retryAt <= env.now())
                    start(i);
                else
                    wakeUp = std::min(wakeUp, *walk.retryAt);
            }
        }
        if (!pending) return;
        std::optional<PageAnswer> answer = transport.wait(wakeUp);
        if (!answer) {
            // Nothing ended: a retry is due, or the deadline passed with transfers still open
            // (the transport ends them at the deadline, so this is a transport that did not).
            if (env.now() >= deadline && wakeUp == deadline)
                throw Error(ExitCode::Unreachable,
                            "request to " + transport.server() + " timed out after " +
                                std::to_string(options.timeout.count()) + "ms (--request-timeout)");
            continue;
        }
        std::size_t index = answer->list;
        if (index >= walks.size() || !walks[index].inFlight)
            throw Error(ExitCode::Other, "an answer for a list that asked nothing");
        ListWalk& walk = walks[index];
        walk.inFlight = false;
        const ListSpec& list = lists[index];
        if (answer->failure) {
            if (answer->failure->connectionFailed &&
                scheduleRetry(walk, 3, ++walk.connectionFailures, std::nullopt))
                continue;
            throw Error(answer->failure->code, answer->failure->message);
        }
        if (isRetriedStatus(answer->status, true) &&  // a list page is a GET
            scheduleRetry(walk, 6, ++walk.statusFailures, answer->retryAfter))
            continue;
        walk.statusFailures = walk.connectionFailures = 0;
        // An expired continue token: the list starts over (a bounded number of times).
        if (answer->status == 410 && walk.restarts < options.maxRestarts) {
            ++walk.restarts;
            walk.token.clear();
            walk.tokensSeen.clear();
            onRestart(index);
            start(index);
            continue;
        }
        if (answer->status != 200)
            throwApiError({answer->status, std::string(answer->text())}, list.kind, "",
                          transport.server());
        received += answer->text().size();
        if (received > options.maxTotalBytes)
            throw Error(ExitCode::Unreachable, transport.server() + " answered more than " +
                                                   std::to_string(options.maxTotalBytes >> 20) +
                                                   " MiB while listing " + list.kind +
                                                   " and the other kinds with it");
        std::string next = onPage(index, answer->text());
        answer.reset();  // the page is decoded: its bytes go now
        // A server that hands out a token again would keep svcadv paging forever.
        if (!next.empty() && !walk.tokensSeen.insert(next).second)
            throw Error(ExitCode::Unreachable, transport.server() +
                                                   " repeated a continue token while listing " +
                                                   list.kind + " (the list would never end)");
        walk.token = std::move(next);
        if (walk.token.empty())
            walk.done = true;
        else
            start(index);
    }
}

}  // namespace svcadv
