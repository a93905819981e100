// What the BGPConfiguration commands do, on any Datastore: decode and validate first, then write.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "svcadv/model/bgpconfig.h"
#include "svcadv/model/datastore.h"
#include "svcadv/model/patch.h"
#include "svcadv/model/validate.h"
#include "svcadv/util/cidr.h"
#include "svcadv/util/error.h"

namespace svcadv {

enum class WriteVerb { Create, Apply, Replace, Delete };
const char* pastTense(WriteVerb verb);  // "created", "applied", "replaced", "deleted"

// What a write is about to store, told to the caller before anything is written (also in a dry
// run), so that it can show the change's impact or refuse it by throwing. On a conflict the
// write is decided again on the fresh object, and the caller is told again.
struct ProposedWrite {
    std::string name;
    bool beforeKnown = false;    // the write read the stored object (apply, patch, cidr)
    std::optional<json> before;  // the stored object, when known and present
    std::optional<json> after;   // nullopt: deleted
};
using BeforeWrite = std::function<void(const ProposedWrite&)>;

struct WriteRequest {
    WriteVerb verb = WriteVerb::Create;
    DryRun dryRun = DryRun::None;
    bool skipExisting = false;  // create --skip-exists, delete --skip-not-exists
    ValidationOptions validation;
    BeforeWrite beforeWrite;
};

// The outcome of a multi-document write. Documents are handled in order; the first failure stops
// the run, as calicoctl does.
struct WriteReport {
    std::size_t total = 0;
    std::vector<json> written;  // in document order (skipped ones not included)
    std::size_t skipped = 0;
    std::optional<Error> failure;
    std::vector<std::string> warnings;
    std::size_t succeeded() const { return written.size() + skipped; }
};

WriteReport writeBgpConfigurations(Datastore& store, const std::vector<Document>& documents,
                                   const WriteRequest& request);

// Deletes by name (documents given with -f are reduced to their names by the caller).
WriteReport deleteBgpConfigurations(Datastore& store, const std::vector<std::string>& names,
                                    const WriteRequest& request);

struct PatchRequest {
    std::string name;
    json patch;
    PatchType type = PatchType::Merge;
    DryRun dryRun = DryRun::None;
    ValidationOptions validation;
    BeforeWrite beforeWrite;
};

// Applies the patch to the stored object, decodes the result strictly and validates it, then
// writes it guarded by the resourceVersion it was read at (re-applied on conflict).
json patchBgpConfiguration(Datastore& store, const PatchRequest& request);

struct CidrEdit {
    ServiceCidrList list;
    Cidr cidr;
};

struct CidrEditOutcome {
    CidrEdit edit;
    bool changed = false;  // false: already present (add) or absent (remove)
};

struct CidrEditResult {
    std::vector<CidrEditOutcome> outcomes;
    std::optional<json> stored;  // the resulting `default`, when it exists
};

// Adds or removes single entries of default's service CIDR lists. Idempotent; `add` creates
// `default` when it does not exist.
CidrEditResult editServiceCidrs(Datastore& store, const std::vector<CidrEdit>& edits, bool add,
                                DryRun dryRun, const ValidationOptions& validation = {},
                                const BeforeWrite& beforeWrite = {});

}  // namespace svcadv
