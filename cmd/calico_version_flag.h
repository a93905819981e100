// --calico-version on the commands that validate a BGPConfiguration (validate, create, apply,
// replace, patch, cidr): Calico's validation rules changed between releases, so a write is checked
// as the cluster's own release checks it.
#pragma once

#include <optional>
#include <string>

#include "common.h"
#include "svcadv/routes/calico_semantics.h"

namespace svcadv::cmd {

void addCalicoVersionFlag(CLI::App* command, std::string& text, bool readsDatastore);

// The checked value of --calico-version (a usage error naming the flag), nullopt when not given.
std::optional<CalicoVersion> requestedCalicoVersion(const std::string& text);

// The validation rules of --calico-version's release, else of the release ClusterInformation
// `default` names in the datastore (`store` may be null: validate reads none; a datastore that
// cannot be read is no reason to refuse an edit), else the newest. One line on stderr names the
// release when its rules are not the newest's.
ValidationProfile validationProfileFor(IOStreams& io, const std::string& flag, Datastore* store);

}  // namespace svcadv::cmd
