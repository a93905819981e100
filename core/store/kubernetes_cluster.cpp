#include "svcadv/store/kubernetes_cluster.h"

#include "svcadv/model/kinds.h"
#include "svcadv/routes/cluster_simd.h"
#include "svcadv/store/cluster_source.h"

namespace svcadv {

static_assert(kPagePadding >= kClusterTextPadding, "pages are padded for the simdjson reader");

namespace {

// One kind's share of the cluster, kept apart so that a list that starts over (410) forgets
// exactly what it gave.
void moveInto(ClusterState& state, ClusterState& part) {
    auto append = [](auto& into, auto& from) {
        if (into.empty()) {
            into = std::move(from);
            return;
        }
        into.insert(into.end(), std::make_move_iterator(from.begin()),
                    std::make_move_iterator(from.end()));
    };
    append(state.nodes, part.nodes);
    append(state.services, part.services);
    append(state.endpointSlices, part.endpointSlices);
    append(state.coreEndpoints, part.coreEndpoints);
    append(state.bgpConfigurations, part.bgpConfigurations);
    state.ignoredObjects += part.ignoredObjects;
}

}  // namespace

ClusterState loadClusterFromKubernetes(Datastore& store, KubernetesDatastore& lists,
                                       const std::optional<CalicoVersion>& requested) {
    ClusterState state;
    const std::string source = store.description();
    std::optional<std::string> detected;
    if (auto info = store.get({"ClusterInformation", "", "default"})) {
        const json& spec = info->value("spec", json::object());
        if (spec.is_object() && spec.contains("calicoVersion") && spec["calicoVersion"].is_string())
            detected = spec["calicoVersion"].get<std::string>();
        addClusterObject(state, Document{source, "ClusterInformation", std::move(*info)});
    }
    bool coreEndpoints = resolveCalicoSemantics(requested, detected).semantics.endpointSource ==
                         EndpointSource::CoreEndpoints;
    std::vector<std::string> kinds;
    for (const char* kind : kSnapshotKinds) {
        std::string name = kind;
        if (name == "ClusterInformation" || (name == "Endpoints" && !coreEndpoints)) continue;
        if (findKind(name)->calico) {
            for (auto& object : store.list(name))
                addClusterObject(state, Document{source, name, std::move(object)});
            continue;
        }
        kinds.push_back(name);
    }
    std::vector<std::string> apiVersions;
    for (const auto& kind : kinds)
        apiVersions.push_back(findKind(kind)->api.apiVersion());
    std::vector<ClusterState> parts(kinds.size());
    lists.streamLists(
        kinds,
        [&](std::size_t list, std::string_view text) {
            return readClusterListPagePadded(parts[list], text, {kinds[list], apiVersions[list]},
                                             source, lists.server())
                .continueToken;
        },
        [&](std::size_t list) { parts[list] = ClusterState{}; });
    for (auto& part : parts)
        moveInto(state, part);
    return state;
}

}  // namespace svcadv
