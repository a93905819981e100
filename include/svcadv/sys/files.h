// Reading files and naming them in messages. Knows nothing of svcadv's resources.
#pragma once

#include <optional>
#include <string>

namespace svcadv {

// Reads a file whole ("-": standard input). Errors are invalid input naming the file.
std::string readTextFile(const std::string& path);

// readTextFile, or nullopt when the file does not exist (other failures still throw).
std::optional<std::string> readTextFileIfExists(const std::string& path);

// How an input path is named in messages: "<stdin>" for "-", the path otherwise.
std::string displayName(const std::string& path);

// A dot file or dot folder ("/a/.git", ".lock"): skipped when walking input directories.
bool isHiddenPath(const std::string& path);

}  // namespace svcadv
