// A loopback HTTP/1.1 server for the tests of the Kubernetes client and datastore: it answers
// connections one at a time with canned responses (then closes each connection) and records what
// it was asked. Enough to check the requests svcadv sends and how it takes the answers, without
// the fake API server binary.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace svcadv::test {

struct CannedResponse {
    CannedResponse(int status, std::string body = "{}", std::string extraHeaders = "")
        : status(status), body(std::move(body)), extraHeaders(std::move(extraHeaders)) {}
    int status;
    std::string body;
    std::string extraHeaders;  // "Retry-After: 0\r\n"
};

struct RecordedRequest {
    std::string method;
    std::string target;
    std::string headers;  // as sent, one "Name: value\r\n" each
    std::string body;
};

class TinyHttpServer {
  public:
    // `delay`: how long each answer takes, after the request was read.
    explicit TinyHttpServer(std::vector<CannedResponse> responses,
                            std::chrono::milliseconds delay = std::chrono::milliseconds(0))
        : responses_(std::move(responses)), delay_(delay) {
        listen();
        start();
    }

    // Answers `connections` connections, each with what `route` says for its request (for
    // clients that send several requests at once, in an order of their choosing).
    using Route = std::function<CannedResponse(const RecordedRequest&)>;
    TinyHttpServer(Route route, std::size_t connections)
        : responses_(connections, CannedResponse(0)),
          route_(std::move(route)),
          delay_(std::chrono::milliseconds(0)) {
        listen();
        start();
    }

  private:
    void listen() {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
        ::listen(listener_, 8);
        socklen_t length = sizeof address;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
    }
    void start() {
        thread_ = std::thread([this] { serve(); });
    }

  public:
    ~TinyHttpServer() {
        finish();
        ::close(listener_);
    }
    TinyHttpServer(const TinyHttpServer&) = delete;
    TinyHttpServer& operator=(const TinyHttpServer&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    // What was asked (waits until every canned response was given, or 5 s without a client).
    const std::vector<RecordedRequest>& requests() {
        finish();
        return requests_;
    }

  private:
    void finish() {
        if (thread_.joinable()) thread_.join();
    }

    void serve() {
        for (const auto& response : responses_) {
            pollfd waiting{listener_, POLLIN, 0};
            if (::poll(&waiting, 1, 5000) != 1) return;
            int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) return;
            requests_.push_back(readRequest(client));
            std::this_thread::sleep_for(delay_);
            const CannedResponse& answer =
                route_ ? routed_.emplace_back(route_(requests_.back())) : response;
            std::string text = "HTTP/1.1 " + std::to_string(answer.status) +
                               " Canned\r\nContent-Type: application/json\r\nContent-Length: " +
                               std::to_string(answer.body.size()) + "\r\nConnection: close\r\n" +
                               answer.extraHeaders + "\r\n" + answer.body;
            for (std::size_t sent = 0; sent < text.size();) {
                ssize_t n = ::send(client, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
                if (n <= 0) break;
                sent += static_cast<std::size_t>(n);
            }
            ::close(client);
        }
    }

    static RecordedRequest readRequest(int client) {
        std::string data;
        char buffer[4096];
        std::size_t headerEnd;
        while ((headerEnd = data.find("\r\n\r\n")) == std::string::npos) {
            ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            if (n <= 0) return {};
            data.append(buffer, static_cast<std::size_t>(n));
        }
        RecordedRequest request;
        std::string head = data.substr(0, headerEnd);
        auto lineEnd = head.find("\r\n");
        std::string line = head.substr(0, lineEnd);
        request.method = line.substr(0, line.find(' '));
        request.target = line.substr(line.find(' ') + 1, line.rfind(' ') - line.find(' ') - 1);
        request.headers = lineEnd == std::string::npos ? "" : head.substr(lineEnd + 2) + "\r\n";
        std::size_t length = 0;
        for (const char* name : {"Content-Length: ", "content-length: "}) {
            if (auto at = request.headers.find(name); at != std::string::npos)
                length = std::stoul(request.headers.substr(at + std::string(name).size()));
        }
        request.body = data.substr(headerEnd + 4);
        while (request.body.size() < length) {
            ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            request.body.append(buffer, static_cast<std::size_t>(n));
        }
        return request;
    }

    std::vector<CannedResponse> responses_;
    Route route_;
    std::deque<CannedResponse> routed_;
    std::vector<RecordedRequest> requests_;
    std::chrono::milliseconds delay_;
    int listener_ = -1;
    int port_ = 0;
    std::thread thread_;
};

}  // namespace svcadv::test
