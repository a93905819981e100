// A whole file in memory followed by zero bytes that may be read but are not part of it: parsers
// that read ahead in wide blocks (simdjson reads 64 bytes at a time) need them after the last byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "svcadv/util/error.h"

namespace svcadv {

class PaddedFile {
  public:
    // Maps a regular file (no copy: a snapshot dump of 100 MB costs no second 100 MB), reads
    // standard input ("-") and other streams. Errors are readTextFile's, with its messages.
    static PaddedFile open(const std::string& path, std::size_t padding,
                           ExitCode failure = ExitCode::InvalidInput);

    PaddedFile(PaddedFile&& other) noexcept;
    PaddedFile& operator=(PaddedFile&& other) noexcept;
    PaddedFile(const PaddedFile&) = delete;
    PaddedFile& operator=(const PaddedFile&) = delete;
    ~PaddedFile();

    // The file's bytes; at least `padding` zero bytes follow text().end() in memory.
    std::string_view text() const { return {data_, size_}; }
    std::size_t padding() const { return padding_; }

    // Gives back the memory of the whole pages before `offset` of a mapped file (it stays
    // readable: the pages come back from the file if read again). A no-op for a file that was
    // read, whose bytes exist only here.
    void releaseBefore(std::size_t offset);

  private:
    PaddedFile() = default;
    void release() noexcept;

    const char* data_ = "";
    std::size_t size_ = 0;
    std::size_t padding_ = 0;
    void* mapping_ = nullptr;  // the mapped region when the file was mapped
    std::size_t mappingLength_ = 0;
    std::string buffer_;  // the bytes and their padding when the file was read
};

}  // namespace svcadv
