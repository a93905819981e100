// etcd mode as calico-node runs it: Calico's kinds (BGPConfiguration, ClusterInformation) live in
// etcd, while Nodes, Services and EndpointSlices come from the Kubernetes API. Every call goes to
// one of two datastores by its kind. The Kubernetes one is opened on first use only, so the
// BGPConfiguration commands in etcd mode never need a kubeconfig.
#pragma once

#include <functional>
#include <memory>

#include "svcadv/model/datastore.h"

namespace svcadv {

class SplitDatastore : public Datastore {
  public:
    // Opens the Kubernetes datastore; throws an Error when it cannot (no kubeconfig).
    using Opener = std::function<std::unique_ptr<Datastore>()>;

    SplitDatastore(std::unique_ptr<Datastore> calico, Opener openKubernetes);

    std::string description() const override;
    std::optional<json> get(const ResourceRef& ref) override;
    std::vector<json> list(const std::string& kind) override;
    std::vector<json> listSelected(const std::string& kind,
                                   const std::string& labelSelector) override;
    json create(const ResourceRef& ref, json object, const WriteOptions& options) override;
    json update(const ResourceRef& ref, json object, const WriteOptions& options) override;
    json remove(const ResourceRef& ref, const WriteOptions& options) override;
    json mergePatch(const ResourceRef& ref, const json& patch,
                    const WriteOptions& options) override;
    std::optional<json> modify(const ResourceRef& ref, const Mutation& mutate,
                               const WriteOptions& options) override;
    // The Calico side's versions (etcd's), plus Kubernetes' when that side is already open: a
    // version query alone never needs a kubeconfig.
    std::optional<json> clusterVersions() override;

    // The Kubernetes side (Nodes, Services, EndpointSlices), opened on first use.
    Datastore& kubernetes();

  private:
    Datastore& storeFor(const std::string& kind);

    std::unique_ptr<Datastore> calico_;
    Opener openKubernetes_;
    std::unique_ptr<Datastore> kubernetes_;
};

}  // namespace svcadv
