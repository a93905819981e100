#include "svcadv/store/split_datastore.h"

#include "svcadv/model/kinds.h"
#include "svcadv/util/error.h"

namespace svcadv {

SplitDatastore::SplitDatastore(std::unique_ptr<Datastore> calico, Opener openKubernetes)
    : calico_(std::move(calico)), openKubernetes_(std::move(openKubernetes)) {}

std::string SplitDatastore::description() const {
    return calico_->description() + ", with Nodes, Services and EndpointSlices from " +
           (kubernetes_ ? kubernetes_->description() : std::string("the Kubernetes API"));
}

Datastore& SplitDatastore::storeFor(const std::string& kind) {
    // Kinds outside the registry go to the Calico side, which says it does not know them.
    const KindInfo* info = findKind(kind);
    if (info == nullptr || info->calico) return *calico_;
    return kubernetes();
}

Datastore& SplitDatastore::kubernetes() {
    if (kubernetes_) return *kubernetes_;
    try {
        kubernetes_ = openKubernetes_();
    } catch (const Error& e) {
        // The underlying reason (usually "no kubeconfig found") keeps its exit code: 5 when
        // nothing is configured, 3 for a kubeconfig that cannot be read.
        throw Error(e.code(),
                    "Nodes, Services and EndpointSlices come from the Kubernetes API in etcd mode "
                    "(etcd holds only Calico resources), and no kubeconfig was usable: " +
                        std::string(e.what()) +
                        ". Or use --from FILE|DIR with a `kubectl get nodes,svc,endpointslices "
                        "-A -o json` dump or a snapshot");
    }
    return *kubernetes_;
}

std::optional<json> SplitDatastore::get(const ResourceRef& ref) {
    return storeFor(ref.kind).get(ref);
}

std::vector<json> SplitDatastore::list(const std::string& kind) {
    return storeFor(kind).list(kind);
}

std::vector<json> SplitDatastore::listSelected(const std::string& kind,
                                               const std::string& labelSelector) {
    return storeFor(kind).listSelected(kind, labelSelector);
}

json SplitDatastore::create(const ResourceRef& ref, json object, const WriteOptions& options) {
    return storeFor(ref.kind).create(ref, std::move(object), options);
}

json SplitDatastore::update(const ResourceRef& ref, json object, const WriteOptions& options) {
    return storeFor(ref.kind).update(ref, std::move(object), options);
}

json SplitDatastore::remove(const ResourceRef& ref, const WriteOptions& options) {
    return storeFor(ref.kind).remove(ref, options);
}

json SplitDatastore::mergePatch(const ResourceRef& ref, const json& patch,
                                const WriteOptions& options) {
    return storeFor(ref.kind).mergePatch(ref, patch, options);
}

std::optional<json> SplitDatastore::modify(const ResourceRef& ref, const Mutation& mutate,
                                           const WriteOptions& options) {
    return storeFor(ref.kind).modify(ref, mutate, options);
}

std::optional<json> SplitDatastore::clusterVersions() {
    auto versions = calico_->clusterVersions();
    if (!kubernetes_) return versions;
    // Only Kubernetes' own version: Calico's is the one etcd holds.
    auto fromKubernetes = kubernetes_->clusterVersions();
    if (!fromKubernetes || !fromKubernetes->contains("kubernetes")) return versions;
    json merged = versions.value_or(json::object());
    merged["kubernetes"] = (*fromKubernetes)["kubernetes"];
    return merged;
}

}  // namespace svcadv
