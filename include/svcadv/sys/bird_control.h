// A client of BIRD 1.x's control socket, the line protocol birdc speaks: on connecting BIRD greets
// ("0001 BIRD 1.6.8 ready."); each command is one line; each reply line is a four-digit code and
// '-' (more follows) or ' ' (the reply's last line), or a space that continues the previous code.
// Codes 0xxx end an action, 1xxx are table rows, 2xxx headings, 8xxx run-time and 9xxx parse
// errors. Knows nothing of svcadv: it moves lines, bounded in size and time.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace svcadv {

struct BirdReplyLine {
    int code = 0;  // continuation lines carry the code of the line they continue
    std::string text;
};

struct BirdReply {
    std::vector<BirdReplyLine> lines;
    int finalCode = 0;  // the code of the last line
    bool failed() const { return finalCode >= 8000; }
    std::string finalText() const { return lines.empty() ? "" : lines.back().text; }
};

// The framing of one reply, without I/O: feed it bytes as they arrive until it says done. Throws
// an invalid-input Error on a line that is not BIRD's, or when the reply exceeds maxBytes.
class BirdReplyParser {
  public:
    explicit BirdReplyParser(std::size_t maxBytes) : maxBytes_(maxBytes) {}
    bool feed(std::string_view data);  // true once the reply's last line arrived
    bool done() const { return done_; }
    BirdReply take() { return std::move(reply_); }
    // Bytes after the reply's last line (BIRD sends none before the next command).
    const std::string& rest() const { return pending_; }

  private:
    void line(std::string_view text);
    std::size_t maxBytes_;
    std::size_t received_ = 0;
    std::string pending_;
    BirdReply reply_;
    bool done_ = false;
};

// One command in, one reply out: the socket client, or a recording fake in tests.
class BirdControl {
  public:
    virtual ~BirdControl() = default;
    virtual BirdReply request(const std::string& command) = 0;
};

struct BirdSocketLimits {
    std::chrono::milliseconds timeout{5000};  // per exchange (connect and greeting, each command)
    std::size_t maxReplyBytes = 16 * 1024 * 1024;
};

// Connects and reads the greeting. Errors are svcadv::Error: unreachable (exit 5) when the socket
// cannot be connected or BIRD does not answer in time, invalid input (exit 3) for a reply that is
// not BIRD's protocol or is too large.
class BirdControlSocket : public BirdControl {
  public:
    explicit BirdControlSocket(std::string path, BirdSocketLimits limits = {});
    ~BirdControlSocket() override;
    BirdControlSocket(const BirdControlSocket&) = delete;
    BirdControlSocket& operator=(const BirdControlSocket&) = delete;
    BirdReply request(const std::string& command) override;
    const std::string& greeting() const { return greeting_; }

  private:
    BirdReply readReply(std::chrono::steady_clock::time_point deadline);
    std::string path_;
    BirdSocketLimits limits_;
    int fd_ = -1;
    std::string greeting_;
};

}  // namespace svcadv
