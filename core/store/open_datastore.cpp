#include "svcadv/store/open_datastore.h"

#include <cstdlib>
#include <filesystem>

#include "svcadv/model/calico_crd.h"
#include "svcadv/store/cluster_source.h"
#include "svcadv/store/etcd/etcd_datastore.h"
#include "svcadv/store/file/file_datastore.h"
#include "svcadv/store/kubernetes/kubernetes_datastore.h"
#include "svcadv/store/split_datastore.h"
#include "svcadv/sys/environment.h"
#include "svcadv/sys/files.h"
#include "svcadv/util/error.h"

namespace svcadv {

std::optional<json> loadCalicoctlConfig(const std::string& explicitPath) {
    std::string path = explicitPath.empty() ? "/etc/calico/calicoctl.cfg" : explicitPath;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        if (explicitPath.empty()) return std::nullopt;
        throw usageError("--config: " + path + ": no such file");
    }
    std::string text;
    try {
        text = readTextFile(path);
    } catch (const Error& e) {
        throw usageError(std::string("--config: ") + e.what());
    }
    json config = parseValue(text, path);
    if (!config.is_object() || config.value("kind", "") != "CalicoAPIConfig") {
        throw invalidInput(path + ": expected a CalicoAPIConfig document");
    }
    return config;
}

namespace {

std::unique_ptr<Datastore> openKubernetesDatastore(const DatastoreSettings& settings) {
    EnvironmentLookup env = processEnvironment();
    KubeConnection connection = resolveKubeConnection(settings, env, readTextFileIfExists);
    std::string group = calicoEnv(env, "API_GROUP").value_or("");
    if (!group.empty() && group != kCalicoCrd.apiVersion() && group != kCalicoApi.apiVersion())
        throw usageError(
            "CALICO_API_GROUP: expected crd.projectcalico.org/v1 or "
            "projectcalico.org/v3, got '" +
            group + "'");
    auto client = std::make_unique<KubeClient>(std::move(connection), settings.requestTimeout);
    return std::make_unique<KubernetesDatastore>(std::move(client), group);
}

}  // namespace

std::unique_ptr<Datastore> openDatastore(const DatastoreSettings& settings) {
    if (settings.type == "file") return std::make_unique<FileDatastore>(settings.dataDir);
    if (settings.type == "kubernetes") return openKubernetesDatastore(settings);
    // resolveDatastoreSettings admits no other type. In etcd mode, as calico-node runs it, Calico's
    // kinds are in etcd and Nodes, Services and EndpointSlices in the Kubernetes API, opened only
    // when a command reads them.
    EtcdConnection connection = resolveEtcdConnection(settings, processEnvironment());
    auto client = std::make_unique<EtcdClient>(std::move(connection), settings.requestTimeout);
    return std::make_unique<SplitDatastore>(
        std::make_unique<EtcdDatastore>(std::move(client)),
        [settings] { return openKubernetesDatastore(settings); });
}

}  // namespace svcadv
