#include "svcadv/routes/advisory.h"

#include <array>
#include <cstddef>

namespace svcadv {
namespace {

// Explanations are one line of help text: at most 70 characters (a unit test holds them to it).
constexpr std::array kReasons = {
    ReasonInfo{Reason::ClusterCIDR, "ClusterCIDR",
               "a serviceClusterIPs cidr, advertised by every node not excluded"},
    ReasonInfo{Reason::ExternalCIDR, "ExternalCIDR",
               "a serviceExternalIPs range, advertised by every node not excluded"},
    ReasonInfo{Reason::LoadBalancerCIDR, "LoadBalancerCIDR",
               "a serviceLoadBalancerIPs range (aggregation Enabled), on every node"},
    ReasonInfo{Reason::SingleIPCluster, "SingleIPCluster",
               "Cluster policy, an IP in a single-IP entry: on every node"},
    ReasonInfo{Reason::AggregationDisabled, "AggregationDisabled",
               "Cluster policy, aggregation Disabled, a ready endpoint: on every node"},
    ReasonInfo{Reason::LocalEndpoint, "LocalEndpoint",
               "Local policy and a ready endpoint on this node: advertised here"},
    ReasonInfo{Reason::UnsupportedType, "UnsupportedType",
               "not advertised: ExternalName or another unsupported type"},
    ReasonInfo{Reason::Headless, "Headless",
               "not advertised: a headless service, external IPs included"},
    ReasonInfo{Reason::NoEndpointSlices, "NoEndpointSlices",
               "not advertised: the service has no EndpointSlice"},
    ReasonInfo{Reason::ClusterPolicyAggregated, "ClusterPolicyAggregated",
               "no host route: Cluster policy, reached through the aggregated ranges"},
    ReasonInfo{Reason::NoReadyEndpoints, "NoReadyEndpoints",
               "not advertised: no ready endpoint on any node"},
    ReasonInfo{Reason::NoLocalEndpoint, "NoLocalEndpoint",
               "not advertised here: Local policy, no ready endpoint on this node"},
    ReasonInfo{Reason::NodeExcluded, "NodeExcluded",
               "not advertised here: the node's exclude label is 'true'"},
    ReasonInfo{Reason::ClusterIPsNotAdvertised, "ClusterIPsNotAdvertised",
               "clusterIP not advertised: no serviceClusterIPs are configured"},
    ReasonInfo{Reason::NotInAllowList, "NotInAllowList",
               "IP not advertised: outside every configured cidr of its kind"},
    ReasonInfo{Reason::UnparsableIP, "UnparsableIP", "IP not advertised: not an IP address"},
};

constexpr std::array kWarnings = {
    WarningInfo{WarningCode::LocalNoReadyEndpoints, "LocalNoReadyEndpoints",
                "a Local service without a ready endpoint: no node advertises it"},
    WarningInfo{WarningCode::LocalOnlyExcluded, "LocalOnlyExcluded",
                "a Local service's ready endpoints are all on excluded nodes"},
    WarningInfo{WarningCode::IPNotInAllowList, "IPNotInAllowList",
                "an external or ingress IP outside every cidr: never advertised"},
    WarningInfo{WarningCode::ClusterIPOutsideRanges, "ClusterIPOutsideRanges",
                "a clusterIP outside every serviceClusterIPs cidr"},
    WarningInfo{WarningCode::AmbiguousExcludeLabel, "AmbiguousExcludeLabel",
                "an exclude label other than 'true': Calico does not exclude"},
    WarningInfo{WarningCode::EmptyCidrEntry, "EmptyCidrEntry",
                "an empty cidr entry, which calico-node ignores"},
    WarningInfo{WarningCode::OverlappingCidrs, "OverlappingCidrs",
                "two entries of one cidr list overlap"},
    WarningInfo{WarningCode::BareIPEntry, "BareIPEntry",
                "a cidr entry that is an IP without a mask"},
    WarningInfo{WarningCode::MalformedCidrEntry, "MalformedCidrEntry",
                "a cidr entry with host bits set, or not a cidr at all"},
    WarningInfo{WarningCode::UnparsableIP, "UnparsableIP",
                "a service address that is not an IP address: skipped"},
    WarningInfo{WarningCode::NoAdvertisingNodes, "NoAdvertisingNodes",
                "a configured cidr no node advertises: every node is excluded"},
    WarningInfo{WarningCode::EcmpFanoutAbove, "EcmpFanoutAbove",
                "a prefix with more next hops than --max-paths"},
    WarningInfo{WarningCode::CidrListDropped, "CidrListDropped",
                "error: a cidr entry net.ParseCIDR refuses drops its whole list"},
    WarningInfo{WarningCode::BirdRejectsPrefix, "BirdRejectsPrefix",
                "error: a cidr with host bits set: BIRD refuses the node's config"},
    WarningInfo{WarningCode::AdvertiseClusterIPsIgnored, "AdvertiseClusterIPsIgnored",
                "CALICO_ADVERTISE_CLUSTER_IPS wiped by BGPConfiguration default"},
    WarningInfo{WarningCode::ServiceDefaulted, "ServiceDefaulted",
                "services from files, defaulted as the API server would on create"},
    WarningInfo{WarningCode::NoDefaultBgpConfiguration, "NoDefaultBgpConfiguration",
                "no BGPConfiguration 'default' in the input: no service ranges"},
};

// The tables are indexed by the enums: entry i must describe value i.
template <typename Table, typename Value>
constexpr bool inEnumOrder(const Table& table, Value Table::value_type::*field) {
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (table[i].*field != static_cast<Value>(i)) return false;
    }
    return true;
}
static_assert(inEnumOrder(kReasons, &ReasonInfo::reason));
static_assert(inEnumOrder(kWarnings, &WarningInfo::code));
static_assert(kReasons.back().reason == Reason::UnparsableIP, "a Reason is missing in kReasons");
static_assert(kWarnings.back().code == WarningCode::NoDefaultBgpConfiguration,
              "a WarningCode is missing in kWarnings");

template <typename Table>
const typename Table::value_type& entryOf(const Table& table, auto value) {
    return table[static_cast<std::size_t>(value)];
}

template <typename Table, typename Value>
std::optional<Value> findByName(const Table& table, Value Table::value_type::*field,
                                std::string_view name) {
    for (const auto& entry : table) {
        if (entry.name == name) return entry.*field;
    }
    return std::nullopt;
}

}  // namespace

std::span<const ReasonInfo> allReasons() {
    return kReasons;
}

std::span<const WarningInfo> allWarningCodes() {
    return kWarnings;
}

const char* reasonName(Reason reason) {
    return entryOf(kReasons, reason).name;
}

const char* reasonExplanation(Reason reason) {
    return entryOf(kReasons, reason).explanation;
}

std::optional<Reason> reasonFromName(std::string_view name) {
    return findByName(kReasons, &ReasonInfo::reason, name);
}

const char* warningName(WarningCode code) {
    return entryOf(kWarnings, code).name;
}

const char* warningExplanation(WarningCode code) {
    return entryOf(kWarnings, code).explanation;
}

std::optional<WarningCode> warningCodeFromName(std::string_view name) {
    return findByName(kWarnings, &WarningInfo::code, name);
}

}  // namespace svcadv
