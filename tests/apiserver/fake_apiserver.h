// The Kubernetes API behaviour svcadv relies on (kubernetes-api.md), in memory: discovery, nodes,
// services, endpoint slices, Calico's bgpconfigurations and clusterinformations (in
// crd.projectcalico.org/v1 and/or projectcalico.org/v3), every verb, paginated lists, monotonic
// resourceVersions, Status errors, dryRun, and injected faults. Transport-free: `handle` maps one
// request to one response, so the HTTP(S) wrapper in main.cpp stays small.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "svcadv/util/document.h"

namespace svcadv::testserver {

struct Request {
    std::string method;  // GET, POST, PUT, PATCH, DELETE
    std::string path;
    std::map<std::string, std::string> query;
    std::string rawQuery;
    std::string contentType;
    std::string body;
};

struct Response {
    int status = 200;
    json body;
    // The body as sent, when it was written directly (list pages); then `body` is unused.
    std::optional<std::string> text;
    std::map<std::string, std::string> headers;
    std::chrono::milliseconds delay{0};  // answer this late (a slow server)
    bool reset = false;                  // drop the connection without an answer
};

// A fault: answer the next `remaining` requests matching METHOD:PATH-glob with `status` (and
// Retry-After), or answer them late. Parsed from "PUT:/apis/crd.projectcalico.org/*:409:3",
// "GET:/api/v1/nodes:429:2:retry-after=1", "GET:/api/v1/nodes:delay=2000ms:1".
struct Fault {
    std::string method;
    std::string pathGlob;  // matched against PATH, or PATH?QUERY when it holds a '?'
    int status = 0;        // 0: no status (a delay only)
    bool reset = false;    // close the connection instead of answering
    std::chrono::milliseconds delay{0};
    int remaining = 1;
    std::optional<int> retryAfter;
};
Fault parseFault(const std::string& spec);  // throws std::invalid_argument naming the problem

enum class ApiGroups { Crd, V3, Both };

class FakeApiServer {
  public:
    explicit FakeApiServer(ApiGroups groups);

    // Adds an object as stored (kind decides where; BGPConfigurations go to every served group).
    void seed(json object);
    void addFault(Fault fault);
    // Serializes every stored object for list answers now (after seeding), not on the first list.
    void prepareLists();
    Response handle(const Request& request);

  private:
    struct Resource {
        std::string group;    // "" for the core group
        std::string version;  // v1, v3
        std::string plural;
        std::string kind;
        bool namespaced;
        bool custom;  // a custom resource: strategic merge patch is refused with 415
        std::vector<std::string> shortNames;
        std::string groupVersion() const { return group.empty() ? version : group + "/" + version; }
        std::string key() const { return group + "/" + plural; }
        std::string qualified() const { return group.empty() ? plural : plural + "." + group; }
    };
    Response dispatch(const Request& request);
    Response discovery(const std::string& path) const;
    Response list(const Resource& resource, const std::string& ns, const Request& request);
    Response get(const Resource& resource, const std::string& ns, const std::string& name) const;
    Response create(const Resource& resource, const std::string& ns, const Request& request);
    Response update(const Resource& resource, const std::string& ns, const std::string& name,
                    const Request& request);
    Response patch(const Resource& resource, const std::string& ns, const std::string& name,
                   const Request& request);
    Response remove(const Resource& resource, const std::string& ns, const std::string& name,
                    const Request& request);
    std::optional<Response> validate(const Resource& resource, const json& object) const;
    std::string nextVersion() { return std::to_string(++version_); }
    json& bucket(const Resource& resource) { return stores_[resource.key()]; }
    // Every write ends with this: the resource's serialized items are stale.
    void changed(const Resource& resource) { serialized_.erase(resource.key()); }
    const std::map<std::string, std::string>& serializedItems(const Resource& resource);

    std::vector<Resource> resources_;
    std::map<std::string, json> stores_;  // resource key -> {"ns/name": object}
    // resource key -> {"ns/name": the item's JSON as a list answer holds it}: a page is these
    // texts joined, as kube-apiserver serves lists from its watch cache without re-encoding
    // each object per request.
    std::map<std::string, std::map<std::string, std::string>> serialized_;
    std::vector<Fault> faults_;
    unsigned long long version_ = 1000;
    std::mutex mutex_;
};

}  // namespace svcadv::testserver
