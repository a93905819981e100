// The etcdv3 datastore (storage.md): BGPConfigurations under
// /calico/resources/v3/projectcalico.org/bgpconfigurations/<name>, resourceVersion = the key's
// mod_revision, creates and updates as transactions guarded by the key's revision, so a stale
// writer gets a ConflictError and Datastore::modify re-reads, re-applies and retries. Nodes,
// Services and EndpointSlices are not in etcd: they live in the Kubernetes API.
#pragma once

#include <memory>

#include "svcadv/model/datastore.h"
#include "svcadv/store/etcd/etcd_client.h"
#include "svcadv/store/etcd/etcd_protocol.h"

namespace svcadv {

class EtcdDatastore : public Datastore {
  public:
    explicit EtcdDatastore(std::unique_ptr<EtcdTransport> transport, long pageSize = kPageSize);

    std::string description() const override;
    std::optional<json> get(const ResourceRef& ref) override;
    std::vector<json> list(const std::string& kind) override;
    json create(const ResourceRef& ref, json object, const WriteOptions& options) override;
    json update(const ResourceRef& ref, json object, const WriteOptions& options) override;
    json remove(const ResourceRef& ref, const WriteOptions& options) override;
    // {"etcd": "3.4.23"}, and "calico" when ClusterInformation default is stored.
    std::optional<json> clusterVersions() override;

    static constexpr long kPageSize = 500;

  private:
    std::optional<etcd::KeyValue> read(const std::string& key);

    std::unique_ptr<EtcdTransport> transport_;
    long pageSize_;
};

}  // namespace svcadv
