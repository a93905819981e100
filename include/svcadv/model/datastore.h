// The one interface every datastore (local directory, Kubernetes, etcd) implements. Objects are
// JSON as the API shows them (BGPConfigurations in projectcalico.org/v3 form), so commands and
// operations never depend on where they are stored.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "svcadv/util/document.h"
#include "svcadv/util/retry.h"

namespace svcadv {

struct ResourceRef {
    std::string kind;  // "BGPConfiguration", "Node", "Service", "EndpointSlice"
    std::string namespace_;
    std::string name;
    std::string str() const {
        return kind + "(" + (namespace_.empty() ? "" : namespace_ + "/") + name + ")";
    }
};

// --dry-run: `Client` computes the result and sends no write; `Server` has the datastore validate
// the write without storing it (Kubernetes dryRun=All); a local datastore treats both alike.
enum class DryRun { None, Client, Server };

struct WriteOptions {
    DryRun dryRun = DryRun::None;
    bool writesNothing() const { return dryRun != DryRun::None; }
};

// How a read-modify-write retries after another writer got in between: 5 tries, as calicoctl, with
// random, growing waits (full jitter from 100 ms) so that colliding writers do not collide again in
// lockstep.
RetryPolicy conflictRetryPolicy();

class Datastore {
  public:
    virtual ~Datastore() = default;

    // Where the data lives, for messages ("file datastore /var/lib/x").
    virtual std::string description() const = 0;

    virtual std::optional<json> get(const ResourceRef& ref) = 0;
    // Sorted by namespace, then name.
    virtual std::vector<json> list(const std::string& kind) = 0;
    // The objects of `kind` whose labels match `labelSelector` (kubectl's syntax; a syntax error is
    // a usage error), sorted as list(). A cluster selects them itself (?labelSelector=); the
    // default lists everything and keeps the matches.
    virtual std::vector<json> listSelected(const std::string& kind,
                                           const std::string& labelSelector);

    // Fails with AlreadyExistsError when the name is taken. Returns the stored object, with its
    // new resourceVersion (and uid, creationTimestamp).
    virtual json create(const ResourceRef& ref, json object, const WriteOptions& options) = 0;
    // Fails with NotFoundError when missing, ConflictError when the object carries a
    // resourceVersion other than the stored one. uid and creationTimestamp are kept.
    virtual json update(const ResourceRef& ref, json object, const WriteOptions& options) = 0;
    // Returns the object as it was. NotFoundError when missing.
    virtual json remove(const ResourceRef& ref, const WriteOptions& options) = 0;

    // Applies a JSON merge patch (RFC 7386) to a stored object. A metadata.resourceVersion in the
    // patch is a precondition (ConflictError when the object changed since). NotFoundError when
    // missing. Returns the stored result.
    virtual json mergePatch(const ResourceRef& ref, const json& patch, const WriteOptions& options);

    // The cluster's versions, when the datastore is a cluster: {"kubernetes": "v1.31.0",
    // "calico": "v3.33.0"} (either may be missing). Local datastores have none.
    virtual std::optional<json> clusterVersions() { return std::nullopt; }

    // Read-modify-write. `mutate` gets the current object (nullopt when missing) and returns the
    // object to store, or nullopt to write nothing. A missing object is created. When another
    // writer got in between, `mutate` runs again on the fresh object, so the caller's change is
    // re-applied rather than lost. Returns what was stored (or the current object when unchanged).
    using Mutation = std::function<std::optional<json>(const std::optional<json>& current)>;
    virtual std::optional<json> modify(const ResourceRef& ref, const Mutation& mutate,
                                       const WriteOptions& options);

  protected:
    // The clock, sleeper and random source of modify's conflict retries (a test's fake replaces
    // them so that it does not wait).
    RetryEnvironment retryEnvironment_;

    // The precondition of a modify's update is the version `mutate` saw, whatever the mutation did
    // to metadata. Every backend's modify goes through this.
    static void guardWithVersionSeen(json& next, const json& current) {
        next["metadata"]["resourceVersion"] = current["metadata"]["resourceVersion"];
    }
};

}  // namespace svcadv
