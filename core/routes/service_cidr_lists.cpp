#include "svcadv/routes/service_cidr_lists.h"

#include <algorithm>

namespace svcadv {
namespace {

// client.go filterNonSingleIPsFromCIDRs: a textual test, so a bare IP is "not single" and goes on
// to net.ParseCIDR, which fails on it.
bool endsAsSingleIp(const std::string& entry) {
    auto endsWith = [&](const char* suffix) {
        std::string s(suffix);
        return entry.size() >= s.size() && entry.compare(entry.size() - s.size(), s.size(), s) == 0;
    };
    return entry.find(':') != std::string::npos ? endsWith("/128") : endsWith("/32");
}

std::vector<std::string> splitOnCommas(const std::string& joined) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        auto comma = joined.find(',', start);
        out.push_back(joined.substr(start, comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

}  // namespace

const char* serviceCidrListField(ServiceCidrListKind kind) {
    switch (kind) {
        case ServiceCidrListKind::Cluster:
            return "serviceClusterIPs";
        case ServiceCidrListKind::External:
            return "serviceExternalIPs";
        case ServiceCidrListKind::LoadBalancer:
            break;
    }
    return "serviceLoadBalancerIPs";
}

std::optional<Cidr> goParseCidr(const std::string& text) {
    CidrParseResult parsed = parseCidr(text);
    if (parsed.cidr) return parsed.cidr;
    if (parsed.problem == CidrProblem::HostBitsSet) return parsed.masked;
    return std::nullopt;
}

bool loadBalancerAggregationEnabled(const std::optional<std::string>& configured,
                                    const CalicoSemantics& semantics) {
    // client.go shouldAggregateLoadBalancerServicesLockHeld: `== Enabled`; a nil field is
    // Enabled (updateBGPConfigCache).
    if (!semantics.loadBalancerAggregation) return true;
    return !configured || *configured == "Enabled";
}

HeldCidrList readServiceCidrList(const std::vector<std::string>& configured,
                                 ServiceCidrListKind kind, bool aggregation,
                                 const CalicoSemantics& semantics) {
    std::vector<std::string> entries;
    if (semantics.cidrListsJoinedWithCommas) {
        // getService*IPsKVPair joins the entries with commas into confd's cache and onUpdates
        // splits the string again; an empty string is no list at all. Until 3.28 empty entries
        // are joined too (so "a,,b" splits into an empty entry).
        std::string joined;
        bool first = true;
        for (const auto& entry : configured) {
            if (entry.empty() && !semantics.emptyCidrEntryBreaksList) continue;
            if (!first) joined += ",";
            joined += entry;
            first = false;
        }
        if (!joined.empty()) entries = splitOnCommas(joined);
    } else {
        // getService*IPs: "The CRD allows CIDR to be optional so we just ignore empty CIDRs."
        std::copy_if(configured.begin(), configured.end(), std::back_inserter(entries),
                     [](const std::string& e) { return !e.empty(); });
    }

    HeldCidrList out;
    std::vector<std::string> global;
    for (const auto& entry : entries) {
        bool isGlobal = true;
        if (kind == ServiceCidrListKind::External)
            isGlobal = semantics.singleExternalIPsGlobal || !endsAsSingleIp(entry);
        if (kind == ServiceCidrListKind::LoadBalancer)
            isGlobal = aggregation && !endsAsSingleIp(entry);
        if (isGlobal) global.push_back(entry);
    }
    // updateGlobalRoutes pre-validates with net.ParseCIDR and returns the first error: the caller
    // then keeps its previous list, which on a node that starts with this configuration is none.
    for (const auto& entry : global) {
        if (!goParseCidr(entry)) {
            out.droppedBy = entry;
            return out;
        }
    }
    out.entries = entries;
    out.globalRoutes = std::move(global);
    for (const auto& entry : entries) {
        if (auto net = goParseCidr(entry))
            out.allowed.push_back(*net);
        else
            out.skipped.push_back(entry);  // parseIPNets logs and skips it
    }
    return out;
}

}  // namespace svcadv
