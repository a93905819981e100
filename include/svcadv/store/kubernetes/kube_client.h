// HTTP to the Kubernetes API over libcurl: one reused handle (keep-alive), gzip, HTTP/2 when
// offered, TLS material handed over in memory, timeouts, and bounded retries of 429 and 5xx that
// honour Retry-After. Transport failures become Unreachable errors naming the server and the cause;
// nothing it prints or throws contains a token, key or password.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "svcadv/store/kubernetes/kubeconfig.h"

namespace svcadv {

struct HttpResponse {
    long status = 0;
    std::string body;
};

class KubeClient {
  public:
    KubeClient(KubeConnection connection, std::chrono::milliseconds timeout);
    ~KubeClient();
    KubeClient(const KubeClient&) = delete;
    KubeClient& operator=(const KubeClient&) = delete;

    // `target` is the path with its query. `idempotent` requests (reads, PUT with a
    // resourceVersion) are retried on 429/5xx and failed connections; others only on 429.
    HttpResponse request(const std::string& method, const std::string& target,
                         const std::string& body = "", const std::string& contentType = "",
                         bool idempotent = true);

    const std::string& server() const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// The error for a non-2xx answer: the Status message, with the exit code of cli.md (404 NotFound,
// 409 AlreadyExists/Conflict, 400/422 InvalidInput, 401/403 Unreachable, others Other).
[[noreturn]] void throwApiError(const HttpResponse& response, const std::string& kind,
                                const std::string& name, const std::string& server);

}  // namespace svcadv
