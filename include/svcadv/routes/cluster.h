// The cluster state route advertisement depends on, in compact form: only the fields
// route-advertisement.md names, so a 5,000-node, 50,000-service snapshot fits in little memory.
// Built-in kinds are decoded leniently (unknown fields ignored), but a field svcadv uses with the
// wrong type is an error naming the document and the field.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "svcadv/model/bgpconfig.h"
#include "svcadv/util/document.h"

namespace svcadv {

inline constexpr const char* kExcludeLabel =
    "node.kubernetes.io/exclude-from-external-load-balancers";
inline constexpr const char* kServiceNameLabel = "kubernetes.io/service-name";

struct NodeInfo {
    std::string name;
    std::optional<std::string> excludeLabel;  // the exclude label's value, when the label is set
    // Calico excludes on the exact value "true" only.
    bool excluded() const { return excludeLabel && *excludeLabel == "true"; }
};

struct ServiceInfo {
    std::string namespace_;
    std::string name;
    std::string type;                     // as written; empty means ClusterIP
    std::string clusterIP;                // spec.clusterIP
    std::vector<std::string> clusterIPs;  // spec.clusterIPs (may be empty: then clusterIP counts)
    std::vector<std::string> ipFamilies;  // "IPv4", "IPv6"
    std::vector<std::string> externalIPs;
    std::string loadBalancerIP;           // spec.loadBalancerIP (never advertised, see rule 4)
    std::string externalTrafficPolicy;    // as written
    std::vector<std::string> ingressIPs;  // status.loadBalancer.ingress[].ip, hostname-only skipped
    // What service_defaults.h filled in as the API server would on create ("type: ClusterIP");
    // empty for a service read from an API server.
    std::vector<std::string> defaulted = {};
    std::string key() const { return namespace_ + "/" + name; }
};

struct EndpointInfo {
    std::string nodeName;         // empty when the endpoint names no node
    bool ready = true;            // false only when conditions.ready is explicitly false
    std::optional<bool> serving;  // conditions.serving; unset: as ready (the API's rule)
    bool terminating = false;     // conditions.terminating
    bool isServing() const { return serving.value_or(ready); }
};

struct EndpointSliceInfo {
    std::string namespace_;
    std::string name;
    std::string serviceName;  // label kubernetes.io/service-name; empty: belongs to no service
    std::string addressType;  // IPv4, IPv6, FQDN
    std::vector<EndpointInfo> endpoints;
};

// A core v1 Endpoints object (calico-node up to 3.30 reads these instead of EndpointSlices): its
// ready addresses (subsets[].addresses; notReadyAddresses are never read).
struct EndpointsAddressInfo {
    std::string ip;
    std::string nodeName;  // empty when the address names no node
};
struct EndpointsInfo {
    std::string namespace_;
    std::string name;  // the service's name
    std::vector<EndpointsAddressInfo> readyAddresses;
};

// A BGPConfiguration as read, with where it came from (for messages about it).
struct SourcedBgpConfiguration {
    BGPConfiguration resource;
    std::string origin;
};

struct ClusterState {
    std::vector<SourcedBgpConfiguration> bgpConfigurations;
    std::vector<NodeInfo> nodes;
    std::vector<ServiceInfo> services;
    std::vector<EndpointSliceInfo> endpointSlices;
    std::vector<EndpointsInfo> coreEndpoints;  // v1 Endpoints, read for Calico up to 3.30
    // ClusterInformation `default` spec.calicoVersion, when the input holds it.
    std::optional<std::string> calicoVersion;
    std::size_t ignoredObjects = 0;  // objects of other kinds (Pods, Deployments, ...)

    // The configuration named `default`, the only one service advertisement reads.
    const BGPConfiguration* defaultBgpConfiguration() const;
};

// A proposed configuration in place of the stored `default`. Throws InvalidInput naming `origin`
// when the proposal is named otherwise (no other name drives service advertisement).
void proposeDefaultBgpConfiguration(ClusterState& state, BGPConfiguration proposed,
                                    const std::string& origin);

// Adds one object (any kind) to the state. Kinds other than the four above are counted and skipped.
// A document that is not an object, has no kind, or has a used field of the wrong type throws
// InvalidInput "<origin>: <field>: <problem>". A BGPConfiguration is decoded strictly (it is
// Calico's resource: an unknown field is a typo) but not validated: what a cluster stores is what
// calico-node acts on.
void addClusterObject(ClusterState& state, const Document& document);

// Adds every object of a text (YAML documents or JSON, List members one by one). JSON is decoded as
// a stream straight into the compact structs: a 100 MB `kubectl get -A -o json` dump never exists
// as a tree, and only objects of other API groups (BGPConfigurations) are built as one.
// `progress`, when set, is told the count of objects read so far after each one.
using ObjectProgress = std::function<void(std::size_t objectsRead)>;
void readClusterObjects(ClusterState& state, std::string_view text, const std::string& source,
                        const ObjectProgress& progress = {});

// Reading a second copy of an object (the same snapshot given twice, a directory and a dump of
// it) replaces the first instead of counting it twice. Call once after all objects were added.
void removeDuplicateObjects(ClusterState& state);

}  // namespace svcadv
