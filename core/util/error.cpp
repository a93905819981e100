#include "svcadv/util/error.h"

namespace svcadv {

Error Error::withContext(const std::string& context) const {
    return Error(code_, context + ": " + what());
}

Error usageError(const std::string& message) {
    return Error(ExitCode::Usage, message);
}

Error invalidInput(const std::string& message) {
    return Error(ExitCode::InvalidInput, message);
}

NotFoundError notFound(const std::string& kind, const std::string& name) {
    return NotFoundError(ExitCode::ResourceState,
                         "resource does not exist: " + kind + "(" + name + ")");
}

AlreadyExistsError alreadyExists(const std::string& kind, const std::string& name) {
    return AlreadyExistsError(ExitCode::ResourceState,
                              "resource already exists: " + kind + "(" + name + ")");
}

ConflictError updateConflict(const std::string& kind, const std::string& name) {
    return ConflictError(ExitCode::ResourceState, "update conflict: " + kind + "(" + name + ")");
}

}  // namespace svcadv
