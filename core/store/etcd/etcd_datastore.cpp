#include "svcadv/store/etcd/etcd_datastore.h"

#include "svcadv/store/etcd/etcd_protocol.h"
#include "svcadv/sys/clock.h"
#include "svcadv/util/error.h"
#include "svcadv/util/uuid.h"

namespace svcadv {
namespace {

// calico-node in etcd mode reads these from the Kubernetes API; etcd does not hold them. In the
// CLI, SplitDatastore sends them there; this datastore alone refuses them.
bool isKubernetesKind(const std::string& kind) {
    return kind == "Node" || kind == "Service" || kind == "EndpointSlice";
}

[[noreturn]] void throwKubernetesKind(const std::string& kind) {
    throw Error(ExitCode::Unreachable,
                kind +
                    "s come from the Kubernetes API, not from etcd: the etcdv3 datastore "
                    "holds only Calico resources (in etcd mode svcadv reads Kubernetes "
                    "objects through a kubeconfig). Use --from FILE|DIR with a `kubectl get "
                    "nodes,svc,endpointslices -A -o json` dump or a snapshot");
}

std::string versionOf(const json& object) {
    return object.value("metadata", json::object()).value("resourceVersion", "");
}

}  // namespace

EtcdDatastore::EtcdDatastore(std::unique_ptr<EtcdTransport> transport, long pageSize)
    : transport_(std::move(transport)), pageSize_(pageSize) {}

std::string EtcdDatastore::description() const {
    return "etcdv3 datastore at " + transport_->endpoints();
}

std::optional<etcd::KeyValue> EtcdDatastore::read(const std::string& key) {
    auto page = etcd::parseRange(transport_->call("/v3/kv/range", etcd::rangeRequest(key)));
    if (page.kvs.empty()) return std::nullopt;
    return page.kvs.front();
}

std::optional<json> EtcdDatastore::get(const ResourceRef& ref) {
    if (isKubernetesKind(ref.kind)) throwKubernetesKind(ref.kind);
    auto kv = read(etcd::keyFor(ref));
    if (!kv) return std::nullopt;
    return etcd::objectFromStored(ref.kind, *kv);
}

std::vector<json> EtcdDatastore::list(const std::string& kind) {
    if (isKubernetesKind(kind)) throwKubernetesKind(kind);
    std::string prefix = etcd::keyPrefix(kind);
    std::string end = etcd::prefixRangeEnd(prefix);
    // Page by page, each starting after the last key of the one before. Keys come sorted, and
    // the name is the key's last segment, so the list comes out sorted by name.
    std::vector<json> items;
    std::string from = prefix;
    for (;;) {
        auto page = etcd::parseRange(
            transport_->call("/v3/kv/range", etcd::rangeRequest(from, end, pageSize_)));
        for (const auto& kv : page.kvs) {
            // Only direct children: <prefix><name>, never a deeper key someone else put there.
            if (kv.key.find('/', prefix.size()) != std::string::npos) continue;
            items.push_back(etcd::objectFromStored(kind, kv));
        }
        if (!page.more || page.kvs.empty()) return items;
        from = etcd::keyAfter(page.kvs.back().key);
    }
}

json EtcdDatastore::create(const ResourceRef& ref, json object, const WriteOptions& options) {
    std::string key = etcd::keyFor(ref);
    json& meta = object["metadata"];
    meta.erase("resourceVersion");
    // calicoctl (libcalico-go's client) gives a new object its uid and creationTimestamp before
    // it writes, so the stored value carries them.
    if (!meta.contains("uid")) meta["uid"] = newUuid();
    if (!meta.contains("creationTimestamp")) meta["creationTimestamp"] = nowRfc3339();
    if (options.writesNothing()) {
        // etcd has no dry run: check that the name is free, as the write would.
        if (read(key)) throw alreadyExists(ref.kind, ref.name);
        return object;
    }
    json answer = transport_->call("/v3/kv/txn", etcd::createTxn(key, etcd::storedValue(object)));
    if (!etcd::txnSucceeded(answer)) throw alreadyExists(ref.kind, ref.name);
    meta["resourceVersion"] = etcd::txnRevision(answer);
    return object;
}

json EtcdDatastore::update(const ResourceRef& ref, json object, const WriteOptions& options) {
    std::string key = etcd::keyFor(ref);
    auto current = read(key);
    if (!current) throw notFound(ref.kind, ref.name);
    // Without a resourceVersion the update is unconditional: guard it with the one just read.
    std::string expected = versionOf(object);
    if (expected.empty()) expected = current->modRevision;
    if (expected != current->modRevision) throw updateConflict(ref.kind, ref.name);
    json& meta = object["metadata"];
    json was = etcd::objectFromStored(ref.kind, *current)["metadata"];
    for (const char* kept : {"uid", "creationTimestamp"}) {
        if (was.contains(kept)) meta[kept] = was[kept];
    }
    if (options.writesNothing()) return object;
    json answer =
        transport_->call("/v3/kv/txn", etcd::updateTxn(key, etcd::storedValue(object), expected));
    if (!etcd::txnSucceeded(answer)) {
        if (etcd::txnFailureKvs(answer).empty()) throw notFound(ref.kind, ref.name);
        throw updateConflict(ref.kind, ref.name);
    }
    meta["resourceVersion"] = etcd::txnRevision(answer);
    return object;
}

json EtcdDatastore::remove(const ResourceRef& ref, const WriteOptions& options) {
    std::string key = etcd::keyFor(ref);
    auto current = read(key);
    // The delete is guarded by the revision read, so what it returns is exactly what it deleted;
    // when another writer got in between, read again.
    for (Retrier retrier(conflictRetryPolicy(), retryEnvironment_);;) {
        if (!current) throw notFound(ref.kind, ref.name);
        json object = etcd::objectFromStored(ref.kind, *current);
        if (options.writesNothing()) return object;
        json answer = transport_->call("/v3/kv/txn", etcd::deleteTxn(key, current->modRevision));
        if (etcd::txnSucceeded(answer)) return object;
        if (!retrier.backOff()) throw updateConflict(ref.kind, ref.name);
        auto kvs = etcd::txnFailureKvs(answer);
        current = kvs.empty() ? std::nullopt : std::optional<etcd::KeyValue>(kvs.front());
    }
}

std::optional<json> EtcdDatastore::clusterVersions() {
    json out = json::object();
    out["etcd"] = transport_->call("/v3/maintenance/status", json::object()).value("version", "");
    // Calico keeps its version in ClusterInformation default, as on Kubernetes.
    if (auto info = get({"ClusterInformation", "", "default"})) {
        json spec = info->value("spec", json::object());
        if (spec.contains("calicoVersion")) out["calico"] = spec["calicoVersion"];
    }
    return out;
}

}  // namespace svcadv
