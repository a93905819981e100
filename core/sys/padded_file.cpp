#include "svcadv/sys/padded_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "svcadv/sys/files.h"

namespace svcadv {
namespace {

class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ > STDIN_FILENO) ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }

  private:
    int fd_;
};

std::size_t roundUpToPages(std::size_t length) {
    auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    return (length + page - 1) / page * page;
}

}  // namespace

PaddedFile PaddedFile::open(const std::string& path, std::size_t padding, ExitCode failure) {
    // Opened as every input is: a FIFO or a device named on the command line is refused.
    FileDescriptor fd(openInputFile(path, failure));
    PaddedFile file;
    file.padding_ = padding;
    struct stat info {};
    ::fstat(fd.get(), &info);
    if (S_ISREG(info.st_mode) && static_cast<std::uint64_t>(info.st_size) > kMaxInputFileBytes)
        throw Error(failure, displayName(path) + ": larger than " +
                                 std::to_string(kMaxInputFileBytes >> 20) + " MiB");
    if (path != "-" && S_ISREG(info.st_mode) && info.st_size > 0) {
        auto size = static_cast<std::size_t>(info.st_size);
        // An anonymous zeroed region as long as the file and its padding, with the file mapped
        // over its start: the padding never runs past the end of the file's last page.
        std::size_t length = roundUpToPages(size + padding);
        void* region = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (region != MAP_FAILED) {
            void* mapped = ::mmap(region, size, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE,
                                  fd.get(), 0);
            if (mapped != MAP_FAILED) {
                file.mapping_ = region;
                file.mappingLength_ = length;
                file.data_ = static_cast<const char*>(region);
                file.size_ = size;
                return file;
            }
            ::munmap(region, length);
        }
        // A file system that cannot map (some FUSE ones) is read instead.
    }
    if (S_ISREG(info.st_mode))
        file.buffer_.reserve(static_cast<std::size_t>(info.st_size) + padding);
    char chunk[1 << 16];
    for (;;) {
        ssize_t got = ::read(fd.get(), chunk, sizeof chunk);
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            throw Error(failure, displayName(path) + ": cannot read: " + std::strerror(errno));
        }
        if (file.buffer_.size() + static_cast<std::size_t>(got) > kMaxInputFileBytes)
            throw Error(failure, displayName(path) + ": larger than " +
                                     std::to_string(kMaxInputFileBytes >> 20) + " MiB");
        file.buffer_.append(chunk, static_cast<std::size_t>(got));
    }
    file.size_ = file.buffer_.size();
    file.buffer_.append(padding, '\0');
    file.data_ = file.buffer_.data();
    return file;
}

PaddedFile::PaddedFile(PaddedFile&& other) noexcept {
    *this = std::move(other);
}

PaddedFile& PaddedFile::operator=(PaddedFile&& other) noexcept {
    if (this == &other) return *this;
    release();
    padding_ = other.padding_;
    size_ = std::exchange(other.size_, 0);
    mapping_ = std::exchange(other.mapping_, nullptr);
    mappingLength_ = std::exchange(other.mappingLength_, 0);
    bool wasRead = other.data_ == other.buffer_.data();
    buffer_ = std::move(other.buffer_);
    data_ = wasRead ? buffer_.data() : other.data_;
    other.data_ = "";
    return *this;
}

void PaddedFile::releaseBefore(std::size_t offset) {
    if (!mapping_) return;
    auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    std::size_t length = std::min(offset, size_) / page * page;
    // A private mapping never written to: dropping its pages loses nothing.
    if (length) ::madvise(mapping_, length, MADV_DONTNEED);
}

PaddedFile::~PaddedFile() {
    release();
}

void PaddedFile::release() noexcept {
    if (mapping_) ::munmap(mapping_, mappingLength_);
    mapping_ = nullptr;
    mappingLength_ = 0;
}

}  // namespace svcadv
