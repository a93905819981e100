#include "svcadv/routes/reject_routes.h"

#include <algorithm>
#include <map>
#include <optional>

namespace svcadv {
namespace {

// Go's net.ParseCIDR: a mask is required, host bits are allowed.
bool goParsesCidr(const std::string& text) {
    CidrParseResult parsed = parseCidr(text);
    return parsed.cidr || parsed.problem == CidrProblem::HostBitsSet;
}

// filterNonSingleIPsFromCIDRs: a textual test on the suffix, as calico-node does it.
bool isSingleIpText(const std::string& text) {
    bool ipv6 = text.find(':') != std::string::npos;
    return text.ends_with(ipv6 ? "/128" : "/32");
}

std::vector<std::string> entries(const std::optional<std::vector<ServiceCidr>>& list) {
    std::vector<std::string> out;
    if (!list) return out;
    for (const auto& entry : *list) {
        if (!entry.cidr.empty()) out.push_back(entry.cidr);
    }
    return out;
}

}  // namespace

const char* rejectSourceName(RejectSource source) {
    switch (source) {
        case RejectSource::ServiceClusterIPs:
            return "serviceClusterIPs";
        case RejectSource::AdvertiseClusterIPs:
            return "CALICO_ADVERTISE_CLUSTER_IPS";
        case RejectSource::ServiceExternalIPs:
            return "serviceExternalIPs";
        case RejectSource::ServiceLoadBalancerIPs:
            return "serviceLoadBalancerIPs";
    }
    return "";
}

std::string confdRouteKey(const std::string& cidr) {
    std::string key = cidr;
    if (auto slash = key.find('/'); slash != std::string::npos) key[slash] = '-';
    return key;
}

std::vector<RejectCidr> rejectCidrs(const ClusterState& state,
                                    const std::optional<Cidr>& advertiseClusterIPs) {
    const BGPConfiguration* config = state.defaultBgpConfiguration();
    std::vector<std::pair<RejectSource, std::vector<std::string>>> lists;
    if (advertiseClusterIPs) {
        lists.push_back({RejectSource::AdvertiseClusterIPs, {advertiseClusterIPs->str()}});
    } else if (config) {
        lists.push_back({RejectSource::ServiceClusterIPs, entries(config->spec.serviceClusterIPs)});
    }
    if (config) {
        std::vector<std::string> external;
        for (auto& cidr : entries(config->spec.serviceExternalIPs)) {
            if (!isSingleIpText(cidr)) external.push_back(std::move(cidr));
        }
        lists.push_back({RejectSource::ServiceExternalIPs, std::move(external)});
        // calico-node compares with == "Enabled"; unset means Enabled.
        if (config->spec.serviceLoadBalancerAggregation.value_or("Enabled") == "Enabled") {
            std::vector<std::string> ranges;
            for (auto& cidr : entries(config->spec.serviceLoadBalancerIPs)) {
                if (!isSingleIpText(cidr)) ranges.push_back(std::move(cidr));
            }
            lists.push_back({RejectSource::ServiceLoadBalancerIPs, std::move(ranges)});
        }
    }
    std::map<std::string, RejectCidr> byKey;
    for (const auto& [source, cidrs] : lists) {
        // updateGlobalRoutes checks the whole list before programming any of it.
        if (!std::all_of(cidrs.begin(), cidrs.end(), goParsesCidr)) continue;
        for (const auto& cidr : cidrs) {
            RejectCidr& entry = byKey[confdRouteKey(cidr)];
            entry.cidr = cidr;
            if (std::find(entry.sources.begin(), entry.sources.end(), source) ==
                entry.sources.end())
                entry.sources.push_back(source);
        }
    }
    std::vector<RejectCidr> out;
    for (auto& [key, entry] : byKey)
        out.push_back(std::move(entry));
    return out;
}

}  // namespace svcadv
