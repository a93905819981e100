// Reading files and naming them in messages. Knows nothing of svcadv's resources.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "svcadv/util/error.h"

namespace svcadv {

// The most a file read whole may hold: a 5,000-node cluster dump is about 100 MB.
inline constexpr std::size_t kMaxInputFileBytes = std::size_t{1} << 30;

// Reads a file whole ("-": standard input, which may be a pipe). A path must name a regular file:
// a FIFO, a device or a directory is refused without waiting for it. Errors name the file and
// exit with `failure`: a file the user named is invalid input; one svcadv keeps or was configured
// with fails otherwise.
std::string readTextFile(const std::string& path, ExitCode failure = ExitCode::InvalidInput);

// Opens an input as readTextFile does ("-": standard input; a named path must be a regular file,
// refused without waiting when it is a FIFO or a device) and returns its descriptor in blocking
// mode (STDIN_FILENO for "-"; the caller closes any other).
int openInputFile(const std::string& path, ExitCode failure = ExitCode::InvalidInput);

// readTextFile, or nullopt when the file does not exist (other failures still throw).
std::optional<std::string> readTextFileIfExists(const std::string& path);

// How an input path is named in messages: "<stdin>" for "-", the path otherwise.
std::string displayName(const std::string& path);

// A dot file or dot folder ("/a/.git", ".lock"): skipped when walking input directories.
bool isHiddenPath(const std::string& path);

}  // namespace svcadv

namespace svcadv {

// Flushes every write to the file system that holds `path` (syncfs): one flush for a directory
// written in one go instead of one per file. Errors exit Other, naming the path.
void syncFileSystemOf(const std::string& path);

// Makes the entries of a directory durable (fsync of the directory): after a rename into it.
void syncDirectoryEntries(const std::string& path);

}  // namespace svcadv
