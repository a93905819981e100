#include "svcadv/open_datastore.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "svcadv/error.h"
#include "svcadv/file_datastore.h"

namespace svcadv {

std::optional<json> loadCalicoctlConfig(const std::string& explicitPath) {
    std::string path = explicitPath.empty() ? "/etc/calico/calicoctl.cfg" : explicitPath;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        if (explicitPath.empty()) return std::nullopt;
        throw usageError("--config: " + path + ": no such file");
    }
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw usageError("--config: cannot read " + path);
    json config = parseValue(text.str(), path);
    if (!config.is_object() || config.value("kind", "") != "CalicoAPIConfig") {
        throw invalidInput(path + ": expected a CalicoAPIConfig document");
    }
    return config;
}

std::unique_ptr<Datastore> openDatastore(const DatastoreSettings& settings) {
    if (settings.type == "file") return std::make_unique<FileDatastore>(settings.dataDir);
    throw Error(ExitCode::Unreachable, "the " + settings.type + " datastore (" +
                                           settings.typeSource +
                                           ") is not available in this build yet; use the local "
                                           "datastore with --datastore-type file "
                                           "--data-dir DIR (or SVCADV_DATA_DIR)");
}

}  // namespace svcadv
