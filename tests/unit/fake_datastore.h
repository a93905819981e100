// An in-memory Datastore for tests of the operations written against the interface: it records
// every call, keeps resourceVersions as the real ones do (a write with a stale one conflicts), and
// lets a test play another writer that gets in just before a write.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "svcadv/model/datastore.h"
#include "svcadv/util/error.h"

namespace svcadv::test {

// Retries that do not wait: the delays they would have slept are recorded instead.
inline RetryEnvironment instantRetries(std::vector<std::chrono::milliseconds>* slept) {
    RetryEnvironment environment;
    environment.sleep = [slept](std::chrono::milliseconds d) { slept->push_back(d); };
    environment.random = [] { return 0.5; };
    return environment;
}

class RecordingDatastore : public Datastore {
  public:
    std::vector<std::string> calls;  // "get Node(a)", "mergePatch Node(a) {...patch...}"
    std::vector<DryRun> writeModes;  // the WriteOptions of each write call
    // Called before each write is checked, with the number of writes so far (0 first).
    std::function<void(RecordingDatastore&, int)> beforeWrite;

    std::vector<std::chrono::milliseconds> slept;  // modify's conflict waits, not slept

    RecordingDatastore() { retryEnvironment_ = instantRetries(&slept); }

    // Stores an object as another writer would: a new resourceVersion, nothing recorded.
    void put(const ResourceRef& ref, json object) {
        object["metadata"]["resourceVersion"] = std::to_string(++version_);
        objects_[key(ref)] = std::move(object);
    }
    json& stored(const ResourceRef& ref) { return objects_.at(key(ref)); }

    std::string description() const override { return "recording datastore"; }

    std::optional<json> get(const ResourceRef& ref) override {
        calls.push_back("get " + ref.str());
        auto it = objects_.find(key(ref));
        if (it == objects_.end()) return std::nullopt;
        return it->second;
    }
    std::vector<json> list(const std::string& kind) override {
        calls.push_back("list " + kind);
        std::vector<json> out;
        for (const auto& [k, object] : objects_)
            if (std::get<0>(k) == kind) out.push_back(object);
        return out;
    }
    json create(const ResourceRef& ref, json object, const WriteOptions& options) override {
        recordWrite("create " + ref.str(), options);
        if (objects_.count(key(ref))) throw alreadyExists(ref.kind, ref.name);
        return store(ref, std::move(object), options);
    }
    json update(const ResourceRef& ref, json object, const WriteOptions& options) override {
        recordWrite("update " + ref.str() + " " + object["metadata"].value("resourceVersion", ""),
                    options);
        const json& current = existing(ref);
        checkVersion(ref, current, object);
        return store(ref, std::move(object), options);
    }
    json remove(const ResourceRef& ref, const WriteOptions& options) override {
        recordWrite("remove " + ref.str(), options);
        json current = existing(ref);
        if (!options.writesNothing()) objects_.erase(key(ref));
        return current;
    }
    json mergePatch(const ResourceRef& ref, const json& patch,
                    const WriteOptions& options) override {
        recordWrite("mergePatch " + ref.str() + " " + patch.dump(), options);
        json next = existing(ref);
        checkVersion(ref, next, patch);
        next.merge_patch(patch);
        return store(ref, std::move(next), options);
    }

  private:
    using Key = std::tuple<std::string, std::string, std::string>;
    static Key key(const ResourceRef& ref) { return {ref.kind, ref.namespace_, ref.name}; }

    void recordWrite(std::string call, const WriteOptions& options) {
        if (beforeWrite) beforeWrite(*this, writes_);
        ++writes_;
        calls.push_back(std::move(call));
        writeModes.push_back(options.dryRun);
    }
    const json& existing(const ResourceRef& ref) {
        auto it = objects_.find(key(ref));
        if (it == objects_.end()) throw notFound(ref.kind, ref.name);
        return it->second;
    }
    static void checkVersion(const ResourceRef& ref, const json& current, const json& incoming) {
        std::string wanted =
            incoming.value("metadata", json::object()).value("resourceVersion", "");
        if (!wanted.empty() && wanted != current["metadata"].value("resourceVersion", ""))
            throw updateConflict(ref.kind, ref.name);
    }
    json store(const ResourceRef& ref, json object, const WriteOptions& options) {
        if (options.writesNothing()) return object;
        put(ref, std::move(object));
        return objects_.at(key(ref));
    }

    std::map<Key, json> objects_;
    int version_ = 0;
    int writes_ = 0;
};

// A Node with the given labels.
inline json node(const std::string& name, json labels = json::object()) {
    return {{"apiVersion", "v1"},
            {"kind", "Node"},
            {"metadata", {{"name", name}, {"labels", std::move(labels)}}}};
}

}  // namespace svcadv::test
