#include "svcadv/util/log.h"

#include <mutex>

#include "svcadv/util/strings.h"

namespace svcadv {
namespace {

std::mutex& sinkMutex() {
    static std::mutex mutex;
    return mutex;
}

LogSink& currentSink() {
    static LogSink sink;
    return sink;
}

bool looksSecret(std::string_view name) {
    std::string lowered = toLower(name);
    for (const char* word : {"token", "password", "passwd", "secret", "key", "auth", "sig"}) {
        if (lowered.find(word) != std::string::npos) return true;
    }
    return false;
}

const char* reasonPhrase(long status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 409:
            return "Conflict";
        case 422:
            return "Unprocessable Entity";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return "";
    }
}

}  // namespace

LogSink setLogSink(LogSink sink) {
    std::lock_guard lock(sinkMutex());
    LogSink previous = currentSink();
    currentSink() = std::move(sink);
    return previous;
}

bool logEnabled(int verbosity) {
    std::lock_guard lock(sinkMutex());
    return currentSink().write && verbosity <= currentSink().verbosity;
}

void logLine(int verbosity, std::string_view line) {
    std::lock_guard lock(sinkMutex());
    const LogSink& sink = currentSink();
    if (sink.write && verbosity <= sink.verbosity) sink.write(line);
}

int verbosityOfLevel(std::string_view level) {
    std::string lowered = toLower(level);
    if (lowered == "trace") return 9;
    if (lowered == "debug") return kLogRetries;
    if (lowered == "info") return kLogSettings;
    for (const char* quiet : {"warning", "warn", "error", "fatal", "panic"}) {
        if (lowered == quiet) return 0;
    }
    return -1;
}

std::string redactUrl(std::string_view url) {
    std::string out(url);
    auto scheme = out.find("://");
    std::size_t hostStart = scheme == std::string::npos ? 0 : scheme + 3;
    std::size_t hostEnd = out.find_first_of("/?#", hostStart);
    if (hostEnd == std::string::npos) hostEnd = out.size();
    auto at = out.rfind('@', hostEnd);
    if (at != std::string::npos && at >= hostStart) {
        auto colon = out.find(':', hostStart);
        if (colon != std::string::npos && colon < at)
            out.replace(colon + 1, at - colon - 1, "REDACTED");
    }
    auto query = out.find('?');
    if (query == std::string::npos) return out;
    std::string rebuilt = out.substr(0, query + 1);
    std::string_view rest = std::string_view(out).substr(query + 1);
    bool first = true;
    for (const auto& pair : split(rest, '&')) {
        if (!first) rebuilt += '&';
        first = false;
        auto eq = pair.find('=');
        if (eq != std::string::npos && looksSecret(pair.substr(0, eq)))
            rebuilt += pair.substr(0, eq + 1) + "REDACTED";
        else
            rebuilt += pair;
    }
    return rebuilt;
}

std::string requestLine(std::string_view method, std::string_view url, long status,
                        long long milliseconds) {
    std::string out = std::string(method) + " " + redactUrl(url) + " ";
    if (status == 0) {
        out += "(no response)";
    } else {
        out += std::to_string(status);
        if (*reasonPhrase(status)) out += std::string(" ") + reasonPhrase(status);
    }
    return out + " in " + std::to_string(milliseconds) + " milliseconds";
}

}  // namespace svcadv
