#include "svcadv/sys/bird_control.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "svcadv/util/error.h"

namespace svcadv {
namespace {

// A line as it may appear in a message: control characters shown as '?', at most 80 characters.
std::string shown(std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 80))
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    if (text.size() > 80) out += "...";
    return out;
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

int remainingMs(std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

}  // namespace

void BirdReplyParser::line(std::string_view text) {
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.size() >= 5 && isDigit(text[0]) && isDigit(text[1]) && isDigit(text[2]) &&
        isDigit(text[3]) && (text[4] == '-' || text[4] == ' ')) {
        int code =
            (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
        reply_.lines.push_back({code, std::string(text.substr(5))});
        if (text[4] == ' ') {
            reply_.finalCode = code;
            done_ = true;
        }
        return;
    }
    if (!text.empty() && text[0] == ' ' && !reply_.lines.empty()) {
        reply_.lines.push_back({reply_.lines.back().code, std::string(text.substr(1))});
        return;
    }
    if (!text.empty() && text[0] == '+') return;  // a spontaneous message, not part of the reply
    throw invalidInput("BIRD control socket: not a reply line of BIRD's protocol: '" + shown(text) +
                       "'");
}

bool BirdReplyParser::feed(std::string_view data) {
    received_ += data.size();
    if (received_ > maxBytes_)
        throw invalidInput("BIRD control socket: reply larger than " + std::to_string(maxBytes_) +
                           " bytes");
    pending_.append(data);
    std::size_t start = 0;
    while (!done_) {
        std::size_t end = pending_.find('\n', start);
        if (end == std::string::npos) break;
        line(std::string_view(pending_).substr(start, end - start));
        start = end + 1;
    }
    pending_.erase(0, start);
    return done_;
}

BirdControlSocket::BirdControlSocket(std::string path, BirdSocketLimits limits)
    : path_(std::move(path)), limits_(limits) {
    sockaddr_un address{};
    if (path_.empty() || path_.size() >= sizeof(address.sun_path))
        throw usageError("BIRD control socket '" + shown(path_) + "': not a usable socket path");
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path_.data(), path_.size());
    fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0)
        throw Error(ExitCode::Unreachable, "BIRD control socket: " + std::string(strerror(errno)));
    // A unix socket connects at once or fails (no listener, no permission): no timeout needed.
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
        int error = errno;
        ::close(fd_);
        fd_ = -1;
        throw Error(ExitCode::Unreachable, "BIRD control socket " + path_ + ": cannot connect: " +
                                               strerror(error) + " (is BIRD running?)");
    }
    // A constructor that throws runs no destructor: the socket is closed here.
    try {
        BirdReply hello = readReply(std::chrono::steady_clock::now() + limits_.timeout);
        if (hello.finalCode != 1)
            throw invalidInput(
                "BIRD control socket " + path_ + ": expected BIRD's greeting (0001), got " +
                std::to_string(hello.finalCode) + " '" + shown(hello.finalText()) + "'");
        greeting_ = hello.finalText();
    } catch (...) {
        ::close(fd_);
        fd_ = -1;
        throw;
    }
}

BirdControlSocket::~BirdControlSocket() {
    if (fd_ >= 0) ::close(fd_);
}

BirdReply BirdControlSocket::readReply(std::chrono::steady_clock::time_point deadline) {
    BirdReplyParser parser(limits_.maxReplyBytes);
    char buffer[8192];
    while (!parser.done()) {
        pollfd waiting{fd_, POLLIN, 0};
        int ready = ::poll(&waiting, 1, remainingMs(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0)
            throw Error(ExitCode::Unreachable, "BIRD control socket " + path_ +
                                                   ": no complete reply within " +
                                                   std::to_string(limits_.timeout.count()) + " ms");
        if (ready < 0)
            throw Error(ExitCode::Unreachable,
                        "BIRD control socket " + path_ + ": " + strerror(errno));
        ssize_t got = ::recv(fd_, buffer, sizeof(buffer), 0);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0)
            throw Error(ExitCode::Unreachable,
                        "BIRD control socket " + path_ + ": " + strerror(errno));
        if (got == 0)
            throw Error(ExitCode::Unreachable,
                        "BIRD control socket " + path_ + ": BIRD closed the connection mid-reply");
        parser.feed(std::string_view(buffer, static_cast<std::size_t>(got)));
    }
    return parser.take();
}

BirdReply BirdControlSocket::request(const std::string& command) {
    if (command.find_first_of("\r\n") != std::string::npos)
        throw invalidInput("BIRD command '" + shown(command) + "': must be one line");
    auto deadline = std::chrono::steady_clock::now() + limits_.timeout;
    std::string line = command + "\n";
    std::size_t sent = 0;
    while (sent < line.size()) {
        pollfd waiting{fd_, POLLOUT, 0};
        int ready = ::poll(&waiting, 1, remainingMs(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0)
            throw Error(ExitCode::Unreachable,
                        "BIRD control socket " + path_ + ": cannot send the command in time");
        ssize_t wrote = ::send(fd_, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote < 0)
            throw Error(ExitCode::Unreachable,
                        "BIRD control socket " + path_ + ": " + strerror(errno));
        sent += static_cast<std::size_t>(wrote);
    }
    return readReply(deadline);
}

}  // namespace svcadv
