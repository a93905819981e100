// KubeClient against a loopback HTTP server: what it sends, which answers it retries, how
// failures read; and throwApiError's mapping of Status answers to errors and exit codes.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "svcadv/store/kubernetes/kube_client.h"
#include "svcadv/util/error.h"
#include "tiny_http_server.h"

using namespace svcadv;
using test::CannedResponse;
using test::TinyHttpServer;

namespace {

KubeConnection connectionTo(const std::string& server) {
    ::setenv("no_proxy", "127.0.0.1", 1);  // a proxy in the environment must not take loopback
    ::setenv("NO_PROXY", "127.0.0.1", 1);
    KubeConnection connection;
    connection.server = server;
    connection.source = "test";
    return connection;
}

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
    KubeConnection connection = connectionTo(server.url());
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
    KubeConnection connection = connectionTo(server.url());
    connection.tokenFile = tmpl;
    KubeClient client(connection, std::chrono::seconds(5));
    std::filesystem::remove(tmpl);  // read at construction
    client.request("GET", "/api/v1/nodes");
    REQUIRE(server.requests().size() == 1);
    CHECK(server.requests()[0].headers.find("Authorization: Bearer from-file\r\n") !=
          std::string::npos);
}

TEST_CASE("a token file that cannot be read is Unreachable, naming it") {
    KubeConnection connection = connectionTo("http://127.0.0.1:1");
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
    KubeClient client(connectionTo(server.url()), std::chrono::seconds(10));
    HttpResponse response = client.request("GET", "/api/v1/nodes");
    CHECK(response.status == 200);
    CHECK(response.body == R"({"ok":true})");
    CHECK(server.requests().size() == 3);
}

TEST_CASE("a POST is not repeated after a 503 (it may have been done), but is after a 429") {
    TinyHttpServer refused({{503, R"({"message":"busy"})", "Retry-After: 0\r\n"}});
    KubeClient client(connectionTo(refused.url()), std::chrono::seconds(10));
    CHECK(client.request("POST", "/x", "{}", "application/json", false).status == 503);
    CHECK(refused.requests().size() == 1);

    TinyHttpServer throttled(
        {{429, R"({"message":"slow down"})", "Retry-After: 0\r\n"}, {201, "{}"}});
    KubeClient again(connectionTo(throttled.url()), std::chrono::seconds(10));
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
    KubeClient client(connectionTo(url), std::chrono::seconds(5));
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
