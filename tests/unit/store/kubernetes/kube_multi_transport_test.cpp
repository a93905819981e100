// KubeMultiTransport against a loopback HTTP server: several GETs in flight, each set up as
// KubeClient's requests are (gzip only, the bearer token), bodies padded, Retry-After read and
// capped, failures with KubeClient's messages, and the answer cap counted as bytes arrive.
#include "svcadv/store/kubernetes/kube_multi_transport.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <map>

#include "loopback_connection.h"
#include "svcadv/util/error.h"
#include "tiny_http_server.h"

using namespace svcadv;
using namespace std::chrono_literals;
using test::CannedResponse;
using test::RecordedRequest;
using test::TinyHttpServer;

namespace {

KubeConnection connectionTo(const std::string& server) {
    KubeConnection connection = test::loopbackConnection(server);
    connection.token = "t0ken";
    return connection;
}

// Every answer of the transfers started, by list.
std::map<std::size_t, PageAnswer> collect(KubeMultiTransport& transport, std::size_t count) {
    std::map<std::size_t, PageAnswer> answers;
    auto until = std::chrono::steady_clock::now() + 10s;
    while (answers.size() < count) {
        auto answer = transport.wait(until);
        REQUIRE(answer);
        std::size_t list = answer->list;
        answers.emplace(list, std::move(*answer));
    }
    return answers;
}

}  // namespace

TEST_CASE("several GETs at once, each answered to its list, padded, with gzip and the token") {
    TinyHttpServer server(
        [](const RecordedRequest& request) {
            if (request.target == "/api/v1/nodes?limit=500")
                return CannedResponse(200, R"({"items":["nodes"]})");
            return CannedResponse(503, R"({"kind":"Status"})", "Retry-After: 3\r\n");
        },
        2);
    KubeClient client(connectionTo(server.url()), 5s);
    KubeMultiTransport transport(client);
    CHECK(transport.server() == server.url());
    auto deadline = std::chrono::steady_clock::now() + 5s;
    transport.start(0, "/api/v1/nodes?limit=500", deadline);
    transport.start(1, "/api/v1/services?limit=500", deadline);
    auto answers = collect(transport, 2);
    CHECK(answers[0].status == 200);
    CHECK(answers[0].text() == R"({"items":["nodes"]})");
    REQUIRE(answers[0].paddedBody.size() == answers[0].text().size() + kPagePadding);
    CHECK(answers[0].paddedBody.substr(answers[0].text().size()) ==
          std::string(kPagePadding, '\0'));
    CHECK_FALSE(answers[0].failure);
    CHECK(answers[1].status == 503);
    REQUIRE(answers[1].retryAfter);
    CHECK(*answers[1].retryAfter == 3000ms);
    const auto& requests = server.requests();
    REQUIRE(requests.size() == 2);
    for (const auto& request : requests) {
        CHECK(request.method == "GET");
        CHECK(request.headers.find("Accept-Encoding: gzip\r\n") != std::string::npos);
        CHECK(request.headers.find("Authorization: Bearer t0ken\r\n") != std::string::npos);
    }
    // Nothing more is in flight: waiting ends at `until` with nothing.
    CHECK_FALSE(transport.wait(std::chrono::steady_clock::now() + 20ms));
}

TEST_CASE("a list's next page reuses its handle; Retry-After is capped at 10 s") {
    TinyHttpServer server({{200, R"({"page":1})"}, {429, "{}", "Retry-After: 99999\r\n"}});
    KubeClient client(connectionTo(server.url()), 5s);
    KubeMultiTransport transport(client);
    auto deadline = std::chrono::steady_clock::now() + 5s;
    transport.start(0, "/api/v1/nodes?limit=500", deadline);
    CHECK(collect(transport, 1)[0].text() == R"({"page":1})");
    transport.start(0, "/api/v1/nodes?limit=500&continue=x", deadline);
    auto second = collect(transport, 1)[0];
    CHECK(second.status == 429);
    CHECK(second.retryAfter == std::optional<std::chrono::milliseconds>(10s));
    CHECK(server.requests()[1].target == "/api/v1/nodes?limit=500&continue=x");
}

TEST_CASE("a server nobody answers on is a connection failure, in KubeClient's words") {
    std::string url;
    {
        TinyHttpServer closed({});
        url = closed.url();
    }
    KubeClient client(connectionTo(url), 5s);
    KubeMultiTransport transport(client);
    transport.start(3, "/api/v1/nodes?limit=500", std::chrono::steady_clock::now() + 5s);
    auto answer = collect(transport, 1)[3];
    REQUIRE(answer.failure);
    CHECK(answer.failure->connectionFailed);
    CHECK(answer.failure->code == ExitCode::Unreachable);
    CHECK(answer.failure->message.starts_with("cannot reach " + url + ": "));
}

TEST_CASE("an answer larger than the cap ends the transfer with the cap's message") {
    TinyHttpServer server({{200, std::string(KubeClient::kMaxResponseBytes + 1, ' ')}});
    KubeClient client(connectionTo(server.url()), 20s);
    KubeMultiTransport transport(client);
    transport.start(0, "/api/v1/nodes?limit=500", std::chrono::steady_clock::now() + 20s);
    auto answer = collect(transport, 1)[0];
    REQUIRE(answer.failure);
    CHECK_FALSE(answer.failure->connectionFailed);
    CHECK(answer.failure->message ==
          server.url() + " answered more than 64 MiB for GET /api/v1/nodes?limit=500");
}

TEST_CASE("a transfer that outlasts its deadline fails with the --request-timeout message") {
    TinyHttpServer server({{200, "{}"}}, 1500ms);
    KubeClient client(connectionTo(server.url()), 300ms);
    KubeMultiTransport transport(client);
    transport.start(0, "/api/v1/nodes?limit=500", std::chrono::steady_clock::now() + 300ms);
    auto answer = collect(transport, 1)[0];
    REQUIRE(answer.failure);
    CHECK(answer.failure->message ==
          "request to " + server.url() + " timed out after 300ms (--request-timeout)");
}
