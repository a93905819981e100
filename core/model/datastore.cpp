#include "svcadv/model/datastore.h"

#include "svcadv/util/error.h"
#include "svcadv/util/label_selector.h"

namespace svcadv {

RetryPolicy conflictRetryPolicy() {
    // Eight tries, waits of up to 0.1, 0.2, 0.4, 0.8, 1.6, 2 and 2 s: twenty writers started
    // together (CI jobs adding a range each) all land, even when each read-modify-write is slow.
    RetryPolicy policy;
    policy.maxAttempts = 8;
    policy.base = std::chrono::milliseconds(100);
    policy.cap = std::chrono::milliseconds(2000);
    policy.jitter = 1.0;
    return policy;
}

std::vector<json> Datastore::listSelected(const std::string& kind,
                                          const std::string& labelSelector) {
    LabelSelector selector = LabelSelector::parse(labelSelector);
    std::vector<json> selected;
    for (auto& object : list(kind)) {
        const json* labels = nullptr;
        if (auto meta = object.find("metadata"); meta != object.end() && meta->is_object()) {
            if (auto found = meta->find("labels"); found != meta->end()) labels = &*found;
        }
        if (selector.matches(labels ? *labels : json::object()))
            selected.push_back(std::move(object));
    }
    return selected;
}

std::optional<json> Datastore::modify(const ResourceRef& ref, const Mutation& mutate,
                                      const WriteOptions& options) {
    for (Retrier retrier(conflictRetryPolicy(), retryEnvironment_);;) {
        std::optional<json> current = get(ref);
        std::optional<json> next = mutate(current);
        if (!next) return current;
        try {
            if (!current) return create(ref, std::move(*next), options);
            guardWithVersionSeen(*next, *current);
            return update(ref, std::move(*next), options);
        } catch (const ConflictError&) {
            if (!retrier.backOff()) throw;
        } catch (const AlreadyExistsError&) {
            if (!retrier.backOff()) throw;
        }
    }
}

json Datastore::mergePatch(const ResourceRef& ref, const json& patch, const WriteOptions& options) {
    auto stored = modify(
        ref,
        [&](const std::optional<json>& current) -> std::optional<json> {
            if (!current) throw notFound(ref.kind, ref.name);
            std::string wanted =
                patch.value("metadata", json::object()).value("resourceVersion", "");
            if (!wanted.empty() && wanted != (*current)["metadata"].value("resourceVersion", ""))
                throw updateConflict(ref.kind, ref.name);
            json next = *current;
            next.merge_patch(patch);
            return next;
        },
        options);
    return *stored;
}

}  // namespace svcadv
