// BIRD's control protocol: the framing of replies (as BIRD 1.6.8 sends them, taken from the BGP
// lab), and the socket client against a small server in a thread that answers as BIRD does, or
// hangs, or floods.
#include "svcadv/sys/bird_control.h"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <functional>
#include <thread>

#include "svcadv/util/error.h"
#include "temp_dir.h"

using namespace svcadv;
using namespace svcadv::test;

namespace {

BirdReply parse(const std::string& bytes, std::size_t max = 1 << 20) {
    BirdReplyParser parser(max);
    REQUIRE(parser.feed(bytes));
    return parser.take();
}

// A unix socket server in a thread: greets with `greeting`, then answers each command line with
// reply(command); records the commands. An empty greeting: accept and stay silent.
class FakeBird {
  public:
    FakeBird(std::string path, std::string greeting,
             std::function<std::string(const std::string&)> reply)
        : path_(std::move(path)) {
        listener_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path_.c_str(), sizeof(address.sun_path) - 1);
        REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
        REQUIRE(::listen(listener_, 1) == 0);
        thread_ = std::thread([this, greeting, reply] {
            int client = ::accept(listener_, nullptr, nullptr);
            if (client < 0) return;
            if (!greeting.empty()) ::send(client, greeting.data(), greeting.size(), MSG_NOSIGNAL);
            std::string buffer;
            char chunk[512];
            while (!stop_) {
                ssize_t got = ::recv(client, chunk, sizeof(chunk), 0);
                if (got <= 0) break;
                buffer.append(chunk, static_cast<std::size_t>(got));
                for (auto end = buffer.find('\n'); end != std::string::npos;
                     end = buffer.find('\n')) {
                    std::string command = buffer.substr(0, end);
                    buffer.erase(0, end + 1);
                    commands.push_back(command);
                    std::string answer = reply(command);
                    ::send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
                }
            }
            ::close(client);
        });
    }
    ~FakeBird() {
        stop_ = true;
        ::shutdown(listener_, SHUT_RDWR);
        ::close(listener_);
        thread_.join();
    }
    std::vector<std::string> commands;

  private:
    std::string path_;
    int listener_ = -1;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

const std::string kGreeting = "0001 BIRD 1.6.8 ready.\n";

}  // namespace

TEST_CASE("reply framing: codes, continuation lines, the last line") {
    BirdReply reply = parse(
        "2002-name     proto    table    state  since       info\n"
        "1002-static1  Static   master   up     01:19:07    \n"
        " Global_10_254_3_1 BGP      master   up     01:19:09    Established   \n"
        "0000 \n");
    REQUIRE(reply.lines.size() == 4);
    CHECK(reply.lines[0].code == 2002);
    CHECK(reply.lines[1].code == 1002);
    CHECK(reply.lines[2].code == 1002);  // a continuation keeps the code
    CHECK(reply.lines[2].text ==
          "Global_10_254_3_1 BGP      master   up     01:19:09    Established   ");
    CHECK(reply.finalCode == 0);
    CHECK_FALSE(reply.failed());
    BirdReply error = parse("8005 Protocol is down\n");
    CHECK(error.failed());
    CHECK(error.finalText() == "Protocol is down");
    CHECK(parse("9001 nosuch is not a protocol\n").finalCode == 9001);
}

TEST_CASE("reply framing: in pieces, spontaneous lines skipped, bounded, BIRD's lines only") {
    BirdReplyParser parser(1024);
    CHECK_FALSE(parser.feed("1007-10.96.0.0/12  blackhole"));
    CHECK_FALSE(parser.feed(" [static1] * (200)\n+0000 spontaneous\n 10.96"));
    CHECK(parser.feed(".0.7/32 blackhole\n0000 \n"));
    BirdReply reply = parser.take();
    REQUIRE(reply.lines.size() == 3);
    CHECK(reply.lines[0].text == "10.96.0.0/12  blackhole [static1] * (200)");
    CHECK(reply.lines[1].text == "10.96.0.7/32 blackhole");
    BirdReplyParser small(16);
    CHECK_THROWS_WITH_AS(small.feed("1007-0123456789abcdef\n"),
                         "BIRD control socket: reply larger than 16 bytes", Error);
    BirdReplyParser http(1024);
    CHECK_THROWS_WITH_AS(http.feed("HTTP/1.1 400 Bad Request\n"),
                         "BIRD control socket: not a reply line of BIRD's protocol: "
                         "'HTTP/1.1 400 Bad Request'",
                         Error);
}

TEST_CASE("the socket client: greeting, one command per reply, errors are replies") {
    TempDir dir;
    std::string path = (dir.path / "bird.ctl").string();
    FakeBird bird(path, kGreeting, [](const std::string& command) -> std::string {
        if (command == "show route export nosuch") return "9001 nosuch is not a protocol\n";
        return "1007-10.96.0.0/12  blackhole [static1 01:19:07] * (200)\n 10.96.0.7/32 x\n0000 \n";
    });
    BirdControlSocket client(path, {std::chrono::milliseconds(2000), 1 << 20});
    CHECK(client.greeting() == "BIRD 1.6.8 ready.");
    BirdReply routes = client.request("show route protocol static1");
    CHECK(routes.lines.size() == 3);
    CHECK(client.request("show route export nosuch").finalCode == 9001);
    CHECK_THROWS_AS(client.request("show route\nconfigure"), Error);
    CHECK(bird.commands ==
          std::vector<std::string>{"show route protocol static1", "show route export nosuch"});
}

TEST_CASE("the socket client: nobody listening, a silent BIRD, a flood") {
    TempDir dir;
    try {
        BirdControlSocket client((dir.path / "absent.ctl").string());
        FAIL("connected to nothing");
    } catch (const Error& error) {
        CHECK(error.code() == ExitCode::Unreachable);
        CHECK(std::string(error.what()).find("cannot connect") != std::string::npos);
    }
    std::string silent = (dir.path / "silent.ctl").string();
    FakeBird hung(silent, "", [](const std::string&) { return std::string(); });
    auto start = std::chrono::steady_clock::now();
    try {
        BirdControlSocket client(silent, {std::chrono::milliseconds(200), 1 << 20});
        FAIL("a silent socket answered");
    } catch (const Error& error) {
        CHECK(error.code() == ExitCode::Unreachable);
        CHECK(std::string(error.what()).find("no complete reply within 200 ms") !=
              std::string::npos);
    }
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
    std::string flood = (dir.path / "flood.ctl").string();
    FakeBird big(flood, kGreeting, [](const std::string&) {
        std::string out = "1007-x\n";
        for (int i = 0; i < 2000; ++i)
            out += " 10.0.0.0/8 blackhole\n";
        return out + "0000 \n";
    });
    BirdControlSocket client(flood, {std::chrono::milliseconds(2000), 4096});
    CHECK_THROWS_WITH_AS(client.request("show route"),
                         "BIRD control socket: reply larger than 4096 bytes", Error);
}
