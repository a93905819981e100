#include "svcadv/store/kubernetes/kube_client.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include <algorithm>
#include <fstream>
#include <memory>
#include <new>
#include <sstream>

#include "svcadv/sys/clock.h"
#include "svcadv/sys/curl_option.h"
#include "svcadv/sys/files.h"
#include "svcadv/util/bounded_reader.h"
#include "svcadv/util/error.h"
#include "svcadv/util/log.h"
#include "svcadv/util/retry.h"
#include "svcadv/util/strings.h"

extern char** environ;

namespace svcadv {
namespace {

// Where an answer's body goes: appended up to the cap, after which the transfer is aborted
// (returning less than given makes libcurl fail with CURLE_WRITE_ERROR). libcurl hands over
// decompressed data, so a small gzip bomb is stopped at the cap too.
struct BodySink {
    std::string* body;
    bool overflowed = false;
};

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* target) {
    auto& sink = *static_cast<BodySink*>(target);
    std::size_t bytes = size * count;
    if (sink.body->size() + bytes > KubeClient::kMaxResponseBytes) {
        sink.overflowed = true;
        return 0;
    }
    sink.body->append(data, bytes);
    return bytes;
}

// The longest wait a Retry-After may ask for; more (or a negative or absurd value) is capped.
constexpr std::chrono::seconds kMaxRetryAfter{10};

// An exec plugin's stdout is an ExecCredential of a few kilobytes; more is a broken plugin.
constexpr std::size_t kMaxExecOutputBytes = std::size_t{1} << 20;

std::string readSecretFile(const std::string& path, const char* what) {
    try {
        return readTextFile(path, ExitCode::Unreachable);
    } catch (const Error& e) {
        throw Error(ExitCode::Unreachable, std::string("the ") + what + " file " + e.what());
    }
}

// Runs the kubeconfig's exec credential plugin (client.authentication.k8s.io v1 or v1beta1) and
// takes the token or client certificate it prints. The plugin's stderr goes to the user, as with
// kubectl; what it prints on stdout is a secret and never shown.
void applyExecCredential(KubeConnection& connection, std::chrono::milliseconds timeout) {
    const json& exec = *connection.exec;
    std::string apiVersion = exec.value("apiVersion", "client.authentication.k8s.io/v1");
    std::string command = exec.value("command", "");
    if (command.empty()) throw invalidInput(connection.source + ": exec plugin has no command");
    if (command.find('/') != std::string::npos && command[0] != '/')
        command = connection.execDir + "/" + command;
    std::vector<std::string> args{command};
    for (const auto& arg : exec.value("args", json::array())) {
        if (arg.is_string()) args.push_back(arg.get<std::string>());
    }
    std::vector<std::string> environment;
    for (char** e = environ; *e; ++e)
        environment.emplace_back(*e);
    for (const auto& entry : exec.value("env", json::array())) {
        if (entry.is_object())
            environment.push_back(entry.value("name", "") + "=" + entry.value("value", ""));
    }
    json info = {
        {"apiVersion", apiVersion}, {"kind", "ExecCredential"}, {"spec", {{"interactive", false}}}};
    environment.push_back("KUBERNETES_EXEC_INFO=" + info.dump());

    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) throw Error(ExitCode::Other, "cannot create a pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    // The plugin leads a process group of its own, so that it and whatever it started can be
    // killed together when it overstays.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
    std::vector<char*> argv, envp;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : environment)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t pid = 0;
    int spawned =
        posix_spawnp(&pid, command.c_str(), &actions, &attributes, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    ::close(pipeFds[1]);
    if (spawned != 0) {
        ::close(pipeFds[0]);
        throw Error(ExitCode::Unreachable, connection.source + ": cannot run exec plugin '" +
                                               command + "': " + std::strerror(spawned));
    }
    std::string failure;  // why the plugin was stopped, when it was
    std::string output;
    bool endOfOutput = false, exited = false;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!(endOfOutput && exited)) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            failure = "did not finish within " + std::to_string(timeout.count()) +
                      "ms (--request-timeout)";
            break;
        }
        pollfd readable{pipeFds[0], POLLIN, 0};
        int wait = static_cast<int>(std::min<long long>(left.count(), 20));
        int ready = endOfOutput ? ::poll(nullptr, 0, wait) : ::poll(&readable, 1, wait);
        if (ready > 0 && !endOfOutput) {
            char buffer[4096];
            ssize_t got = ::read(pipeFds[0], buffer, sizeof buffer);
            if (got < 0 && errno != EINTR && errno != EAGAIN) endOfOutput = true;
            if (got == 0) endOfOutput = true;
            if (got > 0) output.append(buffer, static_cast<std::size_t>(got));
            if (output.size() > kMaxExecOutputBytes) {
                failure = "printed more than " + std::to_string(kMaxExecOutputBytes) + " bytes";
                break;
            }
        }
        if (!exited) {
            // Seen without reaping it: the group keeps its id while the leader is a zombie.
            siginfo_t state{};
            if (::waitid(P_PID, static_cast<id_t>(pid), &state, WEXITED | WNOHANG | WNOWAIT) == 0 &&
                state.si_pid == pid) {
                exited = true;
                // What it left running (holding stdout, say) goes with it.
                ::kill(-pid, SIGKILL);
            }
        }
    }
    ::kill(-pid, SIGKILL);  // no-op when all is done; the group when it overstayed
    ::close(pipeFds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!failure.empty())
        throw Error(ExitCode::Unreachable,
                    connection.source + ": exec plugin '" + command + "' " + failure);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error(ExitCode::Unreachable,
                    connection.source + ": exec plugin '" + command + "' failed (exit status " +
                        std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
    json credential;
    try {
        credential = readJsonValue(output, "exec plugin output");
    } catch (const std::exception&) {
        throw Error(ExitCode::Unreachable, connection.source + ": exec plugin '" + command +
                                               "' did not print an ExecCredential");
    }
    json result = credential.value("status", json::object());
    connection.token = result.value("token", "");
    connection.clientCertData = result.value("clientCertificateData", "");
    connection.clientKeyData = result.value("clientKeyData", "");
    if (connection.token.empty() && connection.clientCertData.empty())
        throw Error(ExitCode::Unreachable, connection.source + ": exec plugin '" + command +
                                               "' returned neither a token nor a certificate");
}

// Only http and https, and credentials over plain http only when the user allowed it: a token
// or password sent in the clear can be read (and replayed) by anyone on the path.
void refuseUnsafeServer(const KubeConnection& c, const std::string& displayServer) {
    std::string scheme = toLower(c.server.substr(0, c.server.find("://")));
    if (c.server.find("://") == std::string::npos || (scheme != "http" && scheme != "https"))
        throw usageError(c.source + ": server '" + displayServer +
                         "' is not an http:// or https:// URL");
    bool credentials = displayServer != c.server || !c.token.empty() || !c.tokenFile.empty() ||
                       !c.username.empty() || !c.password.empty() || c.exec.has_value();
    if (scheme == "http" && credentials && !c.allowHttpCredentials)
        throw usageError(c.source + ": refusing to send credentials to " + displayServer +
                         " over plain http (use https, or --insecure-allow-http-credentials)");
}

struct CurlGlobal {
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlGlobal() { curl_global_cleanup(); }
};

}  // namespace

bool isRetriedStatus(long status, bool idempotent) {
    if (status == 429) return true;
    return idempotent && (status == 500 || status == 502 || status == 503 || status == 504);
}

struct KubeClient::State {
    KubeConnection connection;
    std::chrono::milliseconds timeout;
    CURL* handle = nullptr;
    std::string displayServer;  // the server without user information, for messages
    std::string token;          // from token or tokenFile; never printed
    char errors[CURL_ERROR_SIZE] = {};
};

KubeClient::KubeClient(KubeConnection connection, std::chrono::milliseconds timeout)
    : state_(std::make_unique<State>()) {
    static CurlGlobal global;
    State& s = *state_;
    s.connection = std::move(connection);
    s.timeout = timeout;
    s.displayServer = withoutUrlUserinfo(s.connection.server);
    refuseUnsafeServer(s.connection, s.displayServer);
    if (s.connection.exec) applyExecCredential(s.connection, timeout);
    s.token = s.connection.token;
    if (s.token.empty() && !s.connection.tokenFile.empty()) {
        s.token = readSecretFile(s.connection.tokenFile, "token");
        while (!s.token.empty() && (s.token.back() == '\n' || s.token.back() == '\r'))
            s.token.pop_back();
    }
    s.handle = curl_easy_init();
    if (!s.handle) throw Error(ExitCode::Other, "cannot initialise libcurl");
}

KubeClient::~KubeClient() {
    if (state_ && state_->handle) curl_easy_cleanup(state_->handle);
}

const std::string& KubeClient::server() const {
    return state_->displayServer;
}

std::chrono::milliseconds KubeClient::timeout() const {
    return state_->timeout;
}

namespace {

// What a prepared transfer's handle points to, freed when the transfer is over.
struct TransferResources {
    curl_slist* headers = nullptr;
    curl_slist* connectTo = nullptr;
    std::string authorization;
    std::string method;
    std::string body;
    std::string contentType;
    curl_blob ca{}, cert{}, key{};
    ~TransferResources() {
        curl_slist_free_all(headers);
        curl_slist_free_all(connectTo);
    }
};

}  // namespace

PreparedTransfer KubeClient::prepareTransfer(void* handle, const std::string& method,
                                             const std::string& target, const std::string& body,
                                             const std::string& contentType) const {
    const State& s = *state_;
    const KubeConnection& c = s.connection;
    CURL* h = handle;
    auto keep = std::make_shared<TransferResources>();
    TransferResources& r = *keep;
    r.method = method;
    r.body = body;
    r.contentType = contentType;
    PreparedTransfer out{c.server + target, keep};
    // tls-server-name: verify (and send SNI for) that name while connecting to the server.
    if (!c.tlsServerName.empty()) {
        auto hostStart = c.server.find("://") + 3;
        auto portAt = c.server.rfind(':');
        std::string port = portAt > hostStart ? c.server.substr(portAt + 1) : "443";
        std::string host =
            c.server.substr(hostStart, (portAt > hostStart ? portAt : c.server.size()) - hostStart);
        out.url = "https://" + c.tlsServerName + ":" + port + target;
        std::string rule = c.tlsServerName + ":" + port + ":" + host + ":" + port;
        r.connectTo = curl_slist_append(r.connectTo, rule.c_str());
    }
    r.headers = curl_slist_append(r.headers, "Accept: application/json");
    r.headers = curl_slist_append(r.headers, "User-Agent: svcadv/" SVCADV_VERSION);
    if (!contentType.empty())
        r.headers = curl_slist_append(r.headers, ("Content-Type: " + contentType).c_str());
    r.authorization = s.token.empty() ? "" : "Authorization: Bearer " + s.token;
    if (!r.authorization.empty()) r.headers = curl_slist_append(r.headers, r.authorization.c_str());

    setCurlOption(h, CURLOPT_URL, out.url.c_str());
    if (r.connectTo) setCurlOption(h, CURLOPT_CONNECT_TO, r.connectTo);
    setCurlOption(h, CURLOPT_HTTPHEADER, r.headers);
    setCurlOption(h, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        setCurlOption(h, CURLOPT_POSTFIELDS, r.body.c_str());
        setCurlOption(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(r.body.size()));
    }
    // A kubeconfig names the server: file://, ftp:// and the like are not API servers.
    setCurlOption(h, CURLOPT_PROTOCOLS_STR, "http,https");
    setCurlOption(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    // gzip only, as kubectl asks: kube-apiserver speaks nothing else, and a server that
    // also speaks brotli would answer at a cost the client pays in waiting.
    setCurlOption(h, CURLOPT_ACCEPT_ENCODING, "gzip");
    setCurlOption(h, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
    setCurlOption(h, CURLOPT_NOSIGNAL, 1L);
    if (c.insecureSkipTlsVerify) {
        setCurlOption(h, CURLOPT_SSL_VERIFYPEER, 0L);
        setCurlOption(h, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    r.ca = {const_cast<char*>(c.caData.data()), c.caData.size(), CURL_BLOB_NOCOPY};
    if (!c.caData.empty())
        setCurlOption(h, CURLOPT_CAINFO_BLOB, &r.ca);
    else if (!c.caFile.empty())
        setCurlOption(h, CURLOPT_CAINFO, c.caFile.c_str());
    r.cert = {const_cast<char*>(c.clientCertData.data()), c.clientCertData.size(),
              CURL_BLOB_NOCOPY};
    r.key = {const_cast<char*>(c.clientKeyData.data()), c.clientKeyData.size(), CURL_BLOB_NOCOPY};
    if (!c.clientCertData.empty()) {
        setCurlOption(h, CURLOPT_SSLCERT_BLOB, &r.cert);
        setCurlOption(h, CURLOPT_SSLCERTTYPE, "PEM");
    } else if (!c.clientCertFile.empty()) {
        setCurlOption(h, CURLOPT_SSLCERT, c.clientCertFile.c_str());
    }
    if (!c.clientKeyData.empty()) {
        setCurlOption(h, CURLOPT_SSLKEY_BLOB, &r.key);
        setCurlOption(h, CURLOPT_SSLKEYTYPE, "PEM");
    } else if (!c.clientKeyFile.empty()) {
        setCurlOption(h, CURLOPT_SSLKEY, c.clientKeyFile.c_str());
    }
    if (!c.username.empty()) {
        setCurlOption(h, CURLOPT_USERNAME, c.username.c_str());
        setCurlOption(h, CURLOPT_PASSWORD, c.password.c_str());
    }
    if (!c.proxyUrl.empty()) setCurlOption(h, CURLOPT_PROXY, c.proxyUrl.c_str());
    return out;
}

TransferFailure KubeClient::transferFailure(int curlResult, const char* detail,
                                            const std::string& method,
                                            const std::string& target) const {
    const State& s = *state_;
    auto result = static_cast<CURLcode>(curlResult);
    std::string text =
        withoutUrlUserinfo(detail && detail[0] ? detail : curl_easy_strerror(result));
    TransferFailure out;
    // The request never got an answer: repeating it is safe when it is idempotent.
    out.connectionFailed = result == CURLE_COULDNT_CONNECT ||
                           result == CURLE_COULDNT_RESOLVE_HOST || result == CURLE_GOT_NOTHING ||
                           result == CURLE_RECV_ERROR || result == CURLE_SEND_ERROR ||
                           result == CURLE_PARTIAL_FILE;
    out.code = ExitCode::Unreachable;
    if (result == CURLE_WRITE_ERROR) {
        out.message = s.displayServer + " answered more than " +
                      std::to_string(kMaxResponseBytes >> 20) + " MiB for " + method + " " + target;
    } else if (result == CURLE_OPERATION_TIMEDOUT) {
        out.message = "request to " + s.displayServer + " timed out after " +
                      std::to_string(s.timeout.count()) + "ms (--request-timeout)";
    } else if (result == CURLE_PEER_FAILED_VERIFICATION || result == CURLE_SSL_CACERT_BADFILE ||
               result == CURLE_SSL_CONNECT_ERROR || result == CURLE_SSL_CERTPROBLEM) {
        out.message = "TLS with " + s.displayServer + " failed: " + text;
    } else if (result == CURLE_UNSUPPORTED_PROTOCOL) {
        out.code = ExitCode::Usage;
        out.message = s.connection.source + ": server " + s.displayServer +
                      " is not an http:// or https:// URL";
    } else {
        out.message = "cannot reach " + s.displayServer + ": " + text;
    }
    return out;
}

HttpResponse KubeClient::request(const std::string& method, const std::string& target,
                                 const std::string& body, const std::string& contentType,
                                 bool idempotent,
                                 std::optional<std::chrono::steady_clock::time_point> until) {
    State& s = *state_;
    auto deadline = std::chrono::steady_clock::now() + s.timeout;
    if (until && *until < deadline) deadline = *until;
    // An overloaded server (429, 5xx) gets more patience than one that drops connections.
    Retrier statusRetries(requestRetryPolicy(6, deadline));
    Retrier connectionRetries(requestRetryPolicy(3, deadline));
    for (;;) {
        CURL* h = s.handle;
        curl_easy_reset(h);  // keeps the connection cache: keep-alive across requests
        HttpResponse out;
        BodySink sink{&out.body};
        PreparedTransfer transfer = prepareTransfer(h, method, target, body, contentType);
        const std::string& url = transfer.url;
        setCurlOption(h, CURLOPT_WRITEFUNCTION, appendBody);
        setCurlOption(h, CURLOPT_WRITEDATA, &sink);
        setCurlOption(h, CURLOPT_ERRORBUFFER, s.errors);
        auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        long timeoutMs = std::max<long>(1, static_cast<long>(remaining.count()));
        setCurlOption(h, CURLOPT_TIMEOUT_MS, timeoutMs);
        // Connecting has the whole of what is left: a server that accepts slowly is given up on at
        // the request's deadline, not before it.
        setCurlOption(h, CURLOPT_CONNECTTIMEOUT_MS, timeoutMs);

        s.errors[0] = 0;
        auto started = std::chrono::steady_clock::now();
        CURLcode result = curl_easy_perform(h);
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out.status);
        logLine(kLogRequests, requestLine(method, url, out.status, millisecondsSince(started)));

        if (sink.overflowed)
            throw Error(ExitCode::Unreachable, s.displayServer + " answered more than " +
                                                   std::to_string(kMaxResponseBytes >> 20) +
                                                   " MiB for " + method + " " + target);
        if (result != CURLE_OK) {
            TransferFailure failure = transferFailure(result, s.errors, method, target);
            if (failure.connectionFailed && idempotent && connectionRetries.backOff()) continue;
            throw Error(failure.code, failure.message);
        }
        if (isRetriedStatus(out.status, idempotent)) {
            std::optional<std::chrono::milliseconds> serverDelay;
            curl_off_t retryAfter = -1;  // libcurl parsed the header: seconds, 0 when absent
            if (curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &retryAfter) == CURLE_OK &&
                retryAfter > 0)
                serverDelay = std::min<std::chrono::milliseconds>(
                    kMaxRetryAfter, std::chrono::seconds(std::min<curl_off_t>(retryAfter, 3600)));
            if (statusRetries.backOff(serverDelay)) continue;
        }
        return out;
    }
}

void throwApiError(const HttpResponse& response, const std::string& kind, const std::string& name,
                   const std::string& server) {
    std::string message, reason;
    try {
        json status = readJsonValue(response.body, "API server answer");
        message = status.value("message", "");
        reason = status.value("reason", "");
    } catch (const std::exception&) {
    }
    if (message.empty()) message = "HTTP " + std::to_string(response.status);
    switch (response.status) {
        case 404:
            throw notFound(kind, name);
        case 409:
            if (reason == "AlreadyExists") throw alreadyExists(kind, name);
            throw updateConflict(kind, name);
        case 400:
        case 422:
            throw invalidInput(server + " refused " + kind + "(" + name + "): " + message);
        case 401:
        case 403:
            throw Error(ExitCode::Unreachable, server + ": " + message);
        default:
            if (response.status >= 500 || response.status == 429)
                throw Error(
                    ExitCode::Unreachable,
                    server + " answered " + std::to_string(response.status) + ": " + message);
            throw Error(ExitCode::Other,
                        server + " answered " + std::to_string(response.status) + ": " + message);
    }
}

RetryPolicy requestRetryPolicy(int attempts, RetryClock::time_point deadline) {
    RetryPolicy policy;
    policy.maxAttempts = attempts;
    policy.base = std::chrono::milliseconds(100);
    policy.cap = std::chrono::seconds(10);
    policy.jitter = 0.5;
    policy.deadline = deadline;
    return policy;
}

std::string urlEncode(const std::string& text) {
    // The handle argument is unused since libcurl 7.82.
    std::unique_ptr<char, decltype(&curl_free)> escaped(
        curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size())), &curl_free);
    if (!escaped) throw std::bad_alloc();
    return escaped.get();
}

}  // namespace svcadv
