// The codes preview-routes speaks in, in one place: why a prefix is or is not advertised
// (`Reason`, the codes of route-advertisement.md) and what looks wrong (`WarningCode`). Each has a
// stable name, printed in tables and documents and accepted by --fail-on, and a one-line
// explanation for users, listed in help text and man pages.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace svcadv {

// A new code goes at the end of its enum and of its table in advisory.cpp (a static_assert there
// checks that they agree). Names are output: never rename one.
enum class Reason {
    ClusterCIDR,
    ExternalCIDR,
    LoadBalancerCIDR,
    SingleIPCluster,
    AggregationDisabled,
    LocalEndpoint,
    // Not advertised:
    UnsupportedType,
    Headless,
    NoEndpointSlices,
    ClusterPolicyAggregated,
    NoReadyEndpoints,
    NoLocalEndpoint,
    NodeExcluded,
    ClusterIPsNotAdvertised,
    NotInAllowList,
    UnparsableIP,
};

// What preview-routes warns about; warnings never change the route set.
enum class WarningCode {
    LocalNoReadyEndpoints,
    LocalOnlyExcluded,
    IPNotInAllowList,
    ClusterIPOutsideRanges,
    AmbiguousExcludeLabel,
    EmptyCidrEntry,
    OverlappingCidrs,
    BareIPEntry,
    MalformedCidrEntry,
    UnparsableIP,
    NoAdvertisingNodes,
    EcmpFanoutAbove,
    CidrListDropped,
    BirdRejectsPrefix,
    AdvertiseClusterIPsIgnored,
    ServiceDefaulted,
    NoDefaultBgpConfiguration,
};

struct ReasonInfo {
    Reason reason;
    const char* name;  // "ClusterCIDR"
    const char* explanation;
};

struct WarningInfo {
    WarningCode code;
    const char* name;  // "LocalNoReadyEndpoints"
    const char* explanation;
};

// Every code, in enum order.
std::span<const ReasonInfo> allReasons();
std::span<const WarningInfo> allWarningCodes();

const char* reasonName(Reason reason);
const char* reasonExplanation(Reason reason);
std::optional<Reason> reasonFromName(std::string_view name);

const char* warningName(WarningCode code);
const char* warningExplanation(WarningCode code);
std::optional<WarningCode> warningCodeFromName(std::string_view name);

}  // namespace svcadv
