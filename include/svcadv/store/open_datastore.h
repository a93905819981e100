// Opening the datastore that the settings name (I/O: reads the calicoctl config file).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "svcadv/model/datastore.h"
#include "svcadv/model/datastore_config.h"

namespace svcadv {

// Reads calicoctl's CalicoAPIConfig file. `explicitPath` empty: /etc/calico/calicoctl.cfg when it
// exists. A file named explicitly that cannot be read or parsed is an error naming it.
std::optional<json> loadCalicoctlConfig(const std::string& explicitPath);

std::unique_ptr<Datastore> openDatastore(const DatastoreSettings& settings);

}  // namespace svcadv
