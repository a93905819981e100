// Setting or taking off one label of a Node, as a read-decide-write: the decision (write, nothing
// to do, or refuse to replace another value) is made on the object actually read, and the write
// carries that object's resourceVersion. When another writer got in between, the whole
// read-decide-write runs again, so a label someone else set meanwhile is seen, never overwritten
// blindly.
#pragma once

#include <optional>
#include <string>

#include "svcadv/model/datastore.h"
#include "svcadv/util/retry.h"

namespace svcadv {

struct NodeLabelChange {
    std::string key;
    std::optional<std::string> value;  // nullopt: take the label off
    bool overwrite = false;            // replace a label that has another value
};

enum class LabelDecision {
    Write,           // the label changes
    Unchanged,       // it already is as wanted (set to the value, or absent)
    NeedsOverwrite,  // it has another value and the change does not say overwrite
};

// The decision for a node whose label is `current` (nullopt: not set).
LabelDecision decideLabelChange(const std::optional<std::string>& current,
                                const NodeLabelChange& change);

// A label's value on a Node object (nullopt when unset; a non-string value as its JSON text).
std::optional<std::string> nodeLabel(const json& node, const std::string& key);

struct NodeLabelOutcome {
    LabelDecision decision = LabelDecision::Write;  // as made on the object last read
    std::optional<std::string> found;               // the label's value on that object
    std::optional<json> stored;                     // what was written, when it was
};

// Reads the node, decides, and writes a merge patch of the label guarded by the resourceVersion
// read; a conflict retries the whole read-decide-write (conflictRetryPolicy()). NotFoundError
// when the node does not exist; the ConflictError of the last try when the retries are spent.
NodeLabelOutcome applyNodeLabelChange(Datastore& store, const std::string& node,
                                      const NodeLabelChange& change, const WriteOptions& options,
                                      const RetryEnvironment& environment = {});

}  // namespace svcadv
