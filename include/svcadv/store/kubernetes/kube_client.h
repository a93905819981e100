// HTTP to the Kubernetes API over libcurl: one reused handle (keep-alive), gzip, HTTP/2 when
// offered, TLS material handed over in memory, timeouts, and bounded retries of 429 and 5xx that
// honour Retry-After (at most 10 s). Only http and https; an http:// server gets no credentials
// unless the connection allows it. Answers are capped (kMaxResponseBytes). Transport failures
// become Unreachable errors naming the server and the cause; nothing it prints or throws contains a
// token, key or password.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "svcadv/store/kubernetes/kubeconfig.h"
#include "svcadv/store/kubernetes/list_pager.h"
#include "svcadv/util/retry.h"

namespace svcadv {

struct HttpResponse {
    long status = 0;
    std::string body;
};

// A libcurl handle set up for one request (prepareTransfer): the URL it asks for, and what the
// handle points to, which must outlive the transfer.
struct PreparedTransfer {
    std::string url;
    std::shared_ptr<void> resources;
};

class KubeClient {
  public:
    KubeClient(KubeConnection connection, std::chrono::milliseconds timeout);
    ~KubeClient();
    KubeClient(const KubeClient&) = delete;
    KubeClient& operator=(const KubeClient&) = delete;

    // `target` is the path with its query. `idempotent` requests (reads, PUT with a
    // resourceVersion) are retried on 429/5xx and failed connections; others only on 429. The
    // request (connection, retries and waits included) ends by `deadline` when that is sooner than
    // the client's timeout from now: the pages of one list share a deadline.
    HttpResponse request(const std::string& method, const std::string& target,
                         const std::string& body = "", const std::string& contentType = "",
                         bool idempotent = true,
                         std::optional<std::chrono::steady_clock::time_point> deadline = {});

    // Sets up `curlHandle` (a CURL easy handle) for one request as request() does: the URL,
    // credentials, TLS material, proxy, gzip, HTTP/2 where offered. The caller adds where the body
    // goes and the timeouts, and drives the transfer (kube_multi_transport drives several at once).
    PreparedTransfer prepareTransfer(void* curlHandle, const std::string& method,
                                     const std::string& target, const std::string& body = "",
                                     const std::string& contentType = "") const;
    // The error of a transfer that ended with libcurl's `curlResult` (and its error buffer's
    // `detail`): request()'s messages. CURLE_WRITE_ERROR is an answer over kMaxResponseBytes.
    TransferFailure transferFailure(int curlResult, const char* detail, const std::string& method,
                                    const std::string& target) const;

    // The server's URL as printed: without user information.
    const std::string& server() const;
    std::chrono::milliseconds timeout() const;

    // An answer (as decompressed) larger than this is an error, not a memory exhaustion.
    static constexpr std::size_t kMaxResponseBytes = std::size_t{64} << 20;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// The error for a non-2xx answer: the Status message, with the exit code of cli.md (404 NotFound,
// 409 AlreadyExists/Conflict, 400/422 InvalidInput, 401/403 Unreachable, others Other).
[[noreturn]] void throwApiError(const HttpResponse& response, const std::string& kind,
                                const std::string& name, const std::string& server);

// A path segment or query value percent-encoded by libcurl (all but A-Z a-z 0-9 - . _ ~).
std::string urlEncode(const std::string& text);

// Retries of one request: jittered exponential backoff from 100 ms (or the server's Retry-After,
// up to 10 s), `attempts` tries in all, and never a wait that ends past the request's deadline.
RetryPolicy requestRetryPolicy(int attempts, RetryClock::time_point deadline);

// Whether an answer with this status is worth repeating: 429 always (the server said "later"),
// 500, 502, 503 and 504 only for a request that is safe to repeat.
bool isRetriedStatus(long status, bool idempotent);

}  // namespace svcadv
