// Where preview-routes and snapshot get the cluster from: `--from` files and directories, or the
// active datastore. (I/O; the decoding itself is the pure cluster.h.)
#pragma once

#include <string>
#include <vector>

#include "svcadv/model/datastore.h"
#include "svcadv/routes/calico_semantics.h"
#include "svcadv/routes/cluster.h"
#include "svcadv/sys/files.h"

namespace svcadv {

// The files a --from path stands for: the file itself, or every *.yaml, *.yml and *.json file
// under a directory (recursively, sorted, hidden files and folders skipped).
std::vector<std::string> expandInputPaths(const std::vector<std::string>& paths);

// Every object of every --from path, duplicates (same kind, namespace and name) reduced to the
// last one read, Services defaulted as an API server would (service_defaults.h). `progress` is
// told the running object count.
ClusterState loadClusterFromPaths(const std::vector<std::string>& paths,
                                  const ObjectProgress& progress = {});

// The nodes, services, endpoint slices and BGPConfigurations of a datastore, and the Calico
// version of its ClusterInformation `default`. Core v1 Endpoints are listed too when the route
// rules that apply (`requested`, else the detected version) read them (Calico up to 3.30).
// Services of the file datastore (a local snapshot, never through an API server) are defaulted
// as for --from.
ClusterState loadClusterFromDatastore(Datastore& store,
                                      const std::optional<CalicoVersion>& requested = {});

// The kinds a snapshot holds, in the order they are captured. Endpoints and ClusterInformation
// `default` are read from a live source only as loadClusterFromDatastore reads them.
inline constexpr const char* kSnapshotKinds[] = {
    "BGPConfiguration", "Node", "Service", "EndpointSlice", "Endpoints", "ClusterInformation"};

struct SnapshotReport {
    std::size_t written = 0;
    std::size_t skipped = 0;  // objects of other kinds in the inputs
    std::vector<std::pair<std::string, std::size_t>>
        perKind;  // kind -> count, kSnapshotKinds order
};

// Writes the objects of the snapshot kinds (from --from paths, or from `source` when `paths` is
// empty) into `directory` in the file datastore layout, without managedFields (as kubectl shows
// objects). Everything is read and checked before the first file is written.
SnapshotReport saveSnapshot(const std::string& directory, const std::vector<std::string>& paths,
                            Datastore* source);

}  // namespace svcadv
