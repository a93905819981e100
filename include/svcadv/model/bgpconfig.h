// The BGPConfiguration resource (projectcalico.org/v3) and its strict decoding.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "svcadv/model/field_error.h"
#include "svcadv/util/document.h"

namespace svcadv {

inline constexpr const char* kCalicoApiVersion = "projectcalico.org/v3";
inline constexpr const char* kBgpConfigurationKind = "BGPConfiguration";

struct ObjectMeta {
    std::string name;
    std::string namespace_;
    std::string resourceVersion;
    std::string uid;
    std::string creationTimestamp;
    std::optional<std::int64_t> generation;
    std::map<std::string, std::string> labels;
    std::map<std::string, std::string> annotations;
    json preserved = json::object();  // other ObjectMeta fields (finalizers, ...) kept verbatim
};

// One entry of serviceClusterIPs / serviceExternalIPs / serviceLoadBalancerIPs, as written.
// An empty cidr is legal in Calico and ignored.
struct ServiceCidr {
    std::string cidr;
};

struct Community {
    std::string name;
    std::string value;
};

struct PrefixAdvertisement {
    std::string cidr;
    std::vector<std::string> communities;
    // `communities` was absent, which Calico's validation refuses (an empty list it accepts).
    bool communitiesOmitted = false;
};

struct SecretKeyRef {
    std::string name;
    std::string key;
    std::optional<bool> optional;
};

// Every field is optional: "unset" and "set to the default" differ for default-only checks and
// must survive a round trip unchanged.
struct BGPConfigurationSpec {
    std::optional<std::string> logSeverityScreen;
    std::optional<bool> nodeToNodeMeshEnabled;
    std::optional<std::uint32_t> asNumber;
    std::optional<std::vector<ServiceCidr>> serviceClusterIPs;
    std::optional<std::vector<ServiceCidr>> serviceExternalIPs;
    std::optional<std::vector<ServiceCidr>> serviceLoadBalancerIPs;
    std::optional<std::string> serviceLoadBalancerAggregation;
    std::optional<std::vector<Community>> communities;
    std::optional<std::vector<PrefixAdvertisement>> prefixAdvertisements;
    std::optional<std::int64_t> listenPort;
    std::optional<SecretKeyRef> nodeMeshPassword;
    std::optional<std::string> nodeMeshMaxRestartTime;
    std::optional<std::string> bindMode;
    std::optional<std::vector<std::string>> ignoredInterfaces;
    std::optional<std::string> localWorkloadPeeringIPV4;
    std::optional<std::string> localWorkloadPeeringIPV6;
    std::optional<std::string> programClusterRoutes;
    std::optional<std::int64_t> ipv4NormalRoutePriority;
    std::optional<std::int64_t> ipv6NormalRoutePriority;
};

struct BGPConfiguration {
    ObjectMeta metadata;
    BGPConfigurationSpec spec;
};

// The three service CIDR lists, by their JSON field name, in a fixed order.
enum class ServiceCidrList { ClusterIPs, ExternalIPs, LoadBalancerIPs };
const char* fieldName(ServiceCidrList list);  // "serviceClusterIPs", ...
std::optional<std::vector<ServiceCidr>>& cidrList(BGPConfigurationSpec& spec, ServiceCidrList list);
const std::optional<std::vector<ServiceCidr>>& cidrList(const BGPConfigurationSpec& spec,
                                                        ServiceCidrList list);
inline constexpr ServiceCidrList kServiceCidrLists[] = {
    ServiceCidrList::ClusterIPs, ServiceCidrList::ExternalIPs, ServiceCidrList::LoadBalancerIPs};

struct DecodeResult {
    std::optional<BGPConfiguration>
        resource;                    // unset when the body or its metadata is not an object
    std::vector<FieldError> errors;  // unknown fields and wrong types, all of them
};

// Strict decoding: unknown fields anywhere and wrong types are errors; asNumber accepts an integer,
// a plain string ("65000") or dotted form ("1.10").
DecodeResult decodeBgpConfiguration(const json& body);

// The v3 object with stable (sorted) keys; asNumber always an integer; empty lists omitted.
json encodeBgpConfiguration(const BGPConfiguration& resource);

// Parses an AS number in any accepted form; nullopt when it is not one.
std::optional<std::uint32_t> parseAsNumber(const json& value);

}  // namespace svcadv
