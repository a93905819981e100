#include "svcadv/model/datastore_config.h"

#include <charconv>
#include <cstdint>
#include <limits>
#include <string_view>

#include "svcadv/util/error.h"

namespace svcadv {

namespace {

constexpr std::uint64_t kNanosecondsPerHour = 3'600'000'000'000ULL;

// Go's time.ParseDuration ([-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, or "0"), in nanoseconds, without
// floating point: nullopt when the text is not a duration or does not fit in an int64.
std::optional<std::int64_t> parseGoDuration(std::string_view text) {
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text == "0") return 0;
    if (text.empty()) return std::nullopt;
    auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    constexpr std::uint64_t kLimit = std::uint64_t{1} << 63;
    unsigned __int128 total = 0;
    while (!text.empty()) {
        if (!(text[0] == '.' || isDigit(text[0]))) return std::nullopt;
        unsigned __int128 whole = 0;
        std::size_t digits = 0;
        while (!text.empty() && isDigit(text[0])) {
            whole = whole * 10 + static_cast<unsigned>(text[0] - '0');
            if (whole >= kLimit) return std::nullopt;
            text.remove_prefix(1);
            ++digits;
        }
        // The fraction keeps at most 18 digits (what a nanosecond of an hour needs, and more).
        std::uint64_t fraction = 0, scale = 1;
        std::size_t fractionDigits = 0;
        if (!text.empty() && text[0] == '.') {
            text.remove_prefix(1);
            while (!text.empty() && isDigit(text[0])) {
                if (scale < 1'000'000'000'000'000'000ULL) {
                    fraction = fraction * 10 + static_cast<unsigned>(text[0] - '0');
                    scale *= 10;
                }
                text.remove_prefix(1);
                ++fractionDigits;
            }
        }
        if (digits == 0 && fractionDigits == 0) return std::nullopt;
        std::size_t unitLength = 0;
        while (unitLength < text.size() && text[unitLength] != '.' && !isDigit(text[unitLength]))
            ++unitLength;
        std::string_view unitText = text.substr(0, unitLength);
        text.remove_prefix(unitLength);
        std::uint64_t unit =
            unitText == "ns"                                                         ? 1
            : unitText == "us" || unitText == "\xc2\xb5s" || unitText == "\xce\xbcs" ? 1'000
            : unitText == "ms"                                                       ? 1'000'000
            : unitText == "s"                                                        ? 1'000'000'000
            : unitText == "m" ? 60'000'000'000
            : unitText == "h" ? kNanosecondsPerHour
                              : 0;
        if (unit == 0) return std::nullopt;  // missing or unknown unit
        total += whole * unit + static_cast<unsigned __int128>(fraction) * unit / scale;
        if (total > kLimit) return std::nullopt;
    }
    if (total == kLimit) {
        if (!negative) return std::nullopt;
        return std::numeric_limits<std::int64_t>::min();
    }
    auto value = static_cast<std::int64_t>(total);
    return negative ? -value : value;
}

}  // namespace

std::chrono::milliseconds parseRequestTimeout(const std::string& text) {
    auto fail = [&](const std::string& why) -> std::chrono::milliseconds {
        throw usageError("--request-timeout: invalid duration '" + text + "'" + why +
                         " (examples: 30s, 1m, 500ms, or a number of seconds)");
    };
    // kubectl (clientcmd.ParseTimeout): a whole number of seconds, else a Go duration.
    std::optional<std::int64_t> nanoseconds;
    std::int64_t seconds = 0;
    std::string_view digits = text;
    if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), seconds);
    if (!digits.empty() && error == std::errc() && end == digits.data() + digits.size() &&
        seconds >= 0) {
        if (seconds > 24 * 3600) return fail(": longer than 24h");
        nanoseconds = seconds * 1'000'000'000;
    } else if (!digits.empty() && digits[0] != '-' && error == std::errc::result_out_of_range) {
        return fail(": longer than 24h");
    } else {
        nanoseconds = parseGoDuration(text);
    }
    if (!nanoseconds) return fail("");
    if (*nanoseconds < 0) return fail(": negative");
    if (static_cast<std::uint64_t>(*nanoseconds) > 24 * kNanosecondsPerHour)
        return fail(": longer than 24h");
    if (*nanoseconds == 0) return std::chrono::milliseconds(30000);
    // Rounded up: "1ns" waits a millisecond rather than not at all.
    return std::chrono::milliseconds((*nanoseconds + 999'999) / 1'000'000);
}

std::optional<std::string> calicoEnv(const EnvironmentLookup& env, const std::string& name) {
    if (auto value = env("CALICO_" + name)) return value;
    return env(name);
}

DatastoreSettings resolveDatastoreSettings(const DatastoreFlags& flags,
                                           const EnvironmentLookup& env,
                                           const std::optional<json>& calicoctlConfig) {
    DatastoreSettings settings;
    json configSpec =
        calicoctlConfig ? calicoctlConfig->value("spec", json::object()) : json::object();
    auto fromConfig = [&](const char* key) -> std::optional<std::string> {
        if (configSpec.contains(key) && configSpec[key].is_string() &&
            !configSpec[key].get<std::string>().empty()) {
            return configSpec[key].get<std::string>();
        }
        return std::nullopt;
    };

    auto envDataDir = env("SVCADV_DATA_DIR");
    if (!flags.datastoreType.empty()) {
        settings.type = flags.datastoreType, settings.typeSource = "--datastore-type";
    } else if (auto type = calicoEnv(env, "DATASTORE_TYPE")) {
        settings.type = *type, settings.typeSource = "DATASTORE_TYPE";
    } else if (auto type = fromConfig("datastoreType")) {
        settings.type = *type, settings.typeSource = "the calicoctl config file";
    } else if (!flags.dataDir.empty() || envDataDir) {
        // Naming a data directory is asking for the local datastore.
        settings.type = "file",
        settings.typeSource = flags.dataDir.empty() ? "SVCADV_DATA_DIR" : "--data-dir";
    } else if (calicoEnv(env, "ETCD_ENDPOINTS")) {
        settings.type = "etcdv3", settings.typeSource = "ETCD_ENDPOINTS";
    } else {
        settings.type = "kubernetes",
        settings.typeSource = "the default when no datastore is configured";
    }
    if (settings.type != "file" && settings.type != "kubernetes" && settings.type != "etcdv3") {
        throw usageError(settings.typeSource + ": unknown datastore type '" + settings.type +
                         "' (expected kubernetes, etcdv3 or file)");
    }

    if (!flags.dataDir.empty()) {
        settings.dataDir = flags.dataDir;
    } else if (envDataDir) {
        settings.dataDir = *envDataDir;
    } else if (auto xdg = env("XDG_DATA_HOME")) {
        settings.dataDir = *xdg + "/svcadv";
    } else {
        settings.dataDir = env("HOME").value_or(".") + "/.local/share/svcadv";
    }

    if (!flags.kubeconfig.empty()) {
        settings.kubeconfig = flags.kubeconfig;
    } else if (auto kubeconfig = calicoEnv(env, "KUBECONFIG")) {
        settings.kubeconfig = *kubeconfig;
    } else if (auto kubeconfig = fromConfig("kubeconfig")) {
        settings.kubeconfig = *kubeconfig;
    }
    for (const char* key : {"k8sAPIEndpoint", "k8sCAFile", "k8sCertFile", "k8sKeyFile",
                            "k8sAPIToken", "k8sInsecureSkipTLSVerify"}) {
        if (configSpec.contains(key) && configSpec[key].is_boolean())
            settings.calicoctlKubernetes[key] = configSpec[key].get<bool>() ? "true" : "false";
        else if (auto value = fromConfig(key))
            settings.calicoctlKubernetes[key] = *value;
    }
    for (const char* key : {"etcdEndpoints", "etcdUsername", "etcdPassword", "etcdKeyFile",
                            "etcdCertFile", "etcdCACertFile"}) {
        if (auto value = fromConfig(key)) settings.calicoctlEtcd[key] = *value;
    }
    if (!flags.context.empty()) {
        settings.context = flags.context;
    } else if (auto context = calicoEnv(env, "K8S_CURRENT_CONTEXT")) {
        settings.context = *context;
    }
    return settings;
}

}  // namespace svcadv
