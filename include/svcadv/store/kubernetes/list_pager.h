// Several paginated lists of one API server fetched at once: every list walks its pages in order
// (limit=N, then each answer's continue token), one request per list in flight at a time, the
// lists side by side. An expired continue token (410) restarts that list from its first page a
// bounded number of times; 429, 5xx and dropped connections are retried with KubeClient's
// schedule (Retry-After honoured); a list that hands out a continue token twice is an error, and
// one deadline (--request-timeout) covers every page, retry and restart of every list.
//
// The requests go through a PageTransport (kube_multi_transport.h over libcurl; a recording fake
// in the unit tests), and each page goes to the caller as soon as it arrived, then is dropped: the
// caller decodes it and says what its continue token is, so no page is held as a tree.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "svcadv/util/error.h"
#include "svcadv/util/retry.h"

namespace svcadv {

// The zero bytes that follow every page's text in memory (simdjson reads 64-byte blocks).
inline constexpr std::size_t kPagePadding = 64;

// A transfer that got no HTTP answer.
struct TransferFailure {
    bool connectionFailed = false;  // no answer at all: safe to repeat a GET
    ExitCode code = ExitCode::Unreachable;
    std::string message;  // the error's text, naming the server; never a credential
};

// The end of one GET.
struct PageAnswer {
    std::size_t list = 0;  // the list it was started for
    long status = 0;
    // The answer's bytes followed by kPagePadding zero bytes (see text()).
    std::string paddedBody;
    std::optional<std::chrono::milliseconds> retryAfter;  // the server's Retry-After, capped
    std::optional<TransferFailure> failure;

    std::string_view text() const {
        return std::string_view(paddedBody)
            .substr(0, paddedBody.size() >= kPagePadding ? paddedBody.size() - kPagePadding : 0);
    }
};

// Where the GETs go. At most one transfer per list is started at a time.
class PageTransport {
  public:
    virtual ~PageTransport() = default;
    // Starts GET `target` (path and query) for `list`; it must end (answer or failure) by
    // `deadline`.
    virtual void start(std::size_t list, const std::string& target,
                       std::chrono::steady_clock::time_point deadline) = 0;
    // The next transfer that ended, or nullopt when none did by `until`.
    virtual std::optional<PageAnswer> wait(std::chrono::steady_clock::time_point until) = 0;
    // The server as messages name it.
    virtual const std::string& server() const = 0;
};

struct ListSpec {
    std::string kind;        // for messages: "Node"
    std::string collection;  // "/api/v1/nodes"
};

struct PagerOptions {
    int pageSize = 500;
    int maxRestarts = 3;                        // expired continue tokens (410) tolerated per list
    std::chrono::milliseconds timeout{30'000};  // the whole of every list
    // The bytes of every page of every list together (each page is capped by the transport): a
    // server that pages without end is stopped here, as a --from input is at 1 GiB.
    std::size_t maxTotalBytes = std::size_t{1} << 30;
    RetryEnvironment environment;  // the clock and randomness of retries
};

// Decodes one page of list `list` and returns its continue token (empty on the last page).
using PageHandler = std::function<std::string(std::size_t list, std::string_view text)>;
// List `list` starts over: forget every page it gave so far.
using ListRestart = std::function<void(std::size_t list)>;

// Every page of every list. Errors: KubeClient's for transfers and non-2xx answers
// (throwApiError with the list's kind), and Unreachable for a repeated continue token or pages
// over maxTotalBytes.
void fetchListPages(PageTransport& transport, const std::vector<ListSpec>& lists,
                    const PagerOptions& options, const PageHandler& onPage,
                    const ListRestart& onRestart);

// "?limit=500", "&continue=..." appended to a collection path (the token URL-encoded).
std::string pageTarget(const std::string& collection, int pageSize, const std::string& token);

}  // namespace svcadv
