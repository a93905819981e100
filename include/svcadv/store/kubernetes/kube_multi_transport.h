// The PageTransport of list_pager.h over libcurl's multi interface: the GETs of several lists in
// flight at once from one thread, each set up exactly as KubeClient sets up its requests
// (credentials, TLS, proxy, gzip only), over one HTTP/2 connection where the server offers it
// (streams multiplexed) and otherwise over one kept-alive connection per list. Bodies are capped
// at KubeClient::kMaxResponseBytes as they arrive (decompressed), and padded for the decoder.
#pragma once

#include <memory>

#include "svcadv/store/kubernetes/kube_client.h"
#include "svcadv/store/kubernetes/list_pager.h"

namespace svcadv {

class KubeMultiTransport : public PageTransport {
  public:
    // `client` gives the server, the credentials and the TLS settings; it must outlive this.
    explicit KubeMultiTransport(const KubeClient& client);
    ~KubeMultiTransport() override;
    KubeMultiTransport(const KubeMultiTransport&) = delete;
    KubeMultiTransport& operator=(const KubeMultiTransport&) = delete;

    void start(std::size_t list, const std::string& target,
               std::chrono::steady_clock::time_point deadline) override;
    std::optional<PageAnswer> wait(std::chrono::steady_clock::time_point until) override;
    const std::string& server() const override;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace svcadv
