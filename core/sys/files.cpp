#include "svcadv/sys/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>

#include "svcadv/util/error.h"

namespace svcadv {

std::string displayName(const std::string& path) {
    return path == "-" ? "<stdin>" : path;
}

bool isHiddenPath(const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

namespace {

const char* fileTypeName(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

}  // namespace

int openInputFile(const std::string& path, ExitCode failure) {
    // O_NONBLOCK: opening a FIFO by name must not wait for a writer; it is refused below.
    int fd = path == "-" ? STDIN_FILENO
                         : ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) throw Error(failure, path + ": cannot open file: " + std::strerror(errno));
    auto closeFile = [&] {
        if (fd != STDIN_FILENO) ::close(fd);
    };
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        int error = errno;
        closeFile();
        throw Error(failure, displayName(path) + ": cannot read: " + std::strerror(error));
    }
    // A file named on the command line is a regular file; a pipe or a device (/dev/zero, a FIFO
    // nobody writes to) would never end. Standard input may be a pipe: "-".
    if (fd != STDIN_FILENO && !S_ISREG(info.st_mode)) {
        closeFile();
        throw Error(failure, path + ": cannot read " + fileTypeName(info.st_mode) +
                                 " (give a regular file, or a pipe as '-')");
    }
    if (fd != STDIN_FILENO) ::fcntl(fd, F_SETFL, 0);  // regular files: blocking reads again
    return fd;
}

std::string readTextFile(const std::string& path, ExitCode failure) {
    int fd = openInputFile(path, failure);
    auto closeFile = [&] {
        if (fd != STDIN_FILENO) ::close(fd);
    };
    struct stat info {};
    ::fstat(fd, &info);
    std::string text;
    if (S_ISREG(info.st_mode) && static_cast<std::uint64_t>(info.st_size) <= kMaxInputFileBytes)
        text.reserve(static_cast<std::size_t>(info.st_size));
    char buffer[1 << 16];
    for (;;) {
        ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            int error = errno;
            closeFile();
            throw Error(failure, displayName(path) + ": cannot read: " + std::strerror(error));
        }
        if (text.size() + static_cast<std::size_t>(got) > kMaxInputFileBytes) {
            closeFile();
            throw Error(failure, displayName(path) + ": larger than " +
                                     std::to_string(kMaxInputFileBytes >> 20) + " MiB");
        }
        text.append(buffer, static_cast<std::size_t>(got));
    }
    closeFile();
    return text;
}

std::optional<std::string> readTextFileIfExists(const std::string& path) {
    std::error_code ec;
    if (path != "-" && !std::filesystem::exists(path, ec)) return std::nullopt;
    return readTextFile(path);
}

}  // namespace svcadv

namespace svcadv {

void syncFileSystemOf(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(ExitCode::Other, path + ": cannot open: " + std::strerror(errno));
    int result = ::syncfs(fd);
    int error = errno;
    ::close(fd);
    if (result != 0) throw Error(ExitCode::Other, path + ": cannot sync: " + std::strerror(error));
}

void syncDirectoryEntries(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw Error(ExitCode::Other, path + ": cannot open: " + std::strerror(errno));
    int result = ::fsync(fd);
    int error = errno;
    ::close(fd);
    if (result != 0) throw Error(ExitCode::Other, path + ": cannot sync: " + std::strerror(error));
}

}  // namespace svcadv
