// The live cluster of a Kubernetes datastore, as loadClusterFromDatastore gives it, without a tree
// of any list page: ClusterInformation `default` is read first (its calicoVersion, or the requested
// one, decides whether core v1 Endpoints are listed), BGPConfigurations through list() (converted
// from the CRD form), and the lists of Nodes, Services, EndpointSlices (and Endpoints) are fetched
// side by side, each page decoded by routes' simdjson page reader as it arrives, then dropped.
#pragma once

#include <optional>

#include "svcadv/routes/calico_semantics.h"
#include "svcadv/routes/cluster.h"
#include "svcadv/store/kubernetes/kubernetes_datastore.h"

namespace svcadv {

// `store` serves ClusterInformation and BGPConfigurations and names the source in messages;
// `lists` serves the built-in kinds' lists: the same datastore, or in etcd mode the Kubernetes
// side of the SplitDatastore. Duplicates are not removed here (loadClusterFromDatastore does it
// for every source).
ClusterState loadClusterFromKubernetes(Datastore& store, KubernetesDatastore& lists,
                                       const std::optional<CalicoVersion>& requested);

}  // namespace svcadv
