#include "svcadv/store/kubernetes/kubernetes_datastore.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "svcadv/model/calico_crd.h"
#include "svcadv/model/kinds.h"
#include "svcadv/store/kubernetes/kube_multi_transport.h"
#include "svcadv/util/bounded_reader.h"
#include "svcadv/util/error.h"
#include "svcadv/util/label_selector.h"

namespace svcadv {
namespace {

// Every answer svcadv reads is one JSON object (an object, a list, a Status, discovery).
json parseBody(const HttpResponse& response, const std::string& server) {
    json body;
    try {
        body = readJsonValue(response.body, server);
    } catch (const std::exception&) {
        throw Error(ExitCode::Unreachable, server + " answered something that is not JSON");
    }
    if (!body.is_object())
        throw Error(ExitCode::Unreachable, server + " answered JSON that is not an object");
    return body;
}

std::string dryRunQuery(const WriteOptions& options) {
    return options.dryRun == DryRun::Server ? "?dryRun=All" : "";
}

const KindInfo& servedKind(const std::string& kind) {
    const KindInfo* info = findKind(kind);
    if (!info) throw usageError("resource type '" + kind + "' is not supported");
    return *info;
}

// "/api/v1/namespaces/x/services", "/apis/discovery.k8s.io/v1/namespaces/x/endpointslices": the
// core group is served under /api, every other group under /apis.
std::string resourcePath(const GroupVersion& groupVersion, const KindInfo& info,
                         const std::string& namespace_) {
    std::string path = groupVersion.group.empty() ? "/api/" + groupVersion.version
                                                  : "/apis/" + groupVersion.apiVersion();
    if (info.namespaced && !namespace_.empty()) path += "/namespaces/" + namespace_;
    return path + "/" + info.plural;
}

}  // namespace

KubernetesDatastore::KubernetesDatastore(std::unique_ptr<KubeClient> client, std::string apiGroup)
    : client_(std::move(client)), apiGroup_(std::move(apiGroup)) {}

std::string KubernetesDatastore::description() const {
    return "Kubernetes API " + client_->server();
}

bool KubernetesDatastore::crdGroup() {
    if (apiGroup_.empty()) {
        HttpResponse response = client_->request("GET", "/apis");
        if (response.status != 200) throwApiError(response, "APIGroupList", "", client_->server());
        json groups = parseBody(response, client_->server());
        bool v3 = false, crd = false;
        for (const auto& group : groups.value("groups", json::array())) {
            std::string name = group.value("name", "");
            v3 = v3 || name == kCalicoApi.group;
            crd = crd || name == kCalicoCrd.group;
        }
        // The v3 API only when the CRDs are not served (storage.md).
        apiGroup_ = v3 && !crd ? kCalicoApi.apiVersion() : kCalicoCrd.apiVersion();
    }
    return apiGroup_ == kCalicoCrd.apiVersion();
}

GroupVersion KubernetesDatastore::calicoGroupVersion() {
    return crdGroup() ? kCalicoCrd : kCalicoApi;
}

std::string KubernetesDatastore::collectionPath(const ResourceRef& ref) {
    const KindInfo& info = servedKind(ref.kind);
    return resourcePath(info.calico ? calicoGroupVersion() : info.api, info, ref.namespace_);
}

std::string KubernetesDatastore::itemPath(const ResourceRef& ref) {
    if (ref.name.empty()) throw usageError("resource name may not be empty");
    return collectionPath(ref) + "/" + urlEncode(ref.name);
}

json KubernetesDatastore::toStored(const ResourceRef& ref, json object) {
    if (servedKind(ref.kind).calico && crdGroup()) return v3ToCrd(object);
    return object;
}

json KubernetesDatastore::fromStored(const std::string& kind, json object) {
    const KindInfo& info = servedKind(kind);
    if (info.calico) {
        if (crdGroup()) return crdToV3(object);
        object["apiVersion"] = info.api.apiVersion();
    }
    // Items of built-in lists come without kind and apiVersion.
    if (!object.contains("kind")) object["kind"] = kind;
    if (!object.contains("apiVersion")) object["apiVersion"] = info.api.apiVersion();
    return object;
}

std::optional<json> KubernetesDatastore::get(const ResourceRef& ref) {
    HttpResponse response = client_->request("GET", itemPath(ref));
    if (response.status == 404) return std::nullopt;
    if (response.status != 200) throwApiError(response, ref.kind, ref.name, client_->server());
    return fromStored(ref.kind, parseBody(response, client_->server()));
}

std::vector<json> KubernetesDatastore::list(const std::string& kind) {
    return listQuery(kind, "");
}

std::vector<json> KubernetesDatastore::listSelected(const std::string& kind,
                                                    const std::string& labelSelector) {
    LabelSelector::parse(labelSelector);  // a syntax error is the user's, before any request
    return listQuery(kind, labelSelector);
}

std::vector<json> KubernetesDatastore::listQuery(const std::string& kind,
                                                 const std::string& labelSelector) {
    std::string collection = collectionPath({kind, "", ""});
    // --request-timeout bounds the whole list, every page and restart included.
    auto deadline = std::chrono::steady_clock::now() + client_->timeout();
    for (int restart = 0;; ++restart) {
        std::vector<json> items;
        std::string next;
        std::set<std::string> tokensSeen;
        bool expired = false;
        do {
            std::string target = collection + "?limit=" + std::to_string(kPageSize);
            if (!labelSelector.empty()) target += "&labelSelector=" + urlEncode(labelSelector);
            if (!next.empty()) target += "&continue=" + urlEncode(next);
            HttpResponse response = client_->request("GET", target, "", "", true, deadline);
            // An expired continue token: the list starts over (a bounded number of times).
            if (response.status == 410 && restart < 3) {
                expired = true;
                break;
            }
            if (response.status != 200) throwApiError(response, kind, "", client_->server());
            json page = parseBody(response, client_->server());
            auto found = page.find("items");
            if (found != page.end() && !found->is_array() && !found->is_null())
                throw Error(ExitCode::Unreachable,
                            client_->server() + " answered a list whose items are not an array");
            if (found != page.end() && found->is_array()) {
                for (auto& item : *found) {
                    if (!item.is_object() || !item.contains("metadata") ||
                        !item["metadata"].is_object())
                        throw Error(ExitCode::Unreachable,
                                    client_->server() + " answered a list item without metadata");
                    items.push_back(fromStored(kind, std::move(item)));
                }
            }
            next.clear();
            if (auto meta = page.find("metadata"); meta != page.end() && meta->is_object()) {
                if (auto token = meta->find("continue"); token != meta->end() && token->is_string())
                    next = token->get<std::string>();
            }
            // A server that hands out a token again would keep svcadv paging forever.
            if (!next.empty() && !tokensSeen.insert(next).second)
                throw Error(ExitCode::Unreachable, client_->server() +
                                                       " repeated a continue token while listing " +
                                                       kind + " (the list would never end)");
        } while (!next.empty());
        if (expired) continue;
        auto key = [](const json& o) {
            const json& m = o.at("metadata");
            return std::make_pair(m.value("namespace", ""), m.value("name", ""));
        };
        std::sort(items.begin(), items.end(),
                  [&](const json& a, const json& b) { return key(a) < key(b); });
        return items;
    }
}

void KubernetesDatastore::streamLists(const std::vector<std::string>& kinds,
                                      const PageHandler& onPage, const ListRestart& onRestart) {
    std::vector<ListSpec> lists;
    for (const auto& kind : kinds) {
        if (servedKind(kind).calico)
            throw Error(ExitCode::Other, kind + " is converted on the way: list() reads it");
        lists.push_back({kind, collectionPath({kind, "", ""})});
    }
    KubeMultiTransport transport(*client_);
    PagerOptions options;
    options.pageSize = kPageSize;
    options.timeout = client_->timeout();
    fetchListPages(transport, lists, options, onPage, onRestart);
}

json KubernetesDatastore::create(const ResourceRef& ref, json object, const WriteOptions& options) {
    object["metadata"].erase("resourceVersion");
    if (options.dryRun == DryRun::Client) {
        // The name must be free, as the server would check; nothing is sent.
        if (get(ref)) throw alreadyExists(ref.kind, ref.name);
        return object;
    }
    HttpResponse response =
        client_->request("POST", collectionPath(ref) + dryRunQuery(options),
                         toStored(ref, object).dump(), "application/json", false);
    if (response.status != 201 && response.status != 200)
        throwApiError(response, ref.kind, ref.name, client_->server());
    return fromStored(ref.kind, parseBody(response, client_->server()));
}

json KubernetesDatastore::update(const ResourceRef& ref, json object, const WriteOptions& options) {
    if (object["metadata"].value("resourceVersion", "").empty()) {
        // An unconditional update (replace without a version): take the stored one.
        auto current = get(ref);
        if (!current) throw notFound(ref.kind, ref.name);
        object["metadata"]["resourceVersion"] = (*current)["metadata"]["resourceVersion"];
        if ((*current)["metadata"].contains("uid") && !object["metadata"].contains("uid"))
            object["metadata"]["uid"] = (*current)["metadata"]["uid"];
    }
    if (options.dryRun == DryRun::Client) return object;
    // A PUT carrying a resourceVersion is safe to repeat: a second one conflicts, never doubles.
    HttpResponse response = client_->request("PUT", itemPath(ref) + dryRunQuery(options),
                                             toStored(ref, object).dump(), "application/json");
    if (response.status != 200) throwApiError(response, ref.kind, ref.name, client_->server());
    return fromStored(ref.kind, parseBody(response, client_->server()));
}

json KubernetesDatastore::mergePatch(const ResourceRef& ref, const json& patch,
                                     const WriteOptions& options) {
    if (options.dryRun == DryRun::Client) {
        auto current = get(ref);
        if (!current) throw notFound(ref.kind, ref.name);
        current->merge_patch(patch);
        return *current;
    }
    // With a resourceVersion in it the patch is a precondition, so repeating it is safe.
    HttpResponse response = client_->request("PATCH", itemPath(ref) + dryRunQuery(options),
                                             patch.dump(), "application/merge-patch+json");
    if (response.status != 200) throwApiError(response, ref.kind, ref.name, client_->server());
    return fromStored(ref.kind, parseBody(response, client_->server()));
}

std::optional<json> KubernetesDatastore::clusterVersions() {
    json out = json::object();
    HttpResponse version = client_->request("GET", "/version");
    if (version.status != 200) throwApiError(version, "version", "", client_->server());
    out["kubernetes"] = parseBody(version, client_->server()).value("gitVersion", "");
    // calicoctl reads ClusterInformation `default` for the Calico version.
    HttpResponse info =
        client_->request("GET", collectionPath({"ClusterInformation", "", ""}) + "/default");
    if (info.status == 200) {
        json spec = parseBody(info, client_->server()).value("spec", json::object());
        if (spec.contains("calicoVersion")) out["calico"] = spec["calicoVersion"];
    }
    return out;
}

json KubernetesDatastore::remove(const ResourceRef& ref, const WriteOptions& options) {
    if (options.dryRun == DryRun::Client) {
        auto current = get(ref);
        if (!current) throw notFound(ref.kind, ref.name);
        return *current;
    }
    HttpResponse response =
        client_->request("DELETE", itemPath(ref) + dryRunQuery(options), "", "", false);
    if (response.status != 200) throwApiError(response, ref.kind, ref.name, client_->server());
    return fromStored(ref.kind, parseBody(response, client_->server()));
}

}  // namespace svcadv
