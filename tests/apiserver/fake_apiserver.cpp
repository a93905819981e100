#include "fake_apiserver.h"

#include <fnmatch.h>

#include <algorithm>
#include <stdexcept>

#include "svcadv/model/bgpconfig.h"
#include "svcadv/model/validate.h"
#include "svcadv/util/label_selector.h"
#include "svcadv/util/strings.h"
#include "svcadv/util/uuid.h"

namespace svcadv::testserver {
namespace {

const char* reasonFor(int code) {
    switch (code) {
        case 400:
            return "BadRequest";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "NotFound";
        case 405:
            return "MethodNotAllowed";
        case 409:
            return "Conflict";
        case 410:
            return "Expired";
        case 415:
            return "UnsupportedMediaType";
        case 422:
            return "Invalid";
        case 429:
            return "TooManyRequests";
        case 503:
            return "ServiceUnavailable";
        case 504:
            return "Timeout";
        default:
            return code >= 500 ? "InternalError" : "BadRequest";
    }
}

// Every non-2xx answer is a Status object, as the API server writes it.
Response status(int code, const std::string& message, const std::string& reason = "",
                json details = json()) {
    Response out;
    out.status = code;
    out.body = {{"kind", "Status"},
                {"apiVersion", "v1"},
                {"metadata", json::object()},
                {"status", "Failure"},
                {"message", message},
                {"reason", reason.empty() ? reasonFor(code) : reason},
                {"code", code}};
    if (!details.is_null()) out.body["details"] = std::move(details);
    return out;
}

std::string objectKey(const std::string& ns, const std::string& name) {
    return ns + "/" + name;
}

}  // namespace

Fault parseFault(const std::string& spec) {
    auto parts = split(spec, ':');
    if (parts.size() < 4)
        throw std::invalid_argument("fault '" + spec + "': expected METHOD:PATH:STATUS:COUNT");
    Fault fault;
    std::size_t last = parts.size() - 1;
    if (parts[last].find('=') != std::string::npos) {
        for (const auto& option : split(parts[last], ',')) {
            if (option.rfind("retry-after=", 0) == 0)
                fault.retryAfter = std::stoi(option.substr(12));
        }
        --last;
    }
    fault.method = parts[0];
    fault.remaining = std::stoi(parts[last]);
    const std::string& action = parts[last - 1];
    if (action.rfind("delay=", 0) == 0) {
        fault.delay = std::chrono::milliseconds(std::stoi(action.substr(6)));
    } else if (action == "reset") {
        fault.reset = true;
    } else {
        fault.status = std::stoi(action);
    }
    for (std::size_t i = 1; i + 1 < last; ++i)
        fault.pathGlob += (i > 1 ? ":" : "") + parts[i];
    if (fault.pathGlob.empty() || fault.remaining < 1)
        throw std::invalid_argument("fault '" + spec + "': empty path or count");
    return fault;
}

FakeApiServer::FakeApiServer(ApiGroups groups) {
    resources_ = {
        {"", "v1", "nodes", "Node", false, false, {"no"}},
        {"", "v1", "services", "Service", true, false, {"svc"}},
        {"discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true, false, {}},
    };
    if (groups != ApiGroups::V3) {
        resources_.push_back({"crd.projectcalico.org",
                              "v1",
                              "bgpconfigurations",
                              "BGPConfiguration",
                              false,
                              true,
                              {}});
        resources_.push_back({"crd.projectcalico.org",
                              "v1",
                              "clusterinformations",
                              "ClusterInformation",
                              false,
                              true,
                              {}});
    }
    if (groups != ApiGroups::Crd) {
        resources_.push_back({"projectcalico.org",
                              "v3",
                              "bgpconfigurations",
                              "BGPConfiguration",
                              false,
                              true,
                              {"bgpconfig", "bgpconfigs"}});
        resources_.push_back({"projectcalico.org",
                              "v3",
                              "clusterinformations",
                              "ClusterInformation",
                              false,
                              true,
                              {"clusterinfo"}});
    }
    json info = {{"kind", "ClusterInformation"},
                 {"metadata", {{"name", "default"}}},
                 {"spec", {{"calicoVersion", "v3.33.0"}, {"datastoreReady", true}}}};
    seed(info);
}

void FakeApiServer::seed(json object) {
    std::lock_guard lock(mutex_);
    std::string kind = object.value("kind", "");
    for (const auto& resource : resources_) {
        if (resource.kind != kind) continue;
        json copy = object;
        copy["apiVersion"] = resource.groupVersion();
        json& meta = copy["metadata"];
        std::string ns = resource.namespaced ? meta.value("namespace", "default") : "";
        if (resource.namespaced) meta["namespace"] = ns;
        meta["resourceVersion"] = nextVersion();
        if (!meta.contains("uid")) meta["uid"] = newUuid();
        if (!meta.contains("creationTimestamp")) meta["creationTimestamp"] = "2026-01-01T00:00:00Z";
        bucket(resource)[objectKey(ns, meta.value("name", ""))] = std::move(copy);
        changed(resource);
    }
}

void FakeApiServer::prepareLists() {
    std::lock_guard lock(mutex_);
    for (const auto& resource : resources_)
        serializedItems(resource);
}

void FakeApiServer::addFault(Fault fault) {
    std::lock_guard lock(mutex_);
    faults_.push_back(std::move(fault));
}

Response FakeApiServer::handle(const Request& request) {
    std::lock_guard lock(mutex_);
    std::string target = request.path + (request.rawQuery.empty() ? "" : "?" + request.rawQuery);
    for (auto& fault : faults_) {
        if (fault.remaining <= 0 || (fault.method != "*" && fault.method != request.method))
            continue;
        bool withQuery = fault.pathGlob.find('?') != std::string::npos;
        if (fnmatch(fault.pathGlob.c_str(), (withQuery ? target : request.path).c_str(), 0) != 0)
            continue;
        --fault.remaining;
        if (fault.reset) {
            Response dropped;
            dropped.reset = true;
            return dropped;
        }
        if (fault.status == 0) {
            Response slow = dispatch(request);
            slow.delay = fault.delay;
            return slow;
        }
        std::string message = fault.status == 410
                                  ? "The provided continue parameter is too old to display a "
                                    "consistent list result. You can start a new list without "
                                    "the continue parameter."
                                  : "injected fault";
        Response out = status(fault.status, message);
        if (fault.retryAfter) out.headers["Retry-After"] = std::to_string(*fault.retryAfter);
        out.delay = fault.delay;
        return out;
    }
    return dispatch(request);
}

Response FakeApiServer::discovery(const std::string& path) const {
    Response out;
    if (path == "/version") {
        out.body = {{"major", "1"},
                    {"minor", "31"},
                    {"gitVersion", "v1.31.0"},
                    {"gitCommit", "fake"},
                    {"gitTreeState", "clean"},
                    {"buildDate", "2026-01-01T00:00:00Z"},
                    {"goVersion", "go1.22.0"},
                    {"compiler", "gc"},
                    {"platform", "linux/amd64"}};
        return out;
    }
    if (path == "/api") {
        out.body = {{"kind", "APIVersions"},
                    {"versions", {"v1"}},
                    {"serverAddressByClientCIDRs",
                     {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", "127.0.0.1:6443"}}}}};
        return out;
    }
    if (path == "/apis") {
        json groups = json::array();
        for (const auto& resource : resources_) {
            if (resource.group.empty()) continue;
            bool seen = std::any_of(groups.begin(), groups.end(),
                                    [&](const json& g) { return g["name"] == resource.group; });
            if (seen) continue;
            json version = {{"groupVersion", resource.groupVersion()},
                            {"version", resource.version}};
            groups.push_back(
                {{"name", resource.group}, {"versions", {version}}, {"preferredVersion", version}});
        }
        out.body = {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
        return out;
    }
    std::string groupVersion = path == "/api/v1" ? "v1" : path.substr(6);
    json list = json::array();
    for (const auto& resource : resources_) {
        if (resource.groupVersion() != groupVersion) continue;
        std::string singular = toLower(resource.kind);
        json entry = {{"name", resource.plural},
                      {"singularName", singular},
                      {"namespaced", resource.namespaced},
                      {"kind", resource.kind},
                      {"verbs", {"create", "delete", "get", "list", "patch", "update", "watch"}}};
        if (!resource.shortNames.empty()) entry["shortNames"] = resource.shortNames;
        list.push_back(entry);
    }
    if (list.empty()) return status(404, "the server could not find the requested resource");
    out.body = {{"kind", "APIResourceList"},
                {"apiVersion", "v1"},
                {"groupVersion", groupVersion},
                {"resources", list}};
    return out;
}

Response FakeApiServer::dispatch(const Request& request) {
    const std::string& path = request.path;
    if (path == "/version" || path == "/api" || path == "/api/v1" || path == "/apis" ||
        (path.rfind("/apis/", 0) == 0 && std::count(path.begin(), path.end(), '/') == 3)) {
        if (request.method != "GET") return status(405, "the server does not allow this method");
        return discovery(path);
    }
    // /api/v1[/namespaces/NS]/PLURAL[/NAME] or /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME]
    auto parts = split(path, '/');
    std::size_t at = 0;
    std::string group, version;
    if (parts.size() > 2 && parts[1] == "api") {
        version = parts[2];
        at = 3;
    } else if (parts.size() > 3 && parts[1] == "apis") {
        group = parts[2];
        version = parts[3];
        at = 4;
    } else {
        return status(404, "the server could not find the requested resource");
    }
    std::string ns;
    if (at + 1 < parts.size() && parts[at] == "namespaces") {
        ns = parts[at + 1];
        at += 2;
    }
    if (at >= parts.size()) return status(404, "the server could not find the requested resource");
    std::string plural = parts[at];
    std::string name = at + 1 < parts.size() ? parts[at + 1] : "";
    auto resource = std::find_if(resources_.begin(), resources_.end(), [&](const Resource& r) {
        return r.group == group && r.version == version && r.plural == plural;
    });
    if (resource == resources_.end() || (!ns.empty() && !resource->namespaced))
        return status(404, "the server could not find the requested resource");
    const std::string& method = request.method;
    if (name.empty()) {
        if (method == "GET") return list(*resource, ns, request);
        if (method == "POST") {
            if (resource->namespaced && ns.empty())
                return status(405,
                              "the server does not allow this method on the requested resource");
            return create(*resource, ns, request);
        }
        return status(405, "the server does not allow this method on the requested resource");
    }
    if (resource->namespaced && ns.empty())
        return status(404, "the server could not find the requested resource");
    if (method == "GET") return get(*resource, ns, name);
    if (method == "PUT") return update(*resource, ns, name, request);
    if (method == "PATCH") return patch(*resource, ns, name, request);
    if (method == "DELETE") return remove(*resource, ns, name, request);
    return status(405, "the server does not allow this method on the requested resource");
}

Response FakeApiServer::list(const Resource& resource, const std::string& ns,
                             const Request& request) {
    const json& objects = bucket(resource);
    std::size_t limit = 0;
    if (auto it = request.query.find("limit"); it != request.query.end())
        limit = std::stoul(it->second);
    std::string selector =
        request.query.count("labelSelector") ? request.query.at("labelSelector") : "";
    // The continue token names the last key handed out; keys are sorted, so the next page starts
    // after it even when objects were added meanwhile.
    std::string after;
    if (auto it = request.query.find("continue"); it != request.query.end()) {
        after = it->second;
        if (after.rfind("k:", 0) != 0) return status(400, "invalid continue token");
        after = after.substr(2);
    }
    std::string items;
    std::size_t count = 0;
    std::string lastKey;
    bool more = false;
    const auto& texts = serializedItems(resource);
    // Straight to the first key after the token (the objects are a sorted map): a list of
    // 100,000 objects in pages of 500 is linear, not quadratic.
    static const json::object_t kNoObjects;
    const auto& sorted =
        objects.is_object() ? objects.get_ref<const json::object_t&>() : kNoObjects;
    auto first = after.empty() ? sorted.begin() : sorted.upper_bound(after);
    for (auto it = first; it != sorted.end(); ++it) {
        const json& object = it->second;
        if (!ns.empty() && object["metadata"].value("namespace", "") != ns) continue;
        if (!selector.empty() &&
            !labelSelectorMatches(object["metadata"].value("labels", json::object()), selector))
            continue;
        if (limit && count == limit) {
            more = true;
            break;
        }
        if (count++) items += ',';
        items += texts.at(it->first);
        lastKey = it->first;
    }
    Response out;
    json meta = {{"resourceVersion", std::to_string(version_)}};
    if (more) meta["continue"] = "k:" + lastKey;
    // As kube-apiserver writes a list: kind, apiVersion and metadata before the items.
    out.text = R"({"kind":")" + resource.kind + R"(List","apiVersion":")" +
               resource.groupVersion() + R"(","metadata":)" + meta.dump() + R"(,"items":[)" +
               items + "]}";
    return out;
}

const std::map<std::string, std::string>& FakeApiServer::serializedItems(const Resource& resource) {
    auto found = serialized_.find(resource.key());
    if (found != serialized_.end()) return found->second;
    auto& texts = serialized_[resource.key()];
    const json& objects = bucket(resource);
    if (!objects.is_object()) return texts;
    for (const auto& [key, object] : objects.get_ref<const json::object_t&>()) {
        // Built-in lists carry no kind or apiVersion on their items; custom resources' do.
        if (resource.custom) {
            texts.emplace(key, object.dump());
            continue;
        }
        json item = object;
        item.erase("kind");
        item.erase("apiVersion");
        texts.emplace(key, item.dump());
    }
    return texts;
}

Response FakeApiServer::get(const Resource& resource, const std::string& ns,
                            const std::string& name) const {
    auto store = stores_.find(resource.key());
    if (store == stores_.end() || !store->second.contains(objectKey(ns, name)))
        return status(404, resource.qualified() + " \"" + name + "\" not found", "NotFound",
                      {{"name", name}, {"group", resource.group}, {"kind", resource.plural}});
    Response out;
    out.body = store->second[objectKey(ns, name)];
    return out;
}

std::optional<Response> FakeApiServer::validate(const Resource& resource,
                                                const json& object) const {
    std::string name = object.value("metadata", json::object()).value("name", "");
    if (name.empty())
        return status(422, resource.kind + "." + resource.group +
                               " \"\" is invalid: metadata.name: Required value: name or "
                               "generateName is required");
    // The Calico API server validates v3 BGPConfigurations as calico does; the CRD does not.
    if (resource.group == "projectcalico.org" && resource.kind == "BGPConfiguration") {
        auto decoded = decodeBgpConfiguration(object);
        std::vector<FieldError> errors = decoded.errors;
        if (decoded.resource) {
            for (auto& e : validateBgpConfiguration(*decoded.resource))
                errors.push_back(e);
        }
        if (!errors.empty())
            return status(422,
                          "BGPConfiguration.projectcalico.org \"" + name +
                              "\" is invalid: " + errors.front().field + ": Invalid value: " +
                              errors.front().value.value_or("") + ": " + errors.front().reason,
                          "Invalid",
                          {{"name", name}, {"group", resource.group}, {"kind", resource.kind}});
    }
    return std::nullopt;
}

Response FakeApiServer::create(const Resource& resource, const std::string& ns,
                               const Request& request) {
    json object;
    try {
        object = json::parse(request.body);
    } catch (const std::exception&) {
        return status(400, "the body of the request was in an unknown format");
    }
    if (!object.is_object()) return status(400, "the body of the request was in an unknown format");
    object["apiVersion"] = resource.groupVersion();
    object["kind"] = resource.kind;
    if (auto invalid = validate(resource, object)) return *invalid;
    json& meta = object["metadata"];
    std::string name = meta.value("name", "");
    if (resource.namespaced) meta["namespace"] = ns;
    if (bucket(resource).contains(objectKey(ns, name)))
        return status(409, resource.qualified() + " \"" + name + "\" already exists",
                      "AlreadyExists",
                      {{"name", name}, {"group", resource.group}, {"kind", resource.plural}});
    if (resource.group == "projectcalico.org" && resource.kind == "BGPConfiguration") {
        // The Calico API server's defaults.
        json& spec = object["spec"];
        if (!spec.contains("logSeverityScreen")) spec["logSeverityScreen"] = "Info";
        if (!spec.contains("serviceLoadBalancerAggregation"))
            spec["serviceLoadBalancerAggregation"] = "Enabled";
    }
    meta.erase("resourceVersion");
    meta["uid"] = newUuid();
    meta["creationTimestamp"] = "2026-11-25T00:00:00Z";
    Response out;
    out.status = 201;
    bool dryRun = request.query.count("dryRun") && request.query.at("dryRun") == "All";
    meta["resourceVersion"] = dryRun ? std::to_string(version_) : nextVersion();
    if (!dryRun) {
        bucket(resource)[objectKey(ns, name)] = object;
        changed(resource);
    }
    out.body = object;
    return out;
}

Response FakeApiServer::update(const Resource& resource, const std::string& ns,
                               const std::string& name, const Request& request) {
    json object;
    try {
        object = json::parse(request.body);
    } catch (const std::exception&) {
        return status(400, "the body of the request was in an unknown format");
    }
    if (!object.is_object() || object.value("metadata", json::object()).value("name", "") != name)
        return status(400, "the name of the object (" +
                               (object.is_object()
                                    ? object.value("metadata", json::object()).value("name", "")
                                    : "") +
                               ") does not match the name on the URL (" + name + ")");
    auto current = get(resource, ns, name);
    if (current.status != 200) return current;
    std::string given = object["metadata"].value("resourceVersion", "");
    std::string conflict = "Operation cannot be fulfilled on " + resource.qualified() + " \"" +
                           name +
                           "\": the object has been modified; please apply your changes "
                           "to the latest version and try again";
    if (given.empty() && resource.custom)
        return status(422, resource.kind + "." + resource.group + " \"" + name +
                               "\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must "
                               "be specified for an update");
    if (!given.empty() && given != current.body["metadata"].value("resourceVersion", ""))
        return status(409, conflict, "Conflict",
                      {{"name", name}, {"group", resource.group}, {"kind", resource.plural}});
    object["apiVersion"] = resource.groupVersion();
    object["kind"] = resource.kind;
    if (auto invalid = validate(resource, object)) return *invalid;
    json& meta = object["metadata"];
    for (const char* kept : {"uid", "creationTimestamp"})
        meta[kept] = current.body["metadata"][kept];
    if (resource.namespaced) meta["namespace"] = ns;
    bool dryRun = request.query.count("dryRun") && request.query.at("dryRun") == "All";
    meta["resourceVersion"] =
        dryRun ? current.body["metadata"]["resourceVersion"].get<std::string>() : nextVersion();
    if (!dryRun) {
        bucket(resource)[objectKey(ns, name)] = object;
        changed(resource);
    }
    Response out;
    out.body = object;
    return out;
}

Response FakeApiServer::patch(const Resource& resource, const std::string& ns,
                              const std::string& name, const Request& request) {
    auto current = get(resource, ns, name);
    if (current.status != 200) return current;
    std::string type = request.contentType.substr(0, request.contentType.find(';'));
    json body;
    try {
        body = json::parse(request.body);
    } catch (const std::exception&) {
        return status(400, "the body of the request was in an unknown format");
    }
    json patched = current.body;
    try {
        if (type == "application/merge-patch+json" ||
            (type == "application/strategic-merge-patch+json" && !resource.custom)) {
            patched.merge_patch(body);
        } else if (type == "application/json-patch+json") {
            patched = patched.patch(body);
        } else {
            return status(415,
                          "the body of the request was in an unknown format - accepted media "
                          "types include: application/json-patch+json, "
                          "application/merge-patch+json, application/apply-patch+yaml");
        }
    } catch (const std::exception& e) {
        return status(422, std::string("the server rejected our request due to an error in our "
                                       "request: ") +
                               e.what());
    }
    // A patch that carries a resourceVersion is a precondition, as on the real server.
    std::string given = patched["metadata"].value("resourceVersion", "");
    if (given != current.body["metadata"].value("resourceVersion", ""))
        return status(409,
                      "Operation cannot be fulfilled on " + resource.qualified() + " \"" + name +
                          "\": the object has been modified; please apply your changes to "
                          "the latest version and try again",
                      "Conflict",
                      {{"name", name}, {"group", resource.group}, {"kind", resource.plural}});
    Request put = request;
    put.body = patched.dump();
    return update(resource, ns, name, put);
}

Response FakeApiServer::remove(const Resource& resource, const std::string& ns,
                               const std::string& name, const Request& request) {
    auto current = get(resource, ns, name);
    if (current.status != 200) return current;
    bool dryRun = request.query.count("dryRun") && request.query.at("dryRun") == "All";
    if (!dryRun) {
        bucket(resource).erase(objectKey(ns, name));
        changed(resource);
        ++version_;
    }
    return current;
}

}  // namespace svcadv::testserver
