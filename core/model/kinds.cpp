#include "svcadv/model/kinds.h"

#include <algorithm>
#include <cctype>

#include "svcadv/util/error.h"
#include "svcadv/util/strings.h"
#include "svcadv/util/suggest.h"

namespace svcadv {
namespace {

const GroupVersion kCoreV1{"", "v1"};
const GroupVersion kDiscoveryV1{"discovery.k8s.io", "v1"};

std::vector<KindInfo> buildKinds() {
    KindInfo bgpConfiguration{
        .kind = "BGPConfiguration",
        .plural = "bgpconfigurations",
        .singular = "bgpconfiguration",
        .description = "Calico BGPConfiguration",
        .shortNames = {"bgpconfig", "bgpconfigs"},  // calicoctl's
        .api = kCalicoApi,
        .calico = true,
        .managed = true,
        .clusterInput = true,
        .columns = {{"NAME", ".metadata.name"},
                    {"ASNUMBER", ".spec.asNumber"},
                    {"MESH", ".spec.nodeToNodeMeshEnabled"},
                    {"CLUSTER-IPS", ".spec.serviceClusterIPs[*].cidr"},
                    {"EXTERNAL-IPS", ".spec.serviceExternalIPs[*].cidr"},
                    {"LOADBALANCER-IPS", ".spec.serviceLoadBalancerIPs[*].cidr"}},
        .wideColumns = {{"LOGSEVERITY", ".spec.logSeverityScreen"},
                        {"LB-AGGREGATION", ".spec.serviceLoadBalancerAggregation"},
                        {"LISTENPORT", ".spec.listenPort"}},
        .names = NameSource::Datastore,
    };
    // The Kubernetes kinds preview-routes reads; kubectl's short names.
    KindInfo node{.kind = "Node",
                  .plural = "nodes",
                  .singular = "node",
                  .description = "Kubernetes Node",
                  .shortNames = {"no"},
                  .api = kCoreV1,
                  .clusterInput = true,
                  .names = NameSource::ClusterInput};
    KindInfo service{.kind = "Service",
                     .plural = "services",
                     .singular = "service",
                     .description = "Kubernetes Service",
                     .shortNames = {"svc"},
                     .namespaced = true,
                     .api = kCoreV1,
                     .clusterInput = true,
                     .names = NameSource::ClusterInput};
    KindInfo endpointSlice{.kind = "EndpointSlice",
                           .plural = "endpointslices",
                           .singular = "endpointslice",
                           .description = "Kubernetes EndpointSlice",
                           .namespaced = true,
                           .api = kDiscoveryV1,
                           .clusterInput = true};
    // Calico up to 3.30 reads core v1 Endpoints instead of EndpointSlices.
    KindInfo endpoints{.kind = "Endpoints",
                       .plural = "endpoints",
                       .singular = "endpoints",
                       .description = "Kubernetes Endpoints",
                       .shortNames = {"ep"},
                       .namespaced = true,
                       .api = kCoreV1,
                       .clusterInput = true};
    // `version` reads ClusterInformation `default` for the Calico version, as calicoctl does;
    // preview-routes for the route rules of that release.
    KindInfo clusterInformation{.kind = "ClusterInformation",
                                .plural = "clusterinformations",
                                .singular = "clusterinformation",
                                .description = "Calico ClusterInformation",
                                .shortNames = {"clusterinfo", "clusterinfos"},
                                .api = kCalicoApi,
                                .calico = true,
                                .clusterInput = true};
    return {bgpConfiguration, node, service, endpointSlice, endpoints, clusterInformation};
}

bool answersTo(const KindInfo& info, const std::string& name) {
    std::vector<std::string> names = info.shortNames;
    for (const std::string& base : {info.singular, info.plural}) {
        names.push_back(base);
        if (!info.api.group.empty()) names.push_back(base + "." + info.api.group);
    }
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Suggestions come from the kinds the command accepts: proposing `node` to a write that refuses
// nodes would only lead to a second refusal.
Error unsupported(const std::string& typed, bool managedOnly = false) {
    std::vector<std::string> names;
    for (const auto& info : allKinds()) {
        if (managedOnly && !info.managed) continue;
        names.push_back(info.singular);
        names.push_back(info.plural);
        names.insert(names.end(), info.shortNames.begin(), info.shortNames.end());
    }
    return usageError("resource type '" + typed + "' is not supported" +
                      didYouMeanInline(toLower(typed), names));
}

}  // namespace

std::string GroupVersion::apiVersion() const {
    return group.empty() ? version : group + "/" + version;
}

const std::vector<KindInfo>& allKinds() {
    static const std::vector<KindInfo> kinds = buildKinds();
    return kinds;
}

const KindInfo& resolveKindAlias(const std::string& typed) {
    std::string name = toLower(typed);
    for (const auto& info : allKinds()) {
        if (answersTo(info, name)) return info;
    }
    throw unsupported(typed);
}

const KindInfo& resolveManagedKind(const std::string& typed) {
    const KindInfo& info = resolveKindAlias(typed);
    if (!info.managed) throw unsupported(typed, true);
    return info;
}

const KindInfo* findKind(const std::string& kind) {
    for (const auto& info : allKinds()) {
        if (info.kind == kind) return &info;
    }
    return nullptr;
}

const KindInfo& kindInfo(const std::string& kind) {
    if (const KindInfo* info = findKind(kind)) return *info;
    throw Error(ExitCode::Other, "internal error: kind " + kind + " is not in the registry");
}

}  // namespace svcadv
