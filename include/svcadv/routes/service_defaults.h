// Kubernetes' Service defaulting, for Services that never went through an API server
// (hand-written manifests, `kubectl create --dry-run=client -o yaml`, Helm output). calico-node
// reads the raw fields the API server fills in on create: a Service without `ipFamilies` matches
// no EndpointSlice, one without `clusterIPs` has no cluster-IP route. Defaulting them first makes
// the preview answer "what happens once I apply this". Objects read from an API server are
// already defaulted and never pass through here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "svcadv/routes/cluster.h"
#include "svcadv/routes/route_plan.h"

namespace svcadv {

// Fills in what the API server would on create, in its order: `type` "" -> ClusterIP
// (SetDefaults_Service); `clusterIPs` from `clusterIP` (the registry's normalizeClusterIPs);
// `ipFamilies` from the families of `clusterIPs` (initIPFamilyFields, ClusterIP, NodePort and
// LoadBalancer only); `externalTrafficPolicy` -> Cluster on an externally accessible service
// (NodePort, LoadBalancer, or ClusterIP with externalIPs). Returns one line per field it set
// ("type: ClusterIP"), plus one for a clusterIP the API server would allocate (which the preview
// cannot know); empty when the service needed nothing.
std::vector<std::string> defaultService(ServiceInfo& service);

// defaultService on every service of the state, recording each one's lines in
// ServiceInfo::defaulted. Returns how many services it changed or annotated.
std::size_t applyServiceDefaults(ClusterState& state);

// The warning that counts the services defaulted (nullopt: none was).
std::optional<PreviewWarning> serviceDefaultsWarning(const ClusterState& state);

}  // namespace svcadv
