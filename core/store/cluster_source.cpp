#include "svcadv/store/cluster_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>

#include "svcadv/model/calico_crd.h"
#include "svcadv/model/kinds.h"
#include "svcadv/routes/cluster_simd.h"
#include "svcadv/routes/service_defaults.h"
#include "svcadv/store/file/file_datastore.h"
#include "svcadv/store/kubernetes_cluster.h"
#include "svcadv/store/snapshot_directory.h"
#include "svcadv/store/split_datastore.h"
#include "svcadv/sys/files.h"
#include "svcadv/sys/padded_file.h"
#include "svcadv/util/error.h"
#include "svcadv/util/json_list_stream.h"

namespace fs = std::filesystem;

namespace svcadv {
namespace {

bool isManifest(const fs::path& path) {
    std::string ext = path.extension().string();
    return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

// The one place a loaded cluster is finished: second copies dropped, and Services that never went
// through an API server (files, or a local snapshot of files) defaulted as it would on create.
// Objects an API server returned are already defaulted.
void finishLoading(ClusterState& state, bool fromApiServer) {
    removeDuplicateObjects(state);
    if (!fromApiServer) applyServiceDefaults(state);
}

}  // namespace

std::vector<std::string> expandInputPaths(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const auto& path : paths) {
        std::error_code ec;
        if (path == "-" || !fs::is_directory(path, ec)) {
            if (path != "-" && !fs::exists(path, ec))
                throw invalidInput("--from " + path + ": no such file or directory");
            files.push_back(path);
            continue;
        }
        std::vector<std::string> found;
        for (auto it = fs::recursive_directory_iterator(path, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (isHiddenPath(it->path().string())) {
                if (it->is_directory()) it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file() && isManifest(it->path()))
                found.push_back(it->path().string());
        }
        if (ec) throw invalidInput("--from " + path + ": " + ec.message());
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

ClusterState loadClusterFromPaths(const std::vector<std::string>& paths,
                                  const ObjectProgress& progress) {
    ClusterState state;
    std::size_t before = 0;
    for (const auto& file : expandInputPaths(paths)) {
        PaddedFile input = PaddedFile::open(file, kClusterTextPadding);
        std::size_t base = before;
        readClusterObjectsPadded(
            state, input.text(), displayName(file),
            [&](std::size_t count) {
                before = base + count;
                if (progress) progress(before);
            },
            [&](std::size_t offset) { input.releaseBefore(offset); });
    }
    finishLoading(state, false);
    return state;
}

namespace {

// The objects of the snapshot kinds a live source holds, each given to `visit` with its kind:
// ClusterInformation `default` only (calico reads no other), and Endpoints only when the route
// rules in force read them: listing every Endpoints object of a large cluster is not free. The
// file datastore hands its files over one by one, never holding every tree of a kind.
void forEachLiveClusterObject(Datastore& store, const std::optional<CalicoVersion>& requested,
                              const std::function<void(const std::string&, json)>& visit) {
    std::optional<std::string> detected;
    if (auto info = store.get({"ClusterInformation", "", "default"})) {
        const json& spec = info->value("spec", json::object());
        if (spec.is_object() && spec.contains("calicoVersion") && spec["calicoVersion"].is_string())
            detected = spec["calicoVersion"].get<std::string>();
        visit("ClusterInformation", std::move(*info));
    }
    bool coreEndpoints = resolveCalicoSemantics(requested, detected).semantics.endpointSource ==
                         EndpointSource::CoreEndpoints;
    auto* files = dynamic_cast<FileDatastore*>(&store);
    for (const char* kind : kSnapshotKinds) {
        std::string name = kind;
        if (name == "ClusterInformation" || (name == "Endpoints" && !coreEndpoints)) continue;
        if (files) {
            files->forEachStored(name, [&](json object) { visit(name, std::move(object)); });
            continue;
        }
        for (auto& object : store.list(kind))
            visit(name, std::move(object));
    }
}

}  // namespace

ClusterState loadClusterFromDatastore(Datastore& store,
                                      const std::optional<CalicoVersion>& requested) {
    // The built-in kinds from the Kubernetes API, page by page (in etcd mode too).
    KubernetesDatastore* lists = dynamic_cast<KubernetesDatastore*>(&store);
    if (auto* split = dynamic_cast<SplitDatastore*>(&store))
        lists = dynamic_cast<KubernetesDatastore*>(&split->kubernetes());
    if (lists) {
        ClusterState state = loadClusterFromKubernetes(store, *lists, requested);
        finishLoading(state, true);
        return state;
    }
    ClusterState state;
    forEachLiveClusterObject(store, requested, [&](const std::string& kind, json object) {
        Document document{store.description(), kind, std::move(object)};
        addClusterObject(state, document);
    });
    // The file datastore is a local directory (a snapshot): nothing there passed an API server.
    finishLoading(state, dynamic_cast<FileDatastore*>(&store) == nullptr);
    return state;
}

SnapshotReport saveSnapshot(const std::string& directory, const std::vector<std::string>& paths,
                            Datastore* source) {
    // Each object is checked, converted and rendered as it is read: a large snapshot holds file
    // texts, never the input's tree.
    std::vector<FileDatastore::Import> objects;
    std::vector<std::size_t> perKind(std::size(kSnapshotKinds));
    SnapshotReport report;
    auto take = [&](Document document) {
        json& object = document.body;
        std::string kind = object.is_object() ? object.value("kind", "") : "";
        const KindInfo* info = findKind(kind);
        if (!info || !info->clusterInput) {
            ++report.skipped;
            return;
        }
        // Decoding checks every field the preview reads, so a snapshot never holds an object the
        // preview would refuse.
        ClusterState check;
        addClusterObject(check, document);
        // The file datastore holds the v3 form, whichever form the input had.
        if (object.value("apiVersion", "") == kCalicoCrd.apiVersion()) object = crdToV3(object);
        json& meta = object["metadata"];
        meta.erase("managedFields");
        ResourceRef ref{kind, info->namespaced ? meta.value("namespace", "default") : "",
                        meta.value("name", "")};
        if (info->namespaced) meta["namespace"] = ref.namespace_;
        for (std::size_t k = 0; k < perKind.size(); ++k)
            if (kind == kSnapshotKinds[k]) ++perKind[k];
        objects.push_back(FileDatastore::prepareImport(std::move(ref), std::move(object)));
    };
    if (!paths.empty()) {
        for (const auto& file : expandInputPaths(paths)) {
            std::string text = readTextFile(file);
            std::string name = displayName(file);
            // A kubectl dump is read member by member. Anything else, and any text with an error
            // (YAML's flow style may read what JSON refused), is read whole as before, so that
            // results and messages stay those of that reading.
            SnapshotReport before = report;
            auto kept = objects.size();
            auto counted = perKind;
            try {
                if (forEachJsonListMember(text, name, take)) continue;
            } catch (const Error&) {
            }
            report = before;
            objects.resize(kept);
            perKind = counted;
            for (auto& document : expandLists(parseDocuments(text, name)))
                take(std::move(document));
        }
    } else if (source) {
        forEachLiveClusterObject(*source, std::nullopt, [&](const std::string& kind, json object) {
            take({source->description(), kind, std::move(object)});
        });
    }
    for (std::size_t k = 0; k < perKind.size(); ++k)
        report.perKind.push_back({kSnapshotKinds[k], perKind[k]});
    FileDatastore target(directory);
    for (const auto& object : objects)
        target.pathFor(object.ref);  // refuses names that are no file names before any write
    report.written = writeSnapshotDirectory(directory, std::move(objects));
    return report;
}

}  // namespace svcadv
