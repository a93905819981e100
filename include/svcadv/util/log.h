// The diagnostic log of -v N and --log-level, in kubectl's verbosity numbers: 4 the settings
// chosen (kubeconfig, context, datastore), 6 one line per request (method, URL, status, duration),
// 7 retries and backoff. The command line installs a sink; without one nothing is logged, so
// libraries may log unconditionally. Lines never carry a secret: URLs go through redactUrl, and
// tokens, passwords and exec output are never passed in.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace svcadv {

inline constexpr int kLogSettings = 4;
inline constexpr int kLogRequests = 6;
inline constexpr int kLogRetries = 7;

// Receives lines at or below its verbosity.
struct LogSink {
    int verbosity = 0;
    std::function<void(std::string_view line)> write;
};

// Installs the process's sink (an empty `write` turns logging off); returns the previous one.
LogSink setLogSink(LogSink sink);
bool logEnabled(int verbosity);
void logLine(int verbosity, std::string_view line);

// The verbosity a --log-level names (trace 9, debug 7, info 4, warning/error/fatal/panic 0);
// -1 for an unknown name.
int verbosityOfLevel(std::string_view level);

// A URL safe to print: "user:password@" becomes "user:REDACTED@", and the values of query
// parameters that look like credentials (token, password, secret, key, auth) become REDACTED.
std::string redactUrl(std::string_view url);

// "GET https://host/api 200 OK in 12 milliseconds", as kubectl -v=6 prints a request.
std::string requestLine(std::string_view method, std::string_view url, long status,
                        long long milliseconds);

}  // namespace svcadv
