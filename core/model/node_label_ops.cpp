#include "svcadv/model/node_label_ops.h"

#include "svcadv/util/error.h"

namespace svcadv {

LabelDecision decideLabelChange(const std::optional<std::string>& current,
                                const NodeLabelChange& change) {
    if (current == change.value) return LabelDecision::Unchanged;
    // Taking a label off needs no --overwrite: whatever its value, the request names it.
    if (change.value && current && !change.overwrite) return LabelDecision::NeedsOverwrite;
    return LabelDecision::Write;
}

std::optional<std::string> nodeLabel(const json& node, const std::string& key) {
    auto metadata = node.find("metadata");
    if (metadata == node.end() || !metadata->is_object()) return std::nullopt;
    auto labels = metadata->find("labels");
    if (labels == metadata->end() || !labels->is_object()) return std::nullopt;
    auto value = labels->find(key);
    if (value == labels->end()) return std::nullopt;
    return value->is_string() ? value->get<std::string>() : value->dump();
}

NodeLabelOutcome applyNodeLabelChange(Datastore& store, const std::string& node,
                                      const NodeLabelChange& change, const WriteOptions& options,
                                      const RetryEnvironment& environment) {
    ResourceRef ref{"Node", "", node};
    for (Retrier retrier(conflictRetryPolicy(), environment);;) {
        std::optional<json> current = store.get(ref);
        if (!current) throw notFound("Node", node);
        NodeLabelOutcome outcome;
        outcome.found = nodeLabel(*current, change.key);
        outcome.decision = decideLabelChange(outcome.found, change);
        if (outcome.decision != LabelDecision::Write) return outcome;
        // The version of the object the decision was made on: if the node changed since, the
        // write fails rather than act on a label nobody has looked at.
        json patch = {
            {"metadata",
             {{"resourceVersion", (*current)["metadata"].value("resourceVersion", "")},
              {"labels", {{change.key, change.value ? json(*change.value) : json(nullptr)}}}}}};
        try {
            outcome.stored = store.mergePatch(ref, patch, options);
            return outcome;
        } catch (const ConflictError&) {
            if (!retrier.backOff()) throw;
        }
    }
}

}  // namespace svcadv
