#include "svcadv/store/kubernetes/kube_multi_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <deque>
#include <map>

#include "svcadv/sys/clock.h"
#include "svcadv/sys/curl_option.h"
#include "svcadv/util/log.h"

namespace svcadv {
namespace {

// The longest wait a Retry-After may ask for, as KubeClient caps it.
constexpr std::chrono::seconds kMaxRetryAfter{10};

// One list's transfer: its handle (kept from page to page, so its connection is kept alive), the
// body so far and what the handle points to.
struct Transfer {
    std::size_t list = 0;
    CURL* handle = nullptr;
    std::string body;
    bool overflowed = false;
    std::string target;
    PreparedTransfer prepared;
    std::chrono::steady_clock::time_point started;
    char errors[CURL_ERROR_SIZE] = {};
};

std::size_t appendPage(char* data, std::size_t size, std::size_t count, void* target) {
    auto& transfer = *static_cast<Transfer*>(target);
    std::size_t bytes = size * count;
    if (transfer.body.size() + bytes > KubeClient::kMaxResponseBytes) {
        transfer.overflowed = true;
        return 0;  // libcurl ends the transfer with CURLE_WRITE_ERROR
    }
    transfer.body.append(data, bytes);
    return bytes;
}

}  // namespace

struct KubeMultiTransport::State {
    const KubeClient& client;
    CURLM* multi = nullptr;
    std::map<std::size_t, Transfer> transfers;  // by list; stable addresses for libcurl
    std::deque<PageAnswer> ended;

    explicit State(const KubeClient& c) : client(c) {}

    // Answers of the transfers libcurl says are over.
    void collect() {
        int left = 0;
        while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
            if (message->msg != CURLMSG_DONE) continue;
            Transfer* transfer = nullptr;
            curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
            CURLcode result = message->data.result;
            curl_multi_remove_handle(multi, transfer->handle);
            PageAnswer answer;
            answer.list = transfer->list;
            curl_easy_getinfo(transfer->handle, CURLINFO_RESPONSE_CODE, &answer.status);
            logLine(kLogRequests, requestLine("GET", transfer->prepared.url, answer.status,
                                              millisecondsSince(transfer->started)));
            if (result != CURLE_OK) {
                answer.failure =
                    client.transferFailure(transfer->overflowed ? CURLE_WRITE_ERROR : result,
                                           transfer->errors, "GET", transfer->target);
            } else {
                curl_off_t retryAfter = -1;  // seconds, 0 when absent
                if (curl_easy_getinfo(transfer->handle, CURLINFO_RETRY_AFTER, &retryAfter) ==
                        CURLE_OK &&
                    retryAfter > 0)
                    answer.retryAfter = std::min<std::chrono::milliseconds>(
                        kMaxRetryAfter,
                        std::chrono::seconds(std::min<curl_off_t>(retryAfter, 3600)));
                transfer->body.append(kPagePadding, '\0');
                answer.paddedBody = std::move(transfer->body);
            }
            transfer->body = std::string();
            transfer->prepared.resources.reset();
            ended.push_back(std::move(answer));
        }
    }
};

KubeMultiTransport::KubeMultiTransport(const KubeClient& client)
    : state_(std::make_unique<State>(client)) {
    state_->multi = curl_multi_init();
    if (!state_->multi) throw Error(ExitCode::Other, "cannot initialise libcurl");
    // Streams of one HTTP/2 connection where the server speaks it (libcurl's default, said).
    curl_multi_setopt(state_->multi, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
}

KubeMultiTransport::~KubeMultiTransport() {
    for (auto& [list, transfer] : state_->transfers) {
        curl_multi_remove_handle(state_->multi, transfer.handle);
        curl_easy_cleanup(transfer.handle);
    }
    curl_multi_cleanup(state_->multi);
}

const std::string& KubeMultiTransport::server() const {
    return state_->client.server();
}

void KubeMultiTransport::start(std::size_t list, const std::string& target,
                               std::chrono::steady_clock::time_point deadline) {
    State& s = *state_;
    Transfer& transfer = s.transfers[list];
    transfer.list = list;
    if (!transfer.handle) {
        transfer.handle = curl_easy_init();
        if (!transfer.handle) throw Error(ExitCode::Other, "cannot initialise libcurl");
    } else {
        curl_easy_reset(transfer.handle);
    }
    CURL* h = transfer.handle;
    transfer.target = target;
    transfer.body.clear();
    transfer.overflowed = false;
    transfer.errors[0] = 0;
    transfer.prepared = s.client.prepareTransfer(h, "GET", target);
    setCurlOption(h, CURLOPT_WRITEFUNCTION, appendPage);
    setCurlOption(h, CURLOPT_WRITEDATA, &transfer);
    setCurlOption(h, CURLOPT_PRIVATE, &transfer);
    setCurlOption(h, CURLOPT_ERRORBUFFER, transfer.errors);
    // Wait for the first connection to learn whether it multiplexes, rather than open more.
    setCurlOption(h, CURLOPT_PIPEWAIT, 1L);
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    long timeoutMs = std::max<long>(1, static_cast<long>(remaining.count()));
    setCurlOption(h, CURLOPT_TIMEOUT_MS, timeoutMs);
    setCurlOption(h, CURLOPT_CONNECTTIMEOUT_MS, timeoutMs);
    transfer.started = std::chrono::steady_clock::now();
    if (curl_multi_add_handle(s.multi, h) != CURLM_OK)
        throw Error(ExitCode::Other, "libcurl refused a transfer");
}

std::optional<PageAnswer> KubeMultiTransport::wait(std::chrono::steady_clock::time_point until) {
    State& s = *state_;
    for (;;) {
        if (!s.ended.empty()) {
            PageAnswer answer = std::move(s.ended.front());
            s.ended.pop_front();
            return answer;
        }
        int running = 0;
        if (curl_multi_perform(s.multi, &running) != CURLM_OK)
            throw Error(ExitCode::Other, "libcurl's multi interface failed");
        s.collect();
        if (!s.ended.empty()) continue;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            until - std::chrono::steady_clock::now());
        if (left.count() <= 0) return std::nullopt;
        int waitMs = static_cast<int>(std::min<long long>(left.count(), 1000));
        if (curl_multi_poll(s.multi, nullptr, 0, waitMs, nullptr) != CURLM_OK)
            throw Error(ExitCode::Other, "libcurl's multi interface failed");
    }
}

}  // namespace svcadv
