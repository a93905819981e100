// KubeClient against a loopback HTTP server: what it sends, which answers it retries, how
// failures read; and throwApiError's mapping of Status answers to errors and exit codes.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "loopback_connection.h"
#include "svcadv/store/kubernetes/kube_client.h"
#include "svcadv/util/error.h"
#include "temp_dir.h"
#include "tiny_http_server.h"

using namespace svcadv;
using test::CannedResponse;
using test::loopbackConnection;
using test::TinyHttpServer;

namespace {

std::string errorOf(const HttpResponse& response, ExitCode expected) {
    try {
        throwApiError(response, "BGPConfiguration", "default", "https://k8s:6443");
    } catch (const Error& e) {
        CHECK(e.code() == expected);
        return e.what();
    }
    FAIL("throwApiError returned");
    return "";
}

}  // namespace

TEST_CASE("a request sends method, path, body, JSON headers and the bearer token") {
    TinyHttpServer server({{201, R"({"kind":"BGPConfiguration"})"}});
    KubeConnection connection = loopbackConnection(server.url());
    connection.token = "s3cret";
    KubeClient client(connection, std::chrono::seconds(5));
    CHECK(client.server() == server.url());
    HttpResponse response = client.request("POST", "/apis/x/v1/things?dryRun=All", R"({"a":1})",
                                           "application/json", false);
    CHECK(response.status == 201);
    CHECK(response.body == R"({"kind":"BGPConfiguration"})");
    const auto& requests = server.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "POST");
    CHECK(requests[0].target == "/apis/x/v1/things?dryRun=All");
    CHECK(requests[0].body == R"({"a":1})");
    CHECK(requests[0].headers.find("Accept: application/json\r\n") != std::string::npos);
    CHECK(requests[0].headers.find("Content-Type: application/json\r\n") != std::string::npos);
    CHECK(requests[0].headers.find("Authorization: Bearer s3cret\r\n") != std::string::npos);
}

TEST_CASE("the token file is read once, without its line break") {
    std::string tmpl = (std::filesystem::temp_directory_path() / "svcadv-token-XXXXXX").string();
    int fd = ::mkstemp(tmpl.data());
    REQUIRE(fd >= 0);
    ::close(fd);
    std::ofstream(tmpl) << "from-file\n";
    TinyHttpServer server({{200, "{}"}});
    KubeConnection connection = loopbackConnection(server.url());
    connection.tokenFile = tmpl;
    KubeClient client(connection, std::chrono::seconds(5));
    std::filesystem::remove(tmpl);  // read at construction
    client.request("GET", "/api/v1/nodes");
    REQUIRE(server.requests().size() == 1);
    CHECK(server.requests()[0].headers.find("Authorization: Bearer from-file\r\n") !=
          std::string::npos);
}

TEST_CASE("a token file that cannot be read is Unreachable, naming it") {
    KubeConnection connection = loopbackConnection("http://127.0.0.1:1");
    connection.tokenFile = "/nonexistent/svcadv/token";
    try {
        KubeClient client(connection, std::chrono::seconds(1));
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Unreachable);
        CHECK(std::string(e.what()) ==
              "the token file /nonexistent/svcadv/token: cannot open file: No such file or "
              "directory");
    }
}

TEST_CASE("idempotent requests are retried on 503, honouring Retry-After") {
    TinyHttpServer server({{503, R"({"message":"busy"})", "Retry-After: 0\r\n"},
                           {503, R"({"message":"busy"})", "retry-after: 0\r\n"},
                           {200, R"({"ok":true})"}});
    KubeClient client(loopbackConnection(server.url()), std::chrono::seconds(10));
    HttpResponse response = client.request("GET", "/api/v1/nodes");
    CHECK(response.status == 200);
    CHECK(response.body == R"({"ok":true})");
    CHECK(server.requests().size() == 3);
}

TEST_CASE("a POST is not repeated after a 503 (it may have been done), but is after a 429") {
    TinyHttpServer refused({{503, R"({"message":"busy"})", "Retry-After: 0\r\n"}});
    KubeClient client(loopbackConnection(refused.url()), std::chrono::seconds(10));
    CHECK(client.request("POST", "/x", "{}", "application/json", false).status == 503);
    CHECK(refused.requests().size() == 1);

    TinyHttpServer throttled(
        {{429, R"({"message":"slow down"})", "Retry-After: 0\r\n"}, {201, "{}"}});
    KubeClient again(loopbackConnection(throttled.url()), std::chrono::seconds(10));
    CHECK(again.request("POST", "/x", "{}", "application/json", false).status == 201);
    CHECK(throttled.requests().size() == 2);
}

TEST_CASE("a server nobody answers on is Unreachable, naming it") {
    // A port just released by a listener: nothing listens there.
    std::string url;
    {
        TinyHttpServer closed({});
        url = closed.url();
    }
    KubeClient client(loopbackConnection(url), std::chrono::seconds(5));
    try {
        client.request("GET", "/version");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Unreachable);
        CHECK(std::string(e.what()).starts_with("cannot reach " + url + ": "));
    }
}

TEST_CASE("throwApiError: Status answers become svcadv's errors and exit codes") {
    HttpResponse notFound{404, R"({"kind":"Status","reason":"NotFound","message":"nope"})"};
    CHECK_THROWS_AS(throwApiError(notFound, "BGPConfiguration", "default", "s"), NotFoundError);
    CHECK(errorOf(notFound, ExitCode::ResourceState) ==
          "resource does not exist: BGPConfiguration(default)");
    HttpResponse exists{409, R"({"reason":"AlreadyExists","message":"taken"})"};
    CHECK_THROWS_AS(throwApiError(exists, "BGPConfiguration", "default", "s"), AlreadyExistsError);
    HttpResponse conflict{409, R"({"reason":"Conflict","message":"changed"})"};
    CHECK_THROWS_AS(throwApiError(conflict, "BGPConfiguration", "default", "s"), ConflictError);
    CHECK(errorOf({422, R"({"message":"spec.asNumber: Invalid value"})"}, ExitCode::InvalidInput) ==
          "https://k8s:6443 refused BGPConfiguration(default): spec.asNumber: Invalid value");
    CHECK(errorOf({403, R"({"message":"forbidden: User \"x\" cannot get"})"},
                  ExitCode::Unreachable) == "https://k8s:6443: forbidden: User \"x\" cannot get");
    CHECK(errorOf({503, "<html>down</html>"}, ExitCode::Unreachable) ==
          "https://k8s:6443 answered 503: HTTP 503");
    CHECK(errorOf({418, R"({"message":"teapot"})"}, ExitCode::Other) ==
          "https://k8s:6443 answered 418: teapot");
}

namespace {

using Clock = std::chrono::steady_clock;

// The message and code of constructing a client for `connection` and GETting /version.
std::pair<std::string, ExitCode> failureOf(const KubeConnection& connection,
                                           std::chrono::milliseconds timeout) {
    try {
        KubeClient client(connection, timeout);
        client.request("GET", "/version");
    } catch (const Error& e) {
        return {e.what(), e.code()};
    }
    return {"", ExitCode::Ok};
}

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// A TCP listener that never accepts: the kernel completes connections, nobody answers.
class SilentListener {
  public:
    SilentListener() {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
        ::listen(fd_, 8);
        socklen_t length = sizeof address;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
    }
    ~SilentListener() { ::close(fd_); }
    std::string url(const std::string& scheme) const {
        return scheme + "://127.0.0.1:" + std::to_string(port_);
    }

  private:
    int fd_ = -1;
    int port_ = 0;
};

// `command`'s standard output (for gzip).
std::string outputOf(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[65536];
    for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        out.append(buffer, got);
    ::pclose(pipe);
    return out;
}

// An exec plugin: a shell script in `dir`.
KubeConnection withPlugin(const test::TempDir& dir, const std::string& script) {
    std::filesystem::path plugin = dir.path / "plugin.sh";
    std::ofstream(plugin) << "#!/bin/sh\n" << script;
    std::filesystem::permissions(plugin, std::filesystem::perms::owner_all);
    KubeConnection connection = loopbackConnection("https://127.0.0.1:1");
    connection.exec = json{{"command", plugin.string()}};
    return connection;
}

bool processGone(pid_t pid) {
    for (int i = 0; i < 200; ++i) {
        if (::kill(pid, 0) != 0) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

}  // namespace

TEST_CASE("connecting has the whole --request-timeout, not a fixed 10 s, and says so") {
    // A TLS handshake nobody answers is part of connecting: it ran into a 10 s cap before.
    SilentListener silent;
    auto start = Clock::now();
    auto [message, code] =
        failureOf(loopbackConnection(silent.url("https")), std::chrono::seconds(11));
    double took = secondsSince(start);
    CHECK(code == ExitCode::Unreachable);
    CHECK(message ==
          "request to " + silent.url("https") + " timed out after 11000ms (--request-timeout)");
    CHECK(took >= 10.8);
    CHECK(took < 13);
}

TEST_CASE("an answer larger than the cap is refused, and so is a gzip bomb") {
    std::string large(KubeClient::kMaxResponseBytes + 1, ' ');
    TinyHttpServer plain({{200, large}});
    auto [message, code] = failureOf(loopbackConnection(plain.url()), std::chrono::seconds(20));
    CHECK(code == ExitCode::Unreachable);
    CHECK(message == plain.url() + " answered more than 64 MiB for GET /version");

    // 80 MiB of zeros is 80 KB of gzip: the cap counts what it inflates to.
    std::string bomb = outputOf("head -c 83886080 /dev/zero | gzip -c");
    REQUIRE(bomb.size() < 1000000);
    TinyHttpServer compressed({{200, bomb, "Content-Encoding: gzip\r\n"}});
    auto [bombMessage, bombCode] =
        failureOf(loopbackConnection(compressed.url()), std::chrono::seconds(20));
    CHECK(bombCode == ExitCode::Unreachable);
    CHECK(bombMessage == compressed.url() + " answered more than 64 MiB for GET /version");

    // A small gzip answer still arrives whole.
    TinyHttpServer small(
        {{200, outputOf("printf '{\"ok\":true}' | gzip -c"), "Content-Encoding: gzip\r\n"}});
    KubeClient client(loopbackConnection(small.url()), std::chrono::seconds(5));
    CHECK(client.request("GET", "/version").body == R"({"ok":true})");
}

TEST_CASE("Retry-After is read by libcurl and bounded: huge or negative values do not overflow") {
    for (const char* header :
         {"Retry-After: -2147483648\r\n", "Retry-After: 99999999999999999999\r\n",
          "Retry-After: 1e30\r\n", "Retry-After: nan\r\n"}) {
        CAPTURE(header);
        TinyHttpServer server({{503, "{}", header}, {200, R"({"ok":true})"}});
        auto start = Clock::now();
        KubeClient client(loopbackConnection(server.url()), std::chrono::seconds(3));
        HttpResponse response = client.request("GET", "/version");
        // Either retried within the deadline or given up at it; never a wait past it.
        CHECK(secondsSince(start) < 4);
        CHECK((response.status == 200 || response.status == 503));
    }
    // A large Retry-After is capped at 10 s, and never waits past the deadline.
    TinyHttpServer patient({{503, "{}", "Retry-After: 3600\r\n"}});
    auto start = Clock::now();
    KubeClient client(loopbackConnection(patient.url()), std::chrono::seconds(2));
    CHECK(client.request("GET", "/version").status == 503);
    CHECK(secondsSince(start) < 3);
}

TEST_CASE("only http and https servers; credentials over plain http only when allowed") {
    for (const char* server : {"file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://h", "h:6443",
                               "dict://127.0.0.1:1"}) {
        CAPTURE(server);
        auto [message, code] = failureOf(loopbackConnection(server), std::chrono::seconds(1));
        CHECK(code == ExitCode::Usage);
        CHECK(message ==
              "test: server '" + std::string(server) + "' is not an http:// or https:// URL");
    }
    TinyHttpServer server({{200, "{}"}, {200, "{}"}});
    KubeConnection withToken = loopbackConnection(server.url());
    withToken.token = "s3cret";
    withToken.allowHttpCredentials = false;
    auto [message, code] = failureOf(withToken, std::chrono::seconds(1));
    CHECK(code == ExitCode::Usage);
    CHECK(message == "test: refusing to send credentials to " + server.url() +
                         " over plain http (use https, or --insecure-allow-http-credentials)");
    KubeConnection withPassword = loopbackConnection(server.url());
    withPassword.username = "admin";
    withPassword.password = "pw";
    withPassword.allowHttpCredentials = false;
    CHECK(failureOf(withPassword, std::chrono::seconds(1)).second == ExitCode::Usage);
    KubeConnection inUrl = loopbackConnection("http://admin:pw@127.0.0.1:1");
    inUrl.allowHttpCredentials = false;
    auto [urlMessage, urlCode] = failureOf(inUrl, std::chrono::seconds(1));
    CHECK(urlCode == ExitCode::Usage);
    CHECK(urlMessage.find("pw") == std::string::npos);
    // Without credentials, plain http is fine; allowed, the token goes.
    KubeConnection anonymous = loopbackConnection(server.url());
    anonymous.allowHttpCredentials = false;
    CHECK(KubeClient(anonymous, std::chrono::seconds(5)).request("GET", "/").status == 200);
    withToken.allowHttpCredentials = true;
    CHECK(KubeClient(withToken, std::chrono::seconds(5)).request("GET", "/").status == 200);
}

TEST_CASE("the password of a server URL is never printed") {
    std::string url;
    {
        TinyHttpServer closed({});
        url = closed.url();
    }
    std::string withPassword = "http://admin:hunter2@" + url.substr(7);
    KubeClient client(loopbackConnection(withPassword), std::chrono::seconds(5));
    CHECK(client.server() == "http://***@" + url.substr(7));
    try {
        client.request("GET", "/version");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
        CHECK(std::string(e.what()).starts_with("cannot reach http://***@"));
    }
}

TEST_CASE("an exec plugin that overstays --request-timeout is killed with its process group") {
    test::TempDir dir;
    std::string pids = (dir.path / "pids").string();
    auto start = Clock::now();
    auto [message, code] =
        failureOf(withPlugin(dir, "sleep 100 & echo $$ $! >" + pids + "\nwait\n"),
                  std::chrono::milliseconds(500));
    CHECK(secondsSince(start) < 3);
    CHECK(code == ExitCode::Unreachable);
    CHECK(message.ends_with("plugin.sh' did not finish within 500ms (--request-timeout)"));
    pid_t plugin = 0, child = 0;
    std::ifstream(pids) >> plugin >> child;
    REQUIRE(child > 0);
    CHECK(processGone(plugin));
    CHECK(processGone(child));
}

TEST_CASE("an exec plugin whose child holds stdout open does not hang svcadv") {
    test::TempDir dir;
    std::string pids = (dir.path / "pids").string();
    auto start = Clock::now();
    // The plugin prints its credential and exits; the sleep it started keeps the pipe open.
    KubeConnection connection =
        withPlugin(dir, "sleep 100 &\necho $! >" + pids +
                            "\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":"
                            "\"ExecCredential\",\"status\":{\"token\":\"t0k\"}}'\n");
    connection.server = "https://127.0.0.1:1";
    KubeClient client(connection, std::chrono::seconds(20));
    CHECK(secondsSince(start) < 5);
    pid_t child = 0;
    std::ifstream(pids) >> child;
    REQUIRE(child > 0);
    CHECK(processGone(child));
}

TEST_CASE("an exec plugin that prints without end is stopped at the cap") {
    test::TempDir dir;
    auto start = Clock::now();
    auto [message, code] = failureOf(withPlugin(dir, "exec yes\n"), std::chrono::seconds(20));
    CHECK(secondsSince(start) < 10);
    CHECK(code == ExitCode::Unreachable);
    CHECK(message.ends_with("plugin.sh' printed more than 1048576 bytes"));
}

TEST_CASE("urlEncode: libcurl's percent-encoding, unreserved characters kept") {
    CHECK(urlEncode("abc-XYZ_0.9~") == "abc-XYZ_0.9~");
    CHECK(urlEncode("zone in (a,b),!edge") == "zone%20in%20%28a%2Cb%29%2C%21edge");
    CHECK(urlEncode("a/b?c=d&e") == "a%2Fb%3Fc%3Dd%26e");
    CHECK(urlEncode("\xc3\xa9") == "%C3%A9");
    CHECK(urlEncode("") == "");
}

TEST_CASE("which statuses are repeated: 429 always, 5xx only where repeating is safe") {
    CHECK(isRetriedStatus(429, false));
    CHECK(isRetriedStatus(429, true));
    for (long status : {500L, 502L, 503L, 504L}) {
        CHECK(isRetriedStatus(status, true));
        CHECK_FALSE(isRetriedStatus(status, false));
    }
    for (long status : {200L, 400L, 401L, 404L, 409L, 410L, 501L}) {
        CHECK_FALSE(isRetriedStatus(status, true));
        CHECK_FALSE(isRetriedStatus(status, false));
    }
}
