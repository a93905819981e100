#include "svcadv/model/datastore.h"

#include "svcadv/util/error.h"

#include <chrono>
#include <random>
#include <thread>

namespace svcadv {

std::optional<json> Datastore::modify(const ResourceRef& ref, const Mutation& mutate,
                                      const WriteOptions& options) {
    for (int attempt = 1;; ++attempt) {
        std::optional<json> current = get(ref);
        std::optional<json> next = mutate(current);
        if (!next) return current;
        try {
            if (!current) return create(ref, std::move(*next), options);
            guardWithVersionSeen(*next, *current);
            return update(ref, std::move(*next), options);
        } catch (const ConflictError&) {
            if (attempt >= kMaxConflictRetries) throw;
        } catch (const AlreadyExistsError&) {
            if (attempt >= kMaxConflictRetries) throw;
        }
        // Writers that collided back off for different, growing times, so they do not collide
        // again in lockstep.
        static thread_local std::mt19937 random(std::random_device{}());
        int ceiling = 100 << attempt;
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % ceiling));
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
