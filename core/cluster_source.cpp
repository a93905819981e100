#include "svcadv/cluster_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "svcadv/error.h"
#include "svcadv/file_datastore.h"
#include "svcadv/kinds.h"

namespace fs = std::filesystem;

namespace svcadv {
namespace {

std::string displayPath(const std::string& path) {
    return path == "-" ? "<stdin>" : path;
}

bool isHidden(const fs::path& path) {
    std::string name = path.filename().string();
    return !name.empty() && name[0] == '.';
}

bool isManifest(const fs::path& path) {
    std::string ext = path.extension().string();
    return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

}  // namespace

std::string readTextFile(const std::string& path) {
    int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw invalidInput(path + ": cannot open file: " + std::strerror(errno));
    struct stat info {};
    std::string text;
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode))
        text.reserve(static_cast<std::size_t>(info.st_size));
    char buffer[1 << 16];
    for (;;) {
        ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            int error = errno;
            if (fd != STDIN_FILENO) ::close(fd);
            throw invalidInput(displayPath(path) + ": cannot read: " + std::strerror(error));
        }
        text.append(buffer, static_cast<std::size_t>(got));
    }
    if (fd != STDIN_FILENO) ::close(fd);
    return text;
}

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
            if (isHidden(it->path())) {
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
        std::string text = readTextFile(file);
        std::size_t base = before;
        readClusterObjects(state, text, displayPath(file), [&](std::size_t count) {
            before = base + count;
            if (progress) progress(before);
        });
    }
    removeDuplicateObjects(state);
    return state;
}

ClusterState loadClusterFromDatastore(Datastore& store) {
    ClusterState state;
    for (const char* kind : kSnapshotKinds) {
        for (auto& object : store.list(kind)) {
            Document document{store.description(), kind, std::move(object)};
            addClusterObject(state, document);
        }
    }
    removeDuplicateObjects(state);
    return state;
}

SnapshotReport saveSnapshot(const std::string& directory, const std::vector<std::string>& paths,
                            Datastore* source) {
    std::vector<std::pair<ResourceRef, json>> objects;
    SnapshotReport report;
    auto take = [&](Document document) {
        json& object = document.body;
        std::string kind = object.is_object() ? object.value("kind", "") : "";
        const KindInfo* info = findKind(kind);
        if (!info) {
            ++report.skipped;
            return;
        }
        // Decoding checks every field the preview reads, so a snapshot never holds an object the
        // preview would refuse.
        ClusterState check;
        addClusterObject(check, document);
        json& meta = object["metadata"];
        meta.erase("managedFields");
        ResourceRef ref{kind, info->namespaced ? meta.value("namespace", "default") : "",
                        meta.value("name", "")};
        if (info->namespaced) meta["namespace"] = ref.namespace_;
        objects.push_back({std::move(ref), std::move(object)});
    };
    if (!paths.empty()) {
        for (const auto& file : expandInputPaths(paths)) {
            for (auto& document :
                 expandLists(parseDocuments(readTextFile(file), displayPath(file))))
                take(std::move(document));
        }
    } else if (source) {
        for (const char* kind : kSnapshotKinds) {
            for (auto& object : source->list(kind))
                take({source->description(), kind, std::move(object)});
        }
    }
    for (const char* kind : kSnapshotKinds) {
        std::size_t count = std::count_if(objects.begin(), objects.end(),
                                          [&](const auto& o) { return o.first.kind == kind; });
        report.perKind.push_back({kind, count});
    }
    FileDatastore target(directory);
    for (const auto& [ref, object] : objects)
        target.pathFor(ref);  // refuses names that are no file names before anything is written
    report.written = target.importObjects(std::move(objects));
    return report;
}

}  // namespace svcadv
