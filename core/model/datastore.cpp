#include "svcadv/model/datastore.h"

#include "svcadv/util/error.h"

namespace svcadv {

RetryPolicy conflictRetryPolicy() {
    RetryPolicy policy;
    policy.maxAttempts = 5;
    policy.base = std::chrono::milliseconds(100);
    policy.cap = std::chrono::milliseconds(2000);
    policy.jitter = 1.0;
    return policy;
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
