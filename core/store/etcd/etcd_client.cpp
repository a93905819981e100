#include "svcadv/store/etcd/etcd_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <fstream>
#include <thread>

#include "svcadv/sys/clock.h"
#include "svcadv/util/error.h"
#include "svcadv/util/log.h"

namespace svcadv {
namespace {

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

struct CurlGlobal {
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlGlobal() { curl_global_cleanup(); }
};

// A missing certificate file would otherwise surface as libcurl's vague "problem with the local
// SSL certificate"; naming the setting is more useful.
void requireReadable(const std::string& path, const char* setting) {
    if (path.empty()) return;
    std::ifstream in(path);
    if (!in) throw Error(ExitCode::Unreachable, std::string(setting) + ": cannot read " + path);
}

struct Answer {
    long status = 0;  // 0: no HTTP answer
    std::string body;
    std::string transportError;
};

}  // namespace

EtcdAnswer classifyEtcdAnswer(long status, int grpcCode, bool usesPassword) {
    if (status >= 200 && status < 300) return EtcdAnswer::Ok;
    // A token that expired or that another member does not know: fetch a new one.
    if (usesPassword && (grpcCode == 16 || status == 401)) return EtcdAnswer::Reauthenticate;
    // No answer, or a member that cannot serve (no leader, shutting down): another may.
    if (status == 0 || status >= 500) return EtcdAnswer::TryNextEndpoint;
    return EtcdAnswer::Fail;
}

std::string etcdErrorMessage(long status, const std::string& body) {
    try {
        json error = json::parse(body);
        std::string message = error.value("message", error.value("error", ""));
        if (!message.empty()) return message;
    } catch (const std::exception&) {
    }
    return "HTTP " + std::to_string(status);
}

int etcdErrorCode(const std::string& body) {
    try {
        json error = json::parse(body);
        if (error.contains("code") && error["code"].is_number_integer())
            return error["code"].get<int>();
    } catch (const std::exception&) {
    }
    return 0;
}

std::string joinEndpoints(const std::vector<std::string>& endpoints) {
    std::string out;
    for (const auto& endpoint : endpoints)
        out += (out.empty() ? "" : ", ") + endpoint;
    return out;
}

struct EtcdClient::State {
    EtcdConnection connection;
    std::chrono::milliseconds timeout;
    CURL* handle = nullptr;
    std::size_t current = 0;  // the endpoint that answered last: the next request starts there
    std::string token;        // from /v3/auth/authenticate; never printed
    char errors[CURL_ERROR_SIZE] = {};

    // One POST to one endpoint, bounded by the deadline.
    Answer post(const std::string& endpoint, const std::string& path, const std::string& body,
                std::chrono::steady_clock::time_point deadline) {
        CURL* h = handle;
        curl_easy_reset(h);  // keeps the connection cache: keep-alive across requests
        Answer out;
        std::string url = endpoint + path;
        curl_slist* headers = nullptr;
        headers = curl_slist_append(headers, "Content-Type: application/json");
        headers = curl_slist_append(headers, "User-Agent: svcadv/" SVCADV_VERSION);
        // etcd takes the bare token (no "Bearer") in the Authorization header.
        std::string authorization = token.empty() ? "" : "Authorization: " + token;
        if (!authorization.empty()) headers = curl_slist_append(headers, authorization.c_str());
        curl_easy_setopt(h, CURLOPT_URL, url.c_str());
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, appendBody);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &out.body);
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errors);
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_NOPROXY, "*");  // etcd members are never behind a proxy
        auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        long timeoutMs = std::max<long>(1, static_cast<long>(remaining.count()));
        // A member that does not even accept the connection should not eat the whole budget:
        // leave time for the others.
        long perEndpoint =
            static_cast<long>(timeout.count()) / static_cast<long>(connection.endpoints.size());
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeoutMs);
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                         std::min(timeoutMs, std::max<long>(perEndpoint, 1000)));
        const EtcdConnection& c = connection;
        if (!c.caCertFile.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, c.caCertFile.c_str());
        if (!c.certFile.empty()) curl_easy_setopt(h, CURLOPT_SSLCERT, c.certFile.c_str());
        if (!c.keyFile.empty()) curl_easy_setopt(h, CURLOPT_SSLKEY, c.keyFile.c_str());
        errors[0] = 0;
        auto started = std::chrono::steady_clock::now();
        CURLcode result = curl_easy_perform(h);
        curl_slist_free_all(headers);
        if (result != CURLE_OK) {
            out.transportError = errors[0] ? errors : curl_easy_strerror(result);
            if (result == CURLE_OPERATION_TIMEDOUT) out.transportError = "timed out";
            logLine(kLogRequests, requestLine("POST", url, 0, millisecondsSince(started)));
            return out;
        }
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out.status);
        logLine(kLogRequests, requestLine("POST", url, out.status, millisecondsSince(started)));
        return out;
    }

    [[noreturn]] void unreachable(const std::string& why) const {
        throw Error(ExitCode::Unreachable, "cannot reach etcd at " +
                                               joinEndpoints(connection.endpoints) + " (" +
                                               connection.endpointsSource + "): " + why);
    }

    // One request over the endpoints: each in turn from the last good one, round after round
    // with a short pause, until one answers or the deadline passes.
    Answer send(const std::string& path, const std::string& body,
                std::chrono::steady_clock::time_point deadline) {
        const auto& endpoints = connection.endpoints;
        std::string failures;
        for (int round = 0;; ++round) {
            failures.clear();
            for (std::size_t tried = 0; tried < endpoints.size(); ++tried) {
                std::size_t at = (current + tried) % endpoints.size();
                Answer answer = post(endpoints[at], path, body, deadline);
                EtcdAnswer what =
                    classifyEtcdAnswer(answer.status, etcdErrorCode(answer.body), false);
                if (what != EtcdAnswer::TryNextEndpoint) {
                    current = at;
                    return answer;
                }
                std::string why = answer.status == 0
                                      ? answer.transportError
                                      : "answered " + std::to_string(answer.status) + ": " +
                                            etcdErrorMessage(answer.status, answer.body);
                failures += (failures.empty() ? "" : "; ") + endpoints[at] + ": " + why;
                if (std::chrono::steady_clock::now() >= deadline) break;
            }
            auto pause = std::chrono::milliseconds(100 << std::min(round, 4));
            if (std::chrono::steady_clock::now() + pause >= deadline) break;
            std::this_thread::sleep_for(pause);
        }
        unreachable(failures + " (--request-timeout " + std::to_string(timeout.count()) + "ms)");
    }

    void authenticate(std::chrono::steady_clock::time_point deadline) {
        token.clear();
        json request = {{"name", connection.username}, {"password", connection.password}};
        Answer answer = send("/v3/auth/authenticate", request.dump(), deadline);
        if (answer.status != 200)
            throw Error(ExitCode::Unreachable, "etcd at " + connection.endpoints[current] +
                                                   " refused user '" + connection.username + "': " +
                                                   etcdErrorMessage(answer.status, answer.body));
        try {
            token = json::parse(answer.body).value("token", "");
        } catch (const std::exception&) {
        }
        if (token.empty())
            throw Error(ExitCode::Unreachable,
                        "etcd at " + connection.endpoints[current] + " returned no auth token");
    }
};

EtcdClient::EtcdClient(EtcdConnection connection, std::chrono::milliseconds timeout)
    : state_(std::make_unique<State>()) {
    static CurlGlobal global;
    requireReadable(connection.caCertFile, "ETCD_CA_CERT_FILE");
    requireReadable(connection.certFile, "ETCD_CERT_FILE");
    requireReadable(connection.keyFile, "ETCD_KEY_FILE");
    state_->connection = std::move(connection);
    state_->timeout = timeout;
    state_->handle = curl_easy_init();
    if (!state_->handle) throw Error(ExitCode::Other, "cannot initialise libcurl");
}

EtcdClient::~EtcdClient() {
    if (state_ && state_->handle) curl_easy_cleanup(state_->handle);
}

std::string EtcdClient::endpoints() const {
    return joinEndpoints(state_->connection.endpoints);
}

json EtcdClient::call(const std::string& path, const json& body) {
    State& s = *state_;
    auto deadline = std::chrono::steady_clock::now() + s.timeout;
    bool usesPassword = !s.connection.username.empty();
    if (usesPassword && s.token.empty()) s.authenticate(deadline);
    std::string text = body.dump();
    for (int attempt = 0;; ++attempt) {
        Answer answer = s.send(path, text, deadline);
        int code = etcdErrorCode(answer.body);
        EtcdAnswer what = classifyEtcdAnswer(answer.status, code, usesPassword);
        if (what == EtcdAnswer::Reauthenticate && attempt == 0) {
            s.authenticate(deadline);
            continue;
        }
        if (what != EtcdAnswer::Ok) {
            std::string message = etcdErrorMessage(answer.status, answer.body);
            const std::string& endpoint = s.connection.endpoints[s.current];
            // Refused credentials or permissions: the connection is wrong, not the input.
            bool credentials = answer.status == 401 || answer.status == 403 || code == 7 ||
                               code == 16 ||
                               message.find("user name is empty") != std::string::npos;
            if (credentials)
                throw Error(ExitCode::Unreachable, "etcd at " + endpoint + ": " + message);
            throw Error(ExitCode::Other, "etcd at " + endpoint + " answered " +
                                             std::to_string(answer.status) + " to " + path + ": " +
                                             message);
        }
        try {
            return json::parse(answer.body);
        } catch (const std::exception&) {
            throw Error(ExitCode::Unreachable, "etcd at " + s.connection.endpoints[s.current] +
                                                   " answered something that is not JSON");
        }
    }
}

}  // namespace svcadv
