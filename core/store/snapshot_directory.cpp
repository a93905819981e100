#include "svcadv/store/snapshot_directory.h"

#include <stdlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "svcadv/store/file/file_datastore.h"
#include "svcadv/sys/files.h"
#include "svcadv/util/error.h"

namespace fs = std::filesystem;

namespace svcadv {

std::size_t writeSnapshotDirectory(const std::string& directory,
                                   std::vector<std::pair<ResourceRef, json>> objects) {
    std::vector<FileDatastore::Import> prepared;
    prepared.reserve(objects.size());
    for (auto& [ref, object] : objects)
        prepared.push_back(FileDatastore::prepareImport(std::move(ref), std::move(object)));
    return writeSnapshotDirectory(directory, std::move(prepared));
}

std::size_t writeSnapshotDirectory(const std::string& directory,
                                   std::vector<FileDatastore::Import> objects) {
    fs::path target = fs::path(directory).lexically_normal();
    if (!target.has_filename()) target = target.parent_path();  // "dir/" names "dir"
    std::error_code ec;
    bool fresh =
        !fs::exists(target, ec) || (fs::is_directory(target, ec) && fs::is_empty(target, ec));
    if (!fresh || target.filename() == "." || target.filename() == "..")
        return FileDatastore(target).importPrepared(std::move(objects));

    fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
    fs::create_directories(parent, ec);
    std::string staging =
        (parent / ("." + target.filename().string() + ".staging-XXXXXX")).string();
    if (!::mkdtemp(staging.data()))
        throw Error(ExitCode::Other, "cannot create a staging directory in " + parent.string() +
                                         ": " + std::strerror(errno));
    try {
        std::size_t written = FileDatastore(staging, FileDatastore::Durability::Deferred)
                                  .importPrepared(std::move(objects));
        syncFileSystemOf(staging);
        // rename(2) replaces an empty directory; one that filled meanwhile makes it fail.
        if (std::rename(staging.c_str(), target.c_str()) != 0)
            throw Error(ExitCode::Other, "cannot move the snapshot into " + target.string() + ": " +
                                             std::strerror(errno));
        syncDirectoryEntries(parent.string());
        return written;
    } catch (...) {
        fs::remove_all(staging, ec);
        throw;
    }
}

}  // namespace svcadv
