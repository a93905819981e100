#include "svcadv/store/file/file_datastore.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <regex>

#include "svcadv/model/kinds.h"
#include "svcadv/sys/clock.h"
#include "svcadv/sys/files.h"
#include "svcadv/util/error.h"
#include "svcadv/util/uuid.h"

namespace fs = std::filesystem;

namespace svcadv {
namespace {

// Highest resourceVersion ever handed out, so that a deleted object's version is never reused.
constexpr const char* kHighWaterFile = ".resourceVersion";
constexpr const char* kLockFile = ".lock";

Error ioError(const std::string& what, const fs::path& path) {
    return Error(ExitCode::Other, what + " " + path.string() + ": " + std::strerror(errno));
}

void makeDirectories(const fs::path& dir) {
    std::error_code ec;
    // A relative path ends in "" (the working directory), which always exists.
    if (dir.empty() || fs::is_directory(dir, ec)) return;
    makeDirectories(dir.parent_path());
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        throw ioError("cannot create directory", dir);
}

void syncDirectory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// Temporary file in the same directory (mode 0600), fsync, rename over the target, fsync the
// directory: a reader sees the old or the new content, never a mix.
void atomicWrite(const fs::path& file, const std::string& text, bool sync = true) {
    std::string temp = (file.parent_path() / ("." + file.filename().string() + ".XXXXXX")).string();
    int fd = ::mkstemp(temp.data());
    if (fd < 0) throw ioError("cannot create a temporary file in", file.parent_path());
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
              (!sync || ::fsync(fd) == 0);
    ::close(fd);
    if (!ok || ::rename(temp.c_str(), file.c_str()) != 0) {
        auto error = ioError("cannot write", file);
        ::unlink(temp.c_str());
        throw error;
    }
    if (sync) syncDirectory(file.parent_path());
}

std::string storedVersion(const json& object) {
    return object.value("metadata", json::object()).value("resourceVersion", "");
}

// The file datastore holds the kinds of a cluster's state, each in the folder of its plural.
const KindInfo& storedKind(const std::string& kind) {
    const KindInfo* info = findKind(kind);
    if (!info || !info->clusterInput)
        throw Error(ExitCode::Other, "the file datastore does not store kind " + kind);
    return *info;
}

}  // namespace

class FileDatastore::Lock {
  public:
    explicit Lock(const fs::path& directory) {
        makeDirectories(directory);
        fs::path file = directory / kLockFile;
        fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd_ < 0) throw ioError("cannot open lock file", file);
        while (::flock(fd_, LOCK_EX) != 0) {
            if (errno != EINTR) throw ioError("cannot lock", file);
        }
    }
    ~Lock() { ::close(fd_); }  // closing releases the flock
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

  private:
    int fd_ = -1;
};

FileDatastore::FileDatastore(fs::path directory, Durability durability)
    : directory_(std::move(directory)), durability_(durability) {}

std::string FileDatastore::description() const {
    return "file datastore " + directory_.string();
}

fs::path FileDatastore::pathFor(const ResourceRef& ref) const {
    const KindInfo& info = storedKind(ref.kind);
    // Names become path components: one that could leave its folder is refused.
    for (const std::string* part : {&ref.name, &ref.namespace_}) {
        if (part->find('/') != std::string::npos || *part == "." || *part == "..")
            throw invalidInput(ref.str() + ": name '" + *part + "' cannot be stored as a file");
    }
    if (ref.name.empty()) throw invalidInput("resource name may not be empty");
    fs::path dir = directory_ / info.plural;
    if (info.namespaced) dir /= ref.namespace_.empty() ? "default" : ref.namespace_;
    return dir / (ref.name + ".yaml");
}

std::optional<json> FileDatastore::read(const fs::path& file) const {
    std::error_code ec;
    if (!fs::exists(file, ec)) return std::nullopt;
    auto documents = parseDocuments(readTextFile(file, ExitCode::Other), file.string());
    if (documents.size() != 1 || !documents[0].body.is_object()) {
        throw invalidInput(file.string() + ": expected exactly one object in a datastore file");
    }
    return std::move(documents[0].body);
}

std::optional<json> FileDatastore::get(const ResourceRef& ref) {
    return read(pathFor(ref));
}

std::vector<json> FileDatastore::list(const std::string& kind) {
    const KindInfo& info = storedKind(kind);
    std::vector<fs::path> files;
    std::error_code ec;
    fs::path dir = directory_ / info.plural;
    if (fs::is_directory(dir, ec)) {
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            if (entry.is_regular_file() && entry.path().extension() == ".yaml")
                files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<json> objects;
    for (const auto& file : files)
        objects.push_back(*read(file));
    return objects;
}

std::string FileDatastore::nextResourceVersion() const {
    std::uint64_t highest = 0;
    auto consider = [&](const std::string& text) {
        try {
            highest = std::max<std::uint64_t>(highest, std::stoull(text));
        } catch (const std::exception&) {
        }
    };
    std::error_code ec;
    if (fs::exists(directory_ / kHighWaterFile, ec))
        consider(readTextFile(directory_ / kHighWaterFile, ExitCode::Other));
    // Files copied in by hand (a snapshot, an edited manifest) may carry higher versions.
    static const std::regex versionLine("resourceVersion: \"?([0-9]+)\"?");
    for (auto it = fs::recursive_directory_iterator(directory_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file() || it->path().extension() != ".yaml") continue;
        std::string text = readTextFile(it->path(), ExitCode::Other);
        for (std::sregex_iterator m(text.begin(), text.end(), versionLine), end; m != end; ++m)
            consider((*m)[1]);
    }
    return std::to_string(highest + 1);
}

void FileDatastore::write(const fs::path& file, const json& object,
                          const std::string& resourceVersion) {
    makeDirectories(file.parent_path());
    atomicWrite(file, toYaml(object));
    // The high-water mark follows the object, so a crash between the two at worst re-scans.
    atomicWrite(directory_ / kHighWaterFile, resourceVersion);
}

json FileDatastore::createLocked(const ResourceRef& ref, json object, const WriteOptions& options) {
    fs::path file = pathFor(ref);
    if (read(file)) throw alreadyExists(ref.kind, ref.name);
    std::string version = nextResourceVersion();
    json& meta = object["metadata"];
    meta["resourceVersion"] = version;
    if (!meta.contains("uid")) meta["uid"] = newUuid();
    if (!meta.contains("creationTimestamp")) meta["creationTimestamp"] = nowRfc3339();
    if (!options.writesNothing()) write(file, object, version);
    return object;
}

json FileDatastore::updateLocked(const ResourceRef& ref, json object, const WriteOptions& options) {
    fs::path file = pathFor(ref);
    auto current = read(file);
    if (!current) throw notFound(ref.kind, ref.name);
    std::string given = storedVersion(object);
    if (!given.empty() && given != storedVersion(*current))
        throw updateConflict(ref.kind, ref.name);
    std::string version = nextResourceVersion();
    json& meta = object["metadata"];
    const json& was = (*current)["metadata"];
    for (const char* kept : {"uid", "creationTimestamp"}) {
        if (was.contains(kept)) meta[kept] = was[kept];
    }
    meta["resourceVersion"] = version;
    if (!options.writesNothing()) write(file, object, version);
    return object;
}

json FileDatastore::create(const ResourceRef& ref, json object, const WriteOptions& options) {
    Lock lock(directory_);
    return createLocked(ref, std::move(object), options);
}

json FileDatastore::update(const ResourceRef& ref, json object, const WriteOptions& options) {
    Lock lock(directory_);
    return updateLocked(ref, std::move(object), options);
}

json FileDatastore::remove(const ResourceRef& ref, const WriteOptions& options) {
    Lock lock(directory_);
    fs::path file = pathFor(ref);
    auto current = read(file);
    if (!current) throw notFound(ref.kind, ref.name);
    if (!options.writesNothing()) {
        if (::unlink(file.c_str()) != 0) throw ioError("cannot delete", file);
        syncDirectory(file.parent_path());
    }
    return *current;
}

std::size_t FileDatastore::importObjects(std::vector<std::pair<ResourceRef, json>> objects) {
    Lock lock(directory_);
    std::uint64_t next = std::stoull(nextResourceVersion());
    std::uint64_t highest = next - 1;
    for (auto& [ref, object] : objects) {
        json& meta = object["metadata"];
        std::string version = storedVersion(object);
        try {
            highest = std::max<std::uint64_t>(highest, std::stoull(version));
        } catch (const std::exception&) {
            version = std::to_string(next);
            highest = std::max(highest, next++);
            meta["resourceVersion"] = version;
        }
        fs::path file = pathFor(ref);
        makeDirectories(file.parent_path());
        atomicWrite(file, toYaml(object), durability_ == Durability::EachWrite);
    }
    atomicWrite(directory_ / kHighWaterFile, std::to_string(highest),
                durability_ == Durability::EachWrite);
    return objects.size();
}

std::optional<json> FileDatastore::modify(const ResourceRef& ref, const Mutation& mutate,
                                          const WriteOptions& options) {
    Lock lock(directory_);
    auto current = read(pathFor(ref));
    auto next = mutate(current);
    if (!next) return current;
    if (!current) return createLocked(ref, std::move(*next), options);
    guardWithVersionSeen(*next, *current);
    return updateLocked(ref, std::move(*next), options);
}

}  // namespace svcadv
