// A Datastore in memory, for testing what is written against the interface (Datastore::modify,
// the BGPConfiguration operations) without files or a server. It keeps the interface's contract:
// AlreadyExists, NotFound, Conflict on a stale resourceVersion, increasing versions, dry runs.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "svcadv/model/datastore.h"
#include "svcadv/util/error.h"

namespace svcadv::test {

class MemoryDatastore : public Datastore {
  public:
    std::map<std::string, json> objects;  // by key(ref)
    int writes = 0;                       // creates, updates and removes that stored something
    int version = 0;                      // the last resourceVersion handed out
    // Runs at the start of every create and update: a test plays another writer here.
    std::function<void(MemoryDatastore&)> beforeWrite;

    static std::string key(const ResourceRef& ref) {
        return ref.kind + "/" + ref.namespace_ + "/" + ref.name;
    }

    // Another writer's change: the stored object gets `spec[field] = value` and a new version.
    void changeBehindTheBack(const ResourceRef& ref, const std::string& field, const json& value) {
        json& object = objects.at(key(ref));
        object["spec"][field] = value;
        object["metadata"]["resourceVersion"] = std::to_string(++version);
    }

    std::string description() const override { return "memory datastore"; }

    std::optional<json> get(const ResourceRef& ref) override {
        auto it = objects.find(key(ref));
        if (it == objects.end()) return std::nullopt;
        return it->second;
    }

    std::vector<json> list(const std::string& kind) override {
        std::vector<json> out;
        for (const auto& [k, object] : objects) {
            if (k.starts_with(kind + "/")) out.push_back(object);
        }
        return out;
    }

    json create(const ResourceRef& ref, json object, const WriteOptions& options) override {
        if (beforeWrite) beforeWrite(*this);
        if (objects.count(key(ref))) throw alreadyExists(ref.kind, ref.name);
        object["metadata"]["resourceVersion"] = std::to_string(version + 1);
        object["metadata"]["uid"] = "uid-" + ref.name;
        return store(ref, std::move(object), options);
    }

    json update(const ResourceRef& ref, json object, const WriteOptions& options) override {
        if (beforeWrite) beforeWrite(*this);
        auto it = objects.find(key(ref));
        if (it == objects.end()) throw notFound(ref.kind, ref.name);
        std::string wanted = object["metadata"].value("resourceVersion", "");
        if (!wanted.empty() && wanted != it->second["metadata"]["resourceVersion"])
            throw updateConflict(ref.kind, ref.name);
        object["metadata"]["resourceVersion"] = std::to_string(version + 1);
        object["metadata"]["uid"] = it->second["metadata"]["uid"];
        return store(ref, std::move(object), options);
    }

    json remove(const ResourceRef& ref, const WriteOptions& options) override {
        auto it = objects.find(key(ref));
        if (it == objects.end()) throw notFound(ref.kind, ref.name);
        json old = it->second;
        if (!options.writesNothing()) {
            objects.erase(it);
            ++writes;
        }
        return old;
    }

  private:
    json store(const ResourceRef& ref, json object, const WriteOptions& options) {
        if (options.writesNothing()) return object;
        ++version;
        ++writes;
        objects[key(ref)] = object;
        return object;
    }
};

}  // namespace svcadv::test
