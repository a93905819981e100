#include "svcadv/store/file/file_datastore.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>
#include <algorithm>
#include <chrono>
#include <cstring>

#include <charconv>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <system_error>
#include <thread>
#include <utility>

#include "svcadv/model/kinds.h"
#include "svcadv/sys/clock.h"
#include "svcadv/sys/files.h"
#include "svcadv/util/block_yaml.h"
#include "svcadv/util/error.h"
#include "svcadv/util/uuid.h"

namespace fs = std::filesystem;

namespace svcadv {
namespace {

// Highest resourceVersion ever handed out, so that a deleted object's version is never reused.
constexpr const char* kHighWaterFile = ".resourceVersion";
constexpr const char* kLockFile = ".lock";
// Present while a write may have temporary files on disk (see WriteInProgress).
constexpr const char* kWriteMarker = ".write-in-progress";
// How deep the walk of the data directory goes: <kind>/<namespace>/<name>.yaml is 3.
constexpr int kMaxWalkDepth = 4;

// The data directory cannot be used: exit 5, "cannot reach or use the datastore".
Error ioError(const std::string& what, const fs::path& path, int error = errno) {
    return Error(ExitCode::Unreachable, what + " " + path.string() + ": " + std::strerror(error));
}

Error unsafe(const fs::path& path, const std::string& why) {
    return Error(
        ExitCode::Unreachable,
        path.string() + ": " + why + "; svcadv does not use a data directory others can change");
}

// A file descriptor closed when it goes out of scope.
class Fd {
  public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Fd& operator=(Fd&& other) noexcept {
        std::swap(fd_, other.fd_);
        return *this;
    }
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }

  private:
    int fd_;
};

// Owned by the user running svcadv and writable by nobody else: otherwise another user could
// plant files (or symlinks) that svcadv would read or write on this user's behalf.
void checkOwnership(int fd, const fs::path& path) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) throw ioError("cannot inspect", path);
    if (info.st_uid != ::geteuid())
        throw unsafe(path, "owned by uid " + std::to_string(info.st_uid) + ", not by uid " +
                               std::to_string(::geteuid()) + " who runs svcadv");
    if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0)
        throw unsafe(path, "writable by group or others (chmod go-w)");
}

// Why `name` under `parentFd` could not be opened as asked: a symlink is named as such.
Error openFailure(int parentFd, const std::string& name, const fs::path& path, int error) {
    struct stat info {};
    if ((error == ELOOP || error == ENOTDIR || error == EMLINK) &&
        ::fstatat(parentFd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(info.st_mode))
        return Error(ExitCode::Unreachable,
                     path.string() +
                         ": is a symlink; svcadv follows no symlink inside its data "
                         "directory");
    return ioError("cannot open", path, error);
}

// A folder inside the data directory, never through a symlink; nullopt when it does not exist
// (and `create` is false).
std::optional<Fd> openFolderAt(int parentFd, const std::string& name, const fs::path& path,
                               bool create) {
    if (create && ::mkdirat(parentFd, name.c_str(), 0700) != 0 && errno != EEXIST)
        throw ioError("cannot create directory", path);
    Fd fd(::openat(parentFd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT && !create) return std::nullopt;
        throw openFailure(parentFd, name, path, errno);
    }
    checkOwnership(fd.get(), path);
    return fd;
}

void readAll(int fd, const fs::path& path, std::string& text) {
    text.clear();
    char buffer[1 << 16];
    for (;;) {
        ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got == 0) return;
        if (got < 0) {
            if (errno == EINTR) continue;
            throw ioError("cannot read", path);
        }
        if (text.size() + static_cast<std::size_t>(got) > kMaxInputFileBytes)
            throw Error(ExitCode::Unreachable, path.string() + ": larger than " +
                                                   std::to_string(kMaxInputFileBytes >> 20) +
                                                   " MiB");
        text.append(buffer, static_cast<std::size_t>(got));
    }
}

// A regular file inside the data directory, never through a symlink, read into `text`; false
// when missing.
bool readFileAt(int dirFd, const std::string& name, const fs::path& path, std::string& text) {
    Fd fd(::openat(dirFd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) {
        if (errno == ENOENT) return false;
        throw openFailure(dirFd, name, path, errno);
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) throw ioError("cannot inspect", path);
    if (!S_ISREG(info.st_mode))
        throw Error(ExitCode::Unreachable, path.string() + ": is not a regular file");
    checkOwnership(fd.get(), path);
    readAll(fd.get(), path, text);
    return true;
}

std::optional<std::string> readFileAt(int dirFd, const std::string& name, const fs::path& path) {
    std::string text;
    if (!readFileAt(dirFd, name, path, text)) return std::nullopt;
    return text;
}

// The one buffer the files of a listing are read into: an allocation per file made malloc
// consolidate its free lists every time (an eighth of the time of reading a snapshot).
std::string& readBuffer() {
    thread_local std::string buffer;
    return buffer;
}

void writeAll(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t wrote = ::write(fd, text.data() + done, text.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) throw std::system_error(errno ? errno : EIO, std::generic_category());
        done += static_cast<std::size_t>(wrote);
    }
}

// A leftover of atomicWriteAt: ".<name>.XXXXXX" where <name> is a manifest or the high-water
// mark. Written under the lock, so any that exists while the lock is held was left by a process
// that died (kill -9, Ctrl-C, a crash).
bool isLeftoverTemporary(const std::string& name) {
    if (name.size() < 9 || name[0] != '.' || name[name.size() - 7] != '.') return false;
    std::string_view suffix(name.data() + name.size() - 6, 6);
    bool random = std::all_of(suffix.begin(), suffix.end(),
                              [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
    std::string_view base(name.data() + 1, name.size() - 8);
    bool manifest = base.size() > 5 && base.substr(base.size() - 5) == ".yaml";
    return random && (manifest || base == kHighWaterFile);
}

// Temporary file in the same directory (mode 0600, O_EXCL|O_NOFOLLOW), fsync, rename over the
// target, fsync the directory: a reader sees the old or the new content, never a mix, and a
// symlink planted at the target is replaced, not followed.
// `sync` false leaves the flush to the caller (a snapshot is flushed once, as a whole).
void atomicWriteAt(int dirFd, const std::string& name, const fs::path& path,
                   const std::string& text, bool sync = true) {
    std::string temp;
    Fd fd;
    for (int attempt = 0; fd.get() < 0; ++attempt) {
        std::string random = newUuid();
        random.erase(std::remove(random.begin(), random.end(), '-'), random.end());
        temp = "." + name + "." + random.substr(0, 6);
        fd = Fd(::openat(dirFd, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                         0600));
        if (fd.get() < 0 && (errno != EEXIST || attempt > 10))
            throw ioError("cannot create a temporary file for", path);
    }
    try {
        writeAll(fd.get(), text);
        if (sync && ::fsync(fd.get()) != 0) throw std::system_error(errno, std::generic_category());
        fd = Fd();
        if (::renameat(dirFd, temp.c_str(), dirFd, name.c_str()) != 0)
            throw std::system_error(errno, std::generic_category());
    } catch (const std::system_error& e) {
        ::unlinkat(dirFd, temp.c_str(), 0);
        throw ioError("cannot write", path, e.code().value());
    }
    if (sync) ::fsync(dirFd);
}

// A file of a directory nobody reads yet (a snapshot being staged, synced as a whole later):
// written in place, never through a symlink, replacing an earlier copy of the same import.
void writeNewFileAt(int dirFd, const std::string& name, const fs::path& path,
                    const std::string& text) {
    Fd fd(
        ::openat(dirFd, name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd.get() < 0) throw openFailure(dirFd, name, path, errno);
    try {
        writeAll(fd.get(), text);
    } catch (const std::system_error& e) {
        throw ioError("cannot write", path, e.code().value());
    }
}

std::string storedVersion(const json& object) {
    auto meta = object.find("metadata");
    if (meta == object.end() || !meta->is_object()) return "";
    auto version = meta->find("resourceVersion");
    return version != meta->end() && version->is_string() ? version->get<std::string>() : "";
}

// A stored resourceVersion: decimal digits that fit in 64 bits, below the largest (which would
// leave no version to follow it). nullopt for anything else.
std::optional<std::uint64_t> parseVersion(std::string_view text) {
    std::uint64_t value = 0;
    if (text.empty() || text.size() > 20 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    if (value == std::numeric_limits<std::uint64_t>::max()) return std::nullopt;
    return value;
}

Error badVersion(const std::string& where, const std::string& version) {
    return invalidInput(where + ": metadata.resourceVersion '" + version +
                        "' is not a version svcadv can follow (decimal digits, below " +
                        std::to_string(std::numeric_limits<std::uint64_t>::max()) + ")");
}

// The file datastore holds the kinds of a cluster's state, each in the folder of its plural.
const KindInfo& storedKind(const std::string& kind) {
    const KindInfo* info = findKind(kind);
    if (!info || !info->clusterInput)
        throw Error(ExitCode::Other, "the file datastore does not store kind " + kind);
    return *info;
}

// Where an object lives below the data directory: its folders, then its file.
struct Location {
    std::vector<std::string> folders;
    std::string file;
};

Location locate(const ResourceRef& ref) {
    const KindInfo& info = storedKind(ref.kind);
    // Names become path components: one that could leave its folder is refused.
    for (const std::string* part : {&ref.name, &ref.namespace_}) {
        if (part->find('/') != std::string::npos || *part == "." || *part == ".." ||
            part->find('\0') != std::string::npos)
            throw invalidInput(ref.str() + ": name '" + *part + "' cannot be stored as a file");
    }
    if (ref.name.empty()) throw invalidInput("resource name may not be empty");
    Location out;
    out.folders.push_back(info.plural);
    if (info.namespaced) out.folders.push_back(ref.namespace_.empty() ? "default" : ref.namespace_);
    out.file = ref.name + ".yaml";
    return out;
}

// The data directory, checked; nullopt when it does not exist (and `create` is false).
std::optional<Fd> openRoot(const fs::path& directory_, bool create) {
    if (create) {
        // The data directory itself may be reached through symlinks the user chose; what is
        // inside it is opened relative to it, never through one.
        std::error_code ec;
        if (!fs::is_directory(directory_, ec)) {
            fs::path parent;
            for (const auto& part : directory_) {
                parent /= part;
                if (parent.empty() || fs::is_directory(parent, ec)) continue;
                if (::mkdir(parent.c_str(), 0700) != 0 && errno != EEXIST)
                    throw ioError("cannot create directory", parent);
            }
        }
    }
    int fd = ::open(directory_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT && !create) return std::nullopt;
        throw ioError("cannot open the data directory", directory_);
    }
    Fd guard(fd);
    checkOwnership(fd, directory_);
    // Listing must work too: a directory that cannot be read is an error, not an empty one.
    if (::faccessat(fd, ".", R_OK | X_OK, AT_EACCESS) != 0)
        throw ioError("cannot read the data directory", directory_);
    return guard;
}

// The folder of `at` (created with `create`); nullopt when it does not exist.
std::optional<Fd> openFolders(const fs::path& directory, const Location& at, bool create) {
    auto root = openRoot(directory, create);
    if (!root) return std::nullopt;
    fs::path path = directory;
    std::optional<Fd> current = std::move(root);
    for (const auto& folder : at.folders) {
        path /= folder;
        current = openFolderAt(current->get(), folder, path, create);
        if (!current) return std::nullopt;
    }
    return current;
}

// One stored object: exactly one object with metadata and a resourceVersion svcadv can follow.
std::optional<json> readAt(int dirFd, const std::string& name, const fs::path& path) {
    std::string& text = readBuffer();
    if (!readFileAt(dirFd, name, path, text)) return std::nullopt;
    auto documents = parseDocuments(text, path.string());
    if (documents.size() != 1 || !documents[0].body.is_object()) {
        throw invalidInput(path.string() + ": expected exactly one object in a datastore file");
    }
    json& object = documents[0].body;
    // A hand-copied file may lack what svcadv writes: say so rather than guess.
    if (!object.contains("metadata") || !object["metadata"].is_object())
        throw invalidInput(path.string() + ": the object has no metadata");
    std::string version = storedVersion(object);
    if (version.empty())
        throw invalidInput(path.string() +
                           ": the object has no metadata.resourceVersion (a string of digits, as "
                           "svcadv writes it); add one, e.g. resourceVersion: \"1\"");
    if (!parseVersion(version)) throw badVersion(path.string(), version);
    return std::move(object);
}

using FileVisitor = std::function<void(int dirFd, const std::string& name, const fs::path&)>;

// Every file below a folder (dot folders skipped), in name order, never through a symlink to a
// folder; `visitFile` gets the folder, the file's name and its path.
void walk(int dirFd, const fs::path& path, int depth, const FileVisitor& visitFile) {
    int listed = ::dup(dirFd);
    if (listed < 0) throw ioError("cannot read", path);
    DIR* dir = ::fdopendir(listed);
    if (!dir) {
        ::close(listed);
        throw ioError("cannot read", path);
    }
    std::unique_ptr<DIR, int (*)(DIR*)> closer(dir, ::closedir);
    ::rewinddir(dir);
    std::vector<std::pair<std::string, bool>> entries;  // name, is a folder
    errno = 0;
    while (dirent* entry = ::readdir(dir)) {
        std::string name = entry->d_name;
        if (name == "." || name == "..") continue;
        // The entry's type as the directory gives it (a symlink is DT_LNK, never DT_DIR), asked
        // of the file system only when it does not say: one stat per file would dominate.
        bool isFolder = entry->d_type == DT_DIR;
        if (entry->d_type == DT_UNKNOWN) {
            struct stat info {};
            if (::fstatat(dirFd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0)
                throw ioError("cannot inspect", path / name);
            isFolder = S_ISDIR(info.st_mode);
        }
        if (isFolder && name[0] != '.') entries.emplace_back(name, true);
        if (!isFolder) entries.emplace_back(name, false);
        errno = 0;
    }
    if (errno != 0) throw ioError("cannot read", path);
    std::sort(entries.begin(), entries.end());
    for (const auto& [name, folder] : entries) {
        if (!folder) {
            visitFile(dirFd, name, path / name);
        } else if (depth < kMaxWalkDepth) {
            auto sub = openFolderAt(dirFd, name, path / name, false);
            if (sub) walk(sub->get(), path / name, depth + 1, visitFile);
        }
    }
}

// Present on disk while a write may have temporary files there, so a writer killed meanwhile
// leaves it behind: only then does the next write walk every folder for leftovers. Walking them
// on each write cost more than the write itself in a data dir of 105,001 objects (issue 15). The
// marker is not synced: a crash of the machine may lose it and keep a hidden temporary, which
// readers skip anyway.
class WriteInProgress {
  public:
    WriteInProgress(const fs::path& directory, const std::function<void()>& removeLeftovers)
        : root_(*openRoot(directory, true)) {
        struct stat info {};
        if (::fstatat(root_.get(), kWriteMarker, &info, AT_SYMLINK_NOFOLLOW) == 0)
            removeLeftovers();
        Fd marker(
            ::openat(root_.get(), kWriteMarker, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (marker.get() < 0)
            throw openFailure(root_.get(), kWriteMarker, directory / kWriteMarker, errno);
    }
    WriteInProgress(const WriteInProgress&) = delete;
    WriteInProgress& operator=(const WriteInProgress&) = delete;
    // Every temporary is renamed into place or removed by the time the write returns or throws.
    ~WriteInProgress() { ::unlinkat(root_.get(), kWriteMarker, 0); }

  private:
    Fd root_;
};

}  // namespace

// Serializes writers: an flock on <dir>/.lock (created with the directory when missing).
class FileDatastore::Lock {
  public:
    explicit Lock(const fs::path& directory) {
        fs::path file = directory / kLockFile;
        Fd root = *openRoot(directory, true);
        fd_ = Fd(::openat(root.get(), kLockFile, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (fd_.get() < 0) throw openFailure(root.get(), kLockFile, file, errno);
        checkOwnership(fd_.get(), file);
        while (::flock(fd_.get(), LOCK_EX) != 0) {
            if (errno != EINTR) throw ioError("cannot lock", file);
        }
    }

  private:
    Fd fd_;  // closing releases the flock
};

FileDatastore::FileDatastore(fs::path directory, Durability durability)
    : directory_(std::move(directory)), durability_(durability) {}

std::string FileDatastore::description() const {
    return "file datastore " + directory_.string();
}

fs::path FileDatastore::pathFor(const ResourceRef& ref) const {
    Location at = locate(ref);
    fs::path path = directory_;
    for (const auto& folder : at.folders)
        path /= folder;
    return path / at.file;
}

std::optional<json> FileDatastore::read(const ResourceRef& ref) const {
    Location at = locate(ref);
    auto folder = openFolders(directory_, at, false);
    if (!folder) return std::nullopt;
    return readAt(folder->get(), at.file, pathFor(ref));
}

std::optional<json> FileDatastore::get(const ResourceRef& ref) {
    return read(ref);
}

std::vector<json> FileDatastore::list(const std::string& kind) {
    std::vector<json> objects;
    forEachStored(kind, [&](json object) { objects.push_back(std::move(object)); });
    return objects;
}

void FileDatastore::forEachStored(const std::string& kind, const std::function<void(json)>& visit) {
    const KindInfo& info = storedKind(kind);
    auto folder = openFolders(directory_, {{info.plural}, ""}, false);
    if (!folder) return;
    walk(folder->get(), directory_ / info.plural, 1,
         [&](int dirFd, const std::string& name, const fs::path& path) {
             if (name[0] == '.' || path.extension() != ".yaml") return;
             if (auto object = readAt(dirFd, name, path)) visit(std::move(*object));
         });
}

std::uint64_t FileDatastore::highWaterMark() const {
    auto root = openRoot(directory_, false);
    if (!root) return 0;
    fs::path highWater = directory_ / kHighWaterFile;
    auto text = readFileAt(root->get(), kHighWaterFile, highWater);
    if (!text) return 0;
    std::string trimmed = *text;
    while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == '\r'))
        trimmed.pop_back();
    auto version = parseVersion(trimmed);
    if (!version) throw badVersion(highWater.string(), trimmed);
    return *version;
}

std::uint64_t FileDatastore::highestStoredVersion() const {
    std::uint64_t highest = highWaterMark();
    auto root = openRoot(directory_, false);
    if (!root) return highest;
    // Files copied in by hand (a snapshot, an edited manifest) may carry higher versions. A file
    // that does not parse, or is not one object with a version, has no version to consider: it
    // must not block writes of other objects (reading it as what it is, a Service say, reports it
    // where it matters). A version svcadv could not follow still stops the write.
    walk(root->get(), directory_, 0, [&](int dirFd, const std::string& name, const fs::path& path) {
        if (name[0] == '.' || path.extension() != ".yaml") return;
        auto text = readFileAt(dirFd, name, path);
        if (!text) return;
        std::vector<Document> documents;
        try {
            documents = parseDocuments(*text, path.string());
        } catch (const Error& error) {
            if (error.code() != ExitCode::InvalidInput) throw;
            return;
        }
        if (documents.size() != 1) return;
        std::string version = storedVersion(documents[0].body);
        if (version.empty()) return;
        auto parsed = parseVersion(version);
        if (!parsed) throw badVersion(path.string(), version);
        highest = std::max(highest, *parsed);
    });
    return highest;
}

std::string FileDatastore::nextResourceVersion(std::uint64_t replaced) const {
    // The largest uint64 is no version (parseVersion refuses it), so max - 1 is the last one.
    std::uint64_t highest = std::max(highWaterMark(), replaced);
    if (highest + 1 >= std::numeric_limits<std::uint64_t>::max())
        throw invalidInput(description() + ": resourceVersion " + std::to_string(highest) +
                           " is the last one; no later version can follow it");
    return std::to_string(highest + 1);
}

void FileDatastore::raiseHighWaterMark(std::uint64_t version) {
    if (version <= highWaterMark()) return;
    WriteInProgress writing(directory_, [this] { removeLeftoverTemporaries(); });
    Fd root = *openRoot(directory_, true);
    atomicWriteAt(root.get(), kHighWaterFile, directory_ / kHighWaterFile, std::to_string(version));
}

void FileDatastore::removeLeftoverTemporaries() const {
    auto root = openRoot(directory_, false);
    if (!root) return;
    walk(root->get(), directory_, 0, [&](int dirFd, const std::string& name, const fs::path&) {
        if (isLeftoverTemporary(name)) ::unlinkat(dirFd, name.c_str(), 0);
    });
}

void FileDatastore::write(const ResourceRef& ref, const json& object,
                          const std::string& resourceVersion) {
    WriteInProgress writing(directory_, [this] { removeLeftoverTemporaries(); });
    Location at = locate(ref);
    fs::path path = pathFor(ref);
    std::string text = writeBlockYaml(object);
    Fd root = *openRoot(directory_, true);
    // The high-water mark first: if the object's write fails after it, a version number is
    // skipped and nothing else changed. The other way round, a failure would leave the object
    // written under a version that could be handed out again.
    try {
        atomicWriteAt(root.get(), kHighWaterFile, directory_ / kHighWaterFile, resourceVersion);
        Fd folder = *openFolders(directory_, at, true);
        atomicWriteAt(folder.get(), at.file, path, text);
    } catch (const Error& e) {
        throw Error(e.code(), std::string(e.what()) + " (nothing was written: " + ref.str() +
                                  " is as it was)");
    }
}

json FileDatastore::createLocked(const ResourceRef& ref, json object, const WriteOptions& options) {
    if (read(ref)) throw alreadyExists(ref.kind, ref.name);
    std::string version = nextResourceVersion();
    json& meta = object["metadata"];
    meta["resourceVersion"] = version;
    if (!meta.contains("uid")) meta["uid"] = newUuid();
    if (!meta.contains("creationTimestamp")) meta["creationTimestamp"] = nowRfc3339();
    if (!options.writesNothing()) write(ref, object, version);
    return object;
}

json FileDatastore::updateLocked(const ResourceRef& ref, json object, const WriteOptions& options) {
    auto current = read(ref);
    if (!current) throw notFound(ref.kind, ref.name);
    std::string given = storedVersion(object);
    if (!given.empty() && given != storedVersion(*current))
        throw updateConflict(ref.kind, ref.name);
    // read() accepts only versions parseVersion takes.
    std::string version = nextResourceVersion(*parseVersion(storedVersion(*current)));
    json& meta = object["metadata"];
    const json& was = current->at("metadata");
    for (const char* kept : {"uid", "creationTimestamp"}) {
        if (was.contains(kept)) meta[kept] = was.at(kept);
    }
    meta["resourceVersion"] = version;
    if (!options.writesNothing()) write(ref, object, version);
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
    auto current = read(ref);
    if (!current) throw notFound(ref.kind, ref.name);
    if (!options.writesNothing()) {
        // A re-created object must not get the version this one had (it may be above the mark).
        raiseHighWaterMark(*parseVersion(storedVersion(*current)));
        Location at = locate(ref);
        Fd folder = *openFolders(directory_, at, false);
        if (::unlinkat(folder.get(), at.file.c_str(), 0) != 0)
            throw ioError("cannot delete", pathFor(ref));
        ::fsync(folder.get());
    }
    return *current;
}

FileDatastore::Import FileDatastore::prepareImport(ResourceRef ref, json object) {
    Import out;
    out.versionText = storedVersion(object);
    out.version = parseVersion(out.versionText);
    if (out.version)
        out.text = writeBlockYaml(object);
    else
        out.object = std::move(object);
    out.ref = std::move(ref);
    return out;
}

std::size_t FileDatastore::importObjects(std::vector<std::pair<ResourceRef, json>> objects) {
    std::vector<Import> prepared;
    prepared.reserve(objects.size());
    for (auto& [ref, object] : objects)
        prepared.push_back(prepareImport(std::move(ref), std::move(object)));
    return importPrepared(std::move(prepared));
}

namespace {

// One file of an import: its folder (an index into the opened folders), name and object.
struct ImportFile {
    std::size_t folder;
    std::string name;
    const FileDatastore::Import* object;
};

void writeStagedFiles(const FileDatastore& store, const std::vector<ImportFile>& files,
                      const std::vector<Fd>& folders) {
    // Nobody reads a staging directory, so its files may be created in any order. Creating
    // them is most of a large save (a C loop alone takes 3 to 8 s for 105,001 files here), and
    // the file system creates files in different folders side by side: each thread takes whole
    // folders. The error reported is the one a single thread would have met first.
    unsigned workers = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    if (files.size() < 1000) workers = 1;  // threads cost more than they save
    struct Failure {
        std::size_t at = std::numeric_limits<std::size_t>::max();
        std::exception_ptr error;
    };
    std::vector<Failure> failures(workers);
    auto work = [&](unsigned worker) {
        for (std::size_t i = 0; i < files.size(); ++i) {
            const ImportFile& file = files[i];
            if (file.folder % workers != worker) continue;
            try {
                writeNewFileAt(folders[file.folder].get(), file.name,
                               store.pathFor(file.object->ref), file.object->text);
            } catch (...) {
                failures[worker] = {i, std::current_exception()};
                return;
            }
        }
    };
    std::vector<std::thread> threads;
    for (unsigned worker = 1; worker < workers; ++worker) {
        try {
            threads.emplace_back(work, worker);
        } catch (const std::system_error&) {
            work(worker);  // no thread to be had: this one does that share too
        }
    }
    work(0);
    for (auto& thread : threads)
        thread.join();
    auto first = std::min_element(failures.begin(), failures.end(),
                                  [](const Failure& a, const Failure& b) { return a.at < b.at; });
    if (first->error) std::rethrow_exception(first->error);
}

}  // namespace

std::size_t FileDatastore::importPrepared(std::vector<Import> objects) {
    Lock lock(directory_);
    WriteInProgress writing(directory_, [this] { removeLeftoverTemporaries(); });
    std::uint64_t highest = highestStoredVersion();
    // Versions the objects carry are kept; they must be ones svcadv can follow.
    for (const auto& object : objects) {
        if (!object.version && !object.versionText.empty())
            throw badVersion(object.ref.str(), object.versionText);
        if (object.version) highest = std::max(highest, *object.version);
    }
    for (auto& object : objects) {
        if (object.version) continue;
        if (highest + 1 == std::numeric_limits<std::uint64_t>::max())
            throw invalidInput(object.ref.str() + ": no resourceVersion is left to give it");
        object.object["metadata"]["resourceVersion"] = std::to_string(++highest);
        object.text = writeBlockYaml(object.object);
        object.object = nullptr;
    }
    Fd root = *openRoot(directory_, true);
    bool staged = durability_ == Durability::Deferred;
    atomicWriteAt(root.get(), kHighWaterFile, directory_ / kHighWaterFile, std::to_string(highest),
                  !staged);
    // Each folder is opened (and its ownership checked) once, not once per object.
    std::map<std::vector<std::string>, std::size_t> folderIndex;
    std::vector<Fd> folders;
    std::vector<ImportFile> files;
    files.reserve(objects.size());
    for (const auto& object : objects) {
        Location at = locate(object.ref);
        auto folder = folderIndex.find(at.folders);
        if (folder == folderIndex.end()) {
            folder = folderIndex.emplace(at.folders, folders.size()).first;
            folders.push_back(*openFolders(directory_, at, true));
        }
        files.push_back({folder->second, std::move(at.file), &object});
    }
    if (staged) {
        writeStagedFiles(*this, files, folders);
        return objects.size();
    }
    for (const auto& file : files)
        atomicWriteAt(folders[file.folder].get(), file.name, pathFor(file.object->ref),
                      file.object->text);
    return objects.size();
}

std::optional<json> FileDatastore::modify(const ResourceRef& ref, const Mutation& mutate,
                                          const WriteOptions& options) {
    Lock lock(directory_);
    auto current = read(ref);
    auto next = mutate(current);
    if (!next) return current;
    if (!current) return createLocked(ref, std::move(*next), options);
    guardWithVersionSeen(*next, *current);
    return updateLocked(ref, std::move(*next), options);
}

}  // namespace svcadv
