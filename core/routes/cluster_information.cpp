// ClusterInformation in a cluster's objects: the Calico version its calico-node runs, which
// decides the route rules the preview applies (calico_semantics.h).
#include "cluster_capture.h"
#include "svcadv/util/error.h"

namespace svcadv::detail {

void readClusterInformation(ClusterState& state, const Document& where, const json& tree) {
    const json* metadata =
        tree.is_object() && tree.contains("metadata") ? &tree["metadata"] : nullptr;
    bool isDefault = metadata && metadata->is_object() && metadata->contains("name") &&
                     (*metadata)["name"] == "default";
    if (!isDefault) {
        ++state.ignoredObjects;  // only `default` carries the cluster's version
        return;
    }
    const json& spec = tree.contains("spec") ? tree["spec"] : json();
    if (!spec.is_object() || !spec.contains("calicoVersion") || spec["calicoVersion"].is_null())
        return;
    if (!spec["calicoVersion"].is_string())
        throw invalidInput(where.origin() + ": spec.calicoVersion: expected a string");
    state.calicoVersion = spec["calicoVersion"].get<std::string>();
}

}  // namespace svcadv::detail
