// The Kubernetes datastore: Calico's kinds in crd.projectcalico.org/v1 (converted to and from v3)
// or projectcalico.org/v3, and nodes, services and endpoint slices from their Kubernetes APIs, at
// the paths the kind registry (model/kinds.h) gives. Lists are paginated (500 per page) and
// restart when a continue token expires (410).
#pragma once

#include <memory>

#include "svcadv/model/datastore.h"
#include "svcadv/model/datastore_config.h"
#include "svcadv/model/kinds.h"
#include "svcadv/store/kubernetes/kube_client.h"
#include "svcadv/store/kubernetes/list_pager.h"

namespace svcadv {

class KubernetesDatastore : public Datastore {
  public:
    // `apiGroup`: "crd.projectcalico.org/v1" or "projectcalico.org/v3"; empty: discover it with
    // one GET /apis when a BGPConfiguration is first needed.
    KubernetesDatastore(std::unique_ptr<KubeClient> client, std::string apiGroup);

    std::string description() const override;
    // The server as messages name it (without user information).
    const std::string& server() const { return client_->server(); }
    std::optional<json> get(const ResourceRef& ref) override;
    std::vector<json> list(const std::string& kind) override;
    // The server selects (?labelSelector=), as kubectl -l has it do.
    std::vector<json> listSelected(const std::string& kind,
                                   const std::string& labelSelector) override;
    json create(const ResourceRef& ref, json object, const WriteOptions& options) override;
    json update(const ResourceRef& ref, json object, const WriteOptions& options) override;
    json remove(const ResourceRef& ref, const WriteOptions& options) override;
    std::optional<json> clusterVersions() override;
    json mergePatch(const ResourceRef& ref, const json& patch,
                    const WriteOptions& options) override;

    // Every page of the lists of `kinds` (built-in kinds: their items come as the API serves
    // them), fetched side by side over KubeMultiTransport within one --request-timeout; each page
    // goes to `onPage` (index into `kinds`) as it arrives and is dropped after. Nothing is sorted
    // or converted: the caller decodes.
    void streamLists(const std::vector<std::string>& kinds, const PageHandler& onPage,
                     const ListRestart& onRestart);

    static constexpr int kPageSize = 500;

  private:
    bool crdGroup();                    // discovers the group on first use
    GroupVersion calicoGroupVersion();  // the one this cluster serves Calico's kinds in
    // Every page of a list, within one --request-timeout; a repeated continue token is an error.
    std::vector<json> listQuery(const std::string& kind, const std::string& labelSelector);
    std::string collectionPath(const ResourceRef& ref);
    std::string itemPath(const ResourceRef& ref);
    json toStored(const ResourceRef& ref, json object);
    json fromStored(const std::string& kind, json object);

    std::unique_ptr<KubeClient> client_;
    std::string apiGroup_;
};

}  // namespace svcadv
