// svcadv's local directory datastore (storage.md): one YAML manifest per object,
//   <dir>/bgpconfigurations/<name>.yaml, <dir>/nodes/<name>.yaml,
//   <dir>/services/<ns>/<name>.yaml, <dir>/endpointslices/<ns>/<name>.yaml
// Writes are atomic (temp file, fsync, rename) and serialized by an flock on <dir>/.lock, so
// concurrent svcadv processes never lose an update. The directory and everything in it must be
// owned by the user running svcadv and writable by nobody else; nothing inside it is reached
// through a symlink (openat with O_NOFOLLOW), for reading or writing.
#pragma once

#include <cstdint>
#include <filesystem>

#include "svcadv/model/datastore.h"

namespace svcadv {

class FileDatastore : public Datastore {
  public:
    // EachWrite: every write is durable when it returns. Deferred: writes are atomic but not
    // synced, for a directory nobody reads until its writer syncs it (a snapshot being staged).
    enum class Durability { EachWrite, Deferred };
    explicit FileDatastore(std::filesystem::path directory,
                           Durability durability = Durability::EachWrite);

    std::string description() const override;
    std::optional<json> get(const ResourceRef& ref) override;
    std::vector<json> list(const std::string& kind) override;
    json create(const ResourceRef& ref, json object, const WriteOptions& options) override;
    json update(const ResourceRef& ref, json object, const WriteOptions& options) override;
    json remove(const ResourceRef& ref, const WriteOptions& options) override;
    // Holds the lock from read to write: no other writer can get in between, so `mutate` runs once.
    std::optional<json> modify(const ResourceRef& ref, const Mutation& mutate,
                               const WriteOptions& options) override;

    // Stores objects exactly as given (a captured snapshot), each replacing any stored copy and
    // keeping its resourceVersion; one without gets a fresh one. Returns how many were written.
    std::size_t importObjects(std::vector<std::pair<ResourceRef, json>> objects);

    // Where an object of this reference lives (whether or not it exists).
    std::filesystem::path pathFor(const ResourceRef& ref) const;

  private:
    class Lock;
    std::optional<json> read(const ResourceRef& ref) const;
    json createLocked(const ResourceRef& ref, json object, const WriteOptions& options);
    json updateLocked(const ResourceRef& ref, json object, const WriteOptions& options);
    // The highest version stored or ever handed out (0 for none); a stored version that is no
    // version svcadv can follow (not decimal, the largest uint64, "-1") is an error naming it.
    std::uint64_t highestResourceVersion() const;
    std::string nextResourceVersion() const;
    // Temporary files a killed writer left behind; called with the lock held.
    void removeLeftoverTemporaries() const;
    // Writes the high-water mark, then the object; a failure says nothing was changed.
    void write(const ResourceRef& ref, const json& object, const std::string& resourceVersion);
    std::filesystem::path directory_;
    Durability durability_ = Durability::EachWrite;
};

}  // namespace svcadv
