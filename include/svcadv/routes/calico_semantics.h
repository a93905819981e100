// Which route rules calico-node applies, per Calico release. confd's routes.go and client.go
// changed in patch releases (3.26 to 3.33 and master were read at their tags and release
// branches); the preview reproduces the release the cluster runs. Everything here is pure: the
// version comes from a flag or from ClusterInformation `default` (store/cluster_source).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace svcadv {

struct CalicoVersion {
    int minor = 33;  // 3.<minor>; the major is always 3
    // The patch release; nullopt: the newest of that minor (the release branch's head).
    std::optional<int> patch;
    bool master = false;      // the master branch (after 3.33)
    std::string str() const;  // "v3.31.4", "v3.31", "master"
};

inline constexpr int kOldestCalicoMinor = 26;
inline constexpr int kNewestCalicoMinor = 33;

// "3.31", "v3.31.4", "v3.31.4-0.dev" (a suffix is ignored), "master". nullopt for anything else,
// with `problem` saying why ("not a Calico version", "3.25 is older than 3.26", ...).
std::optional<CalicoVersion> parseCalicoVersion(std::string_view text, std::string& problem);

// Where the Endpoints of a service come from.
enum class EndpointSource {
    CoreEndpoints,   // up to 3.30: v1 Endpoints, ready addresses (subsets[].addresses)
    EndpointSlices,  // 3.31+: discovery.k8s.io/v1 EndpointSlices
};

// Which endpoints of a Local (or non-aggregated) service count.
enum class EndpointFamilyFilter {
    ClusterIPFamily,  // the address's family equals spec.clusterIP's (up to 3.31.3)
    IpFamilies,       // the slice's addressType is one of spec.ipFamilies (3.31.4+)
};

// Which services a single-IP serviceExternalIPs entry advertises from every node (Cluster policy).
enum class SingleExternalIPOverride {
    None,                  // up to 3.29
    LoadBalancerNodePort,  // 3.30.0-3.30.4 and 3.31.0
    AnyType,               // 3.30.5+, 3.31.1+, 3.32+
};

// The route rules of one release, as feature flags computeRoutePlan reads.
struct CalicoSemantics {
    CalicoVersion version;
    EndpointSource endpointSource = EndpointSource::EndpointSlices;
    EndpointFamilyFilter familyFilter = EndpointFamilyFilter::IpFamilies;
    // Endpoints with conditions.ready false are skipped (3.31.7+, 3.32.2+, 3.33); before, every
    // endpoint of a slice counts. Core Endpoints list only ready addresses anyway.
    bool skipNotReadyEndpoints = true;
    // Host routes for every spec.clusterIPs entry (3.31+); before, spec.clusterIP only.
    bool allClusterIPs = true;
    // serviceLoadBalancerAggregation is read (3.31+); before, LB ranges are always global routes
    // and services of Cluster policy get no host route.
    bool loadBalancerAggregation = true;
    // The single-IP LoadBalancer override also looks at status.loadBalancer.ingress (3.30.7+,
    // 3.31.5+, 3.32+); before, spec.loadBalancerIP only.
    bool singleLoadBalancerIPFromIngress = true;
    SingleExternalIPOverride singleExternalIPOverride = SingleExternalIPOverride::AnyType;
    // /32 and /128 serviceExternalIPs entries are global routes too (up to 3.29).
    bool singleExternalIPsGlobal = false;
    // An empty cidr entry is kept and fails to parse, dropping its whole list (up to 3.28).
    bool emptyCidrEntryBreaksList = false;
    // The lists pass through one comma-joined string and are split on commas (up to 3.32).
    bool cidrListsJoinedWithCommas = false;
    // CALICO_ADVERTISE_CLUSTER_IPS is replaced by nothing on the BGPConfiguration update of the
    // initial sync when a `default` exists (up to 3.32).
    bool advertiseClusterIPsWipedByConfiguration = false;
};

CalicoSemantics calicoSemantics(const CalicoVersion& version);

// "calico-v3.31.4", "calico-v3.33", "calico-master": how output names the rules applied.
std::string semanticsName(const CalicoSemantics& semantics);

// The semantics of the newest release, used when no version is given or detected.
CalicoSemantics latestCalicoSemantics();

// The rules a preview applies and where they came from: --calico-version wins, then the input's
// ClusterInformation `default` spec.calicoVersion, then the newest release.
struct ResolvedSemantics {
    CalicoSemantics semantics;
    std::string origin;  // "--calico-version", "ClusterInformation default", or "" (nothing said)
    std::string note;    // why a detected version was not used, when it was not
};
ResolvedSemantics resolveCalicoSemantics(const std::optional<CalicoVersion>& requested,
                                         const std::optional<std::string>& detected);

}  // namespace svcadv
