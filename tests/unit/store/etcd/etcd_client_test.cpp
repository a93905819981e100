#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "svcadv/store/etcd/etcd_client.h"
#include "svcadv/util/error.h"

using namespace svcadv;

namespace {
// A local port nothing listens on: bound, read, closed again, so connecting is refused.
int closedPort() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}
}  // namespace

TEST_CASE("which answers fail over, which re-authenticate, which fail") {
    CHECK(classifyEtcdAnswer(200, 0, false) == EtcdAnswer::Ok);
    CHECK(classifyEtcdAnswer(0, 0, false) == EtcdAnswer::TryNextEndpoint);     // no answer
    CHECK(classifyEtcdAnswer(503, 14, false) == EtcdAnswer::TryNextEndpoint);  // no leader
    CHECK(classifyEtcdAnswer(500, 2, true) == EtcdAnswer::TryNextEndpoint);
    CHECK(classifyEtcdAnswer(401, 16, true) == EtcdAnswer::Reauthenticate);  // token expired
    CHECK(classifyEtcdAnswer(401, 16, false) == EtcdAnswer::Fail);  // no password to retry with
    CHECK(classifyEtcdAnswer(400, 3, true) == EtcdAnswer::Fail);
    CHECK(classifyEtcdAnswer(403, 7, true) == EtcdAnswer::Fail);
}

TEST_CASE("gateway error bodies") {
    std::string body =
        R"({"error":"etcdserver: invalid auth token","message":"etcdserver: invalid auth token","code":16})";
    CHECK(etcdErrorMessage(401, body) == "etcdserver: invalid auth token");
    CHECK(etcdErrorCode(body) == 16);
    CHECK(etcdErrorMessage(502, "<html>bad gateway</html>") == "HTTP 502");
    CHECK(etcdErrorCode("not json") == 0);
    CHECK(joinEndpoints({"http://a:1", "http://b:2"}) == "http://a:1, http://b:2");
}

TEST_CASE("no member reachable: exit 5 naming every endpoint, within the timeout") {
    std::string first = "http://127.0.0.1:" + std::to_string(closedPort());
    std::string second = "http://127.0.0.1:" + std::to_string(closedPort());
    EtcdConnection connection;
    connection.endpoints = {first, second};
    connection.endpointsSource = "ETCD_ENDPOINTS";
    connection.username = "root";
    connection.password = "secret-password";
    EtcdClient client(connection, std::chrono::milliseconds(1500));
    CHECK(client.endpoints() == first + ", " + second);
    auto start = std::chrono::steady_clock::now();
    try {
        client.call("/v3/kv/range", json{{"key", "L2s="}});
        FAIL("a call without any reachable member succeeded");
    } catch (const Error& e) {
        std::string message = e.what();
        CHECK(e.code() == ExitCode::Unreachable);
        CHECK(message.find("cannot reach etcd at " + first + ", " + second) == 0);
        CHECK(message.find("ETCD_ENDPOINTS") != std::string::npos);
        CHECK(message.find("secret-password") == std::string::npos);
    }
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("an unreadable certificate file is named before any connection") {
    EtcdConnection connection;
    connection.endpoints = {"https://127.0.0.1:1"};
    connection.caCertFile = "/nonexistent/ca.pem";
    CHECK_THROWS_WITH_AS(EtcdClient(connection, std::chrono::milliseconds(100)),
                         "ETCD_CA_CERT_FILE: cannot read /nonexistent/ca.pem", Error);
}
