// The log sink and its verbosity, --log-level names, URL redaction and kubectl's request lines.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "svcadv/util/log.h"

using namespace svcadv;

TEST_CASE("log lines reach the sink up to its verbosity, nothing without one") {
    std::vector<std::string> lines;
    LogSink previous = setLogSink({6, [&](std::string_view line) { lines.emplace_back(line); }});
    logLine(kLogRequests, "request");
    logLine(kLogRetries, "retry");
    CHECK(logEnabled(kLogSettings));
    CHECK_FALSE(logEnabled(kLogRetries));
    setLogSink({});
    logLine(0, "silent");
    CHECK(lines == std::vector<std::string>{"request"});
    setLogSink(previous);
}

TEST_CASE("log levels as verbosities") {
    CHECK(verbosityOfLevel("debug") == kLogRetries);
    CHECK(verbosityOfLevel("INFO") == kLogSettings);
    CHECK(verbosityOfLevel("warning") == 0);
    CHECK(verbosityOfLevel("trace") == 9);
    CHECK(verbosityOfLevel("loud") == -1);
}

TEST_CASE("redacted URLs: passwords in userinfo and credential query parameters") {
    CHECK(redactUrl("https://root:s3cret@etcd:2379/v3/kv/range") ==
          "https://root:REDACTED@etcd:2379/v3/kv/range");
    CHECK(redactUrl("https://host/api?token=abc&limit=500&access_key=k") ==
          "https://host/api?token=REDACTED&limit=500&access_key=REDACTED");
    CHECK(redactUrl("https://host:6443/apis/x?limit=500") == "https://host:6443/apis/x?limit=500");
    CHECK(redactUrl("https://user@host/a") == "https://user@host/a");
}

TEST_CASE("request lines as kubectl -v=6 prints them") {
    CHECK(requestLine("GET", "https://h/api?token=t", 200, 12) ==
          "GET https://h/api?token=REDACTED 200 OK in 12 milliseconds");
    CHECK(requestLine("POST", "http://h/v3/kv/range", 0, 3) ==
          "POST http://h/v3/kv/range (no response) in 3 milliseconds");
    CHECK(requestLine("PUT", "https://h/x", 299, 1) == "PUT https://h/x 299 in 1 milliseconds");
}
