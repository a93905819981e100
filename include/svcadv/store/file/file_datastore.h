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
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "svcadv/model/datastore.h"

namespace svcadv {

class FileDatastore : public Datastore {
  public:
    // EachWrite: every write is atomic and durable when it returns. Deferred: files are written in
    // place and not synced, for a new directory nobody reads until its writer syncs it and renames
    // it into place (a snapshot being staged).
    enum class Durability { EachWrite, Deferred };
    explicit FileDatastore(std::filesystem::path directory,
                           Durability durability = Durability::EachWrite);

    std::string description() const override;
    std::optional<json> get(const ResourceRef& ref) override;
    std::vector<json> list(const std::string& kind) override;
    // The objects list() gives, one at a time, in the same order: a large directory is read
    // without holding every tree at once.
    void forEachStored(const std::string& kind, const std::function<void(json)>& visit);
    json create(const ResourceRef& ref, json object, const WriteOptions& options) override;
    json update(const ResourceRef& ref, json object, const WriteOptions& options) override;
    json remove(const ResourceRef& ref, const WriteOptions& options) override;
    // Holds the lock from read to write: no other writer can get in between, so `mutate` runs once.
    std::optional<json> modify(const ResourceRef& ref, const Mutation& mutate,
                               const WriteOptions& options) override;

    // One object of a bulk import, rendered while the input is read, so that a large import
    // holds file texts rather than JSON trees. An object without a resourceVersion svcadv can
    // follow is kept as a value: the import gives it the next free version, or refuses its
    // version, naming it.
    struct Import {
        ResourceRef ref;
        std::string text;                      // the file, when `version` is set
        std::optional<std::uint64_t> version;  // the version it carries
        std::string versionText;               // as written, for the message that refuses it
        json object;                           // the object, when `version` is not set
    };
    static Import prepareImport(ResourceRef ref, json object);

    // Stores objects exactly as given (a captured snapshot), each replacing any stored copy and
    // keeping its resourceVersion; one without gets a fresh one. Returns how many were written.
    std::size_t importObjects(std::vector<std::pair<ResourceRef, json>> objects);
    std::size_t importPrepared(std::vector<Import> objects);

    // Where an object of this reference lives (whether or not it exists).
    std::filesystem::path pathFor(const ResourceRef& ref) const;

  private:
    class Lock;
    std::optional<json> read(const ResourceRef& ref) const;
    json createLocked(const ResourceRef& ref, json object, const WriteOptions& options);
    json updateLocked(const ResourceRef& ref, json object, const WriteOptions& options);
    // The highest version ever handed out: the high-water mark file alone (0 for none).
    std::uint64_t highWaterMark() const;
    // The highest version stored or handed out (0 for none), every stored file read: for bulk
    // imports, which may replace files copied in by hand. A stored version that is no version
    // svcadv can follow (not decimal, the largest uint64, "-1") is an error naming it.
    std::uint64_t highestStoredVersion() const;
    // The version after the high-water mark and after `replaced` (the version of the stored
    // object a write replaces, which a hand-copied file may have put above the mark): a version
    // never comes back for the same object, whatever others hold.
    std::string nextResourceVersion(std::uint64_t replaced = 0) const;
    // Raises the high-water mark to `version` when it is below (a deleted hand-copied object's).
    void raiseHighWaterMark(std::uint64_t version);
    // Temporary files a killed writer left behind; called with the lock held.
    void removeLeftoverTemporaries() const;
    // Writes the high-water mark, then the object; a failure says nothing was changed.
    void write(const ResourceRef& ref, const json& object, const std::string& resourceVersion);
    std::filesystem::path directory_;
    Durability durability_ = Durability::EachWrite;
};

}  // namespace svcadv
