// Errors carry their exit code and context up to main, the one place that prints them.
#pragma once

#include <stdexcept>
#include <string>

namespace svcadv {

// Stable exit codes (cli.md); documented in the README and the man page.
enum class ExitCode : int {
    Ok = 0,
    Differences = 1,
    Usage = 2,
    InvalidInput = 3,
    ResourceState = 4,
    Unreachable = 5,
    PartialSuccess = 6,
    Other = 7,
};

class Error : public std::runtime_error {
  public:
    Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ExitCode code() const { return code_; }
    int exitCode() const { return static_cast<int>(code_); }
    // The same error with "<context>: " in front, e.g. the file and document it came from.
    Error withContext(const std::string& context) const;

  private:
    ExitCode code_;
};

// The resource states a caller may want to react to (skip, retry) have their own types.
class NotFoundError : public Error {
    using Error::Error;
};
class AlreadyExistsError : public Error {
    using Error::Error;
};
class ConflictError : public Error {
    using Error::Error;
};

Error usageError(const std::string& message);
Error invalidInput(const std::string& message);
NotFoundError notFound(const std::string& kind, const std::string& name);
AlreadyExistsError alreadyExists(const std::string& kind, const std::string& name);
ConflictError updateConflict(const std::string& kind, const std::string& name);

}  // namespace svcadv
