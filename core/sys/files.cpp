#include "svcadv/sys/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
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

std::string readTextFile(const std::string& path, ExitCode failure) {
    int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(failure, path + ": cannot open file: " + std::strerror(errno));
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
            throw Error(failure, displayName(path) + ": cannot read: " + std::strerror(error));
        }
        text.append(buffer, static_cast<std::size_t>(got));
    }
    if (fd != STDIN_FILENO) ::close(fd);
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
