#include "svcadv/routes/calico_semantics.h"

#include <charconv>
#include <limits>

namespace svcadv {
namespace {

// A decimal number without sign or leading "+"; nullopt when `text` is anything else.
std::optional<int> parseNumber(std::string_view text) {
    int value = 0;
    if (text.empty() || text.size() > 4) return std::nullopt;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// The version's position: a release branch (no patch) sorts after every patch of its minor.
struct Position {
    int minor;
    int patch;
};

Position positionOf(const CalicoVersion& version) {
    if (version.master) return {kNewestCalicoMinor + 1, 0};
    return {version.minor, version.patch.value_or(std::numeric_limits<int>::max())};
}

bool atLeast(Position at, int minor, int patch) {
    return at.minor > minor || (at.minor == minor && at.patch >= patch);
}

}  // namespace

std::string CalicoVersion::str() const {
    if (master) return "master";
    std::string out = "v3." + std::to_string(minor);
    if (patch) out += "." + std::to_string(*patch);
    return out;
}

std::optional<CalicoVersion> parseCalicoVersion(std::string_view text, std::string& problem) {
    std::string_view original = text;
    if (text == "master") return CalicoVersion{kNewestCalicoMinor, std::nullopt, true};
    if (!text.empty() && text.front() == 'v') text.remove_prefix(1);
    // Build suffixes ("-0.dev", "+build") name the same release's code.
    if (auto cut = text.find_first_of("-+"); cut != std::string_view::npos)
        text = text.substr(0, cut);
    std::optional<int> parts[3];
    std::size_t count = 0;
    while (count < 3) {
        auto dot = text.find('.');
        parts[count++] = parseNumber(text.substr(0, dot));
        if (dot == std::string_view::npos) {
            text = {};
            break;
        }
        text.remove_prefix(dot + 1);
        if (count == 3) text = "x";  // a fourth part
    }
    bool wellFormed = count >= 2 && text.empty() && parts[0] && parts[1] && (count < 3 || parts[2]);
    if (!wellFormed) {
        problem = "'" + std::string(original) + "' is not a Calico version (X.Y, X.Y.Z or master)";
        return std::nullopt;
    }
    CalicoVersion version{*parts[1], count == 3 ? parts[2] : std::nullopt, false};
    std::string range = "v3." + std::to_string(kOldestCalicoMinor) + " to v3." +
                        std::to_string(kNewestCalicoMinor) + " and master";
    if (*parts[0] != 3 || version.minor < kOldestCalicoMinor) {
        problem = version.str() + " is not supported: svcadv reproduces " + range;
        if (*parts[0] != 3) problem = "'" + std::string(original) + "' is not supported: " + range;
        return std::nullopt;
    }
    if (version.minor > kNewestCalicoMinor) {
        problem = "'" + std::string(original) + "' is newer than svcadv knows (" + range +
                  "); use --calico-version master for the newest rules";
        return std::nullopt;
    }
    return version;
}

CalicoSemantics calicoSemantics(const CalicoVersion& version) {
    Position at = positionOf(version);
    CalicoSemantics s;
    s.version = version;
    bool slices = atLeast(at, 31, 0);
    s.endpointSource = slices ? EndpointSource::EndpointSlices : EndpointSource::CoreEndpoints;
    // routes.go v3.31.4: ipFamilies against the slice's addressType.
    s.familyFilter = atLeast(at, 31, 4) ? EndpointFamilyFilter::IpFamilies
                                        : EndpointFamilyFilter::ClusterIPFamily;
    // Fixed in v3.31.7 and on release-v3.32 after v3.32.1 (#13253).
    s.skipNotReadyEndpoints = !slices || atLeast(at, 33, 0) || (at.minor == 32 && at.patch >= 2) ||
                              (at.minor == 31 && at.patch >= 7);
    s.allClusterIPs = slices;
    s.loadBalancerAggregation = slices;
    s.singleLoadBalancerIPFromIngress = atLeast(at, 32, 0) || (at.minor == 31 && at.patch >= 5) ||
                                        (at.minor == 30 && at.patch >= 7);
    if (!atLeast(at, 30, 0))
        s.singleExternalIPOverride = SingleExternalIPOverride::None;
    else if ((at.minor == 30 && at.patch < 5) || (at.minor == 31 && at.patch < 1))
        s.singleExternalIPOverride = SingleExternalIPOverride::LoadBalancerNodePort;
    else
        s.singleExternalIPOverride = SingleExternalIPOverride::AnyType;
    s.singleExternalIPsGlobal = !atLeast(at, 30, 0);
    s.emptyCidrEntryBreaksList = !atLeast(at, 29, 0);
    // Until v3.33 the lists went through confd's string cache ("svc_external_ips" and others).
    s.cidrListsJoinedWithCommas = !atLeast(at, 33, 0);
    s.advertiseClusterIPsWipedByConfiguration = !atLeast(at, 33, 0);
    return s;
}

std::string semanticsName(const CalicoSemantics& semantics) {
    return "calico-" + semantics.version.str();
}

CalicoSemantics latestCalicoSemantics() {
    return calicoSemantics(CalicoVersion{kNewestCalicoMinor, std::nullopt, false});
}

ResolvedSemantics resolveCalicoSemantics(const std::optional<CalicoVersion>& requested,
                                         const std::optional<std::string>& detected) {
    if (requested) return {calicoSemantics(*requested), "--calico-version", ""};
    if (detected) {
        std::string problem;
        if (auto version = parseCalicoVersion(*detected, problem))
            return {calicoSemantics(*version), "ClusterInformation default", ""};
        CalicoSemantics latest = latestCalicoSemantics();
        return {latest, "",
                "ClusterInformation default spec.calicoVersion: " + problem + "; applying the " +
                    latest.version.str() + " rules (set --calico-version)"};
    }
    return {latestCalicoSemantics(), "", ""};
}

}  // namespace svcadv
