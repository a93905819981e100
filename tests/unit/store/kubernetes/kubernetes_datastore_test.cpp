// KubernetesDatastore against a loopback HTTP server with canned answers: the REST paths and
// queries it uses, the CRD <-> v3 conversion on the way, group discovery, pagination and how
// answers become results or errors.
#include <doctest/doctest.h>

#include <cstdlib>

#include "loopback_connection.h"
#include "svcadv/model/calico_crd.h"
#include "svcadv/model/kinds.h"
#include "svcadv/store/kubernetes/kubernetes_datastore.h"
#include "svcadv/util/error.h"
#include "tiny_http_server.h"

using namespace svcadv;
using test::CannedResponse;
using test::TinyHttpServer;

namespace {

KubernetesDatastore datastoreFor(TinyHttpServer& server, const std::string& group) {
    KubeConnection connection = test::loopbackConnection(server.url());
    return KubernetesDatastore(std::make_unique<KubeClient>(connection, std::chrono::seconds(5)),
                               group);
}

const ResourceRef kDefault{"BGPConfiguration", "", "default"};

}  // namespace

TEST_CASE("get reads the CRD and answers in v3 form") {
    json crd = {{"apiVersion", kCalicoCrd.apiVersion()},
                {"kind", "BGPConfiguration"},
                {"metadata",
                 {{"name", "default"},
                  {"resourceVersion", "12"},
                  {"uid", "01020304-0506-4708-8900-aabbccddeeff"}}},
                {"spec", {{"asNumber", 65000}}}};
    TinyHttpServer server({{200, crd.dump()}});
    auto store = datastoreFor(server, kCalicoCrd.apiVersion());
    CHECK(store.description() == "Kubernetes API " + server.url());
    auto object = store.get(kDefault);
    REQUIRE(object);
    CHECK((*object)["apiVersion"] == "projectcalico.org/v3");
    CHECK((*object)["metadata"]["resourceVersion"] == "12");
    CHECK((*object)["metadata"]["uid"] == "8040c020-a060-4710-8900-55dd33bb77ff");
    CHECK((*object)["spec"]["asNumber"] == 65000);
    REQUIRE(server.requests().size() == 1);
    CHECK(server.requests()[0].method == "GET");
    CHECK(server.requests()[0].target ==
          "/apis/crd.projectcalico.org/v1/bgpconfigurations/default");
}

TEST_CASE("get of a missing object is nullopt; an answer that is no JSON is Unreachable") {
    TinyHttpServer server({{404, R"({"kind":"Status","reason":"NotFound"})"}, {200, "<html>"}});
    auto store = datastoreFor(server, kCalicoCrd.apiVersion());
    CHECK_FALSE(store.get(kDefault));
    try {
        store.get(kDefault);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Unreachable);
        CHECK(std::string(e.what()) == server.url() + " answered something that is not JSON");
    }
}

TEST_CASE("the v3 API is used only when the CRD group is not served") {
    TinyHttpServer server({{200, R"({"groups":[{"name":"apps"},{"name":"projectcalico.org"}]})"},
                           {200, R"({"metadata":{"name":"default"},"spec":{}})"}});
    auto store = datastoreFor(server, "");
    auto object = store.get(kDefault);
    REQUIRE(object);
    CHECK((*object)["apiVersion"] == "projectcalico.org/v3");
    const auto& requests = server.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].target == "/apis");
    CHECK(requests[1].target == "/apis/projectcalico.org/v3/bgpconfigurations/default");

    TinyHttpServer both({{200, R"({"groups":[{"name":"crd.projectcalico.org"},)"
                               R"({"name":"projectcalico.org"}]})"},
                         {404, "{}"}});
    auto crdStore = datastoreFor(both, "");
    crdStore.get(kDefault);
    REQUIRE(both.requests().size() == 2);
    CHECK(both.requests()[1].target == "/apis/crd.projectcalico.org/v1/bgpconfigurations/default");
}

TEST_CASE("list follows continue tokens, sorts, and fills in the kind of built-in items") {
    TinyHttpServer server(
        {{200, R"({"metadata":{"continue":"tok/1"},"items":[{"metadata":{"name":"web",)"
               R"("namespace":"shop"}},{"metadata":{"name":"api","namespace":"shop"}}]})"},
         {200, R"({"metadata":{},"items":[{"metadata":{"name":"dns","namespace":"kube"}}]})"}});
    auto store = datastoreFor(server, kCalicoCrd.apiVersion());
    auto services = store.list("Service");
    REQUIRE(services.size() == 3);
    CHECK(services[0]["metadata"]["name"] == "dns");
    CHECK(services[1]["metadata"]["name"] == "api");
    CHECK(services[2]["metadata"]["name"] == "web");
    CHECK(services[0]["kind"] == "Service");
    CHECK(services[0]["apiVersion"] == "v1");
    const auto& requests = server.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].target == "/api/v1/services?limit=500");
    CHECK(requests[1].target == "/api/v1/services?limit=500&continue=tok%2F1");
}

TEST_CASE("an expired continue token starts the list again") {
    TinyHttpServer server(
        {{200, R"({"metadata":{"continue":"old"},"items":[{"metadata":{"name":"a"}}]})"},
         {410, R"({"reason":"Expired"})"},
         {200, R"({"metadata":{},"items":[{"metadata":{"name":"b"}}]})"}});
    auto store = datastoreFor(server, kCalicoCrd.apiVersion());
    auto nodes = store.list("Node");
    REQUIRE(nodes.size() == 1);  // only the fresh list's items
    CHECK(nodes[0]["metadata"]["name"] == "b");
    CHECK(server.requests()[2].target == "/api/v1/nodes?limit=500");
}

TEST_CASE("create POSTs the CRD form to the collection; a server dry run says dryRun=All") {
    json stored = {{"apiVersion", kCalicoCrd.apiVersion()},
                   {"kind", "BGPConfiguration"},
                   {"metadata", {{"name", "node.a"}, {"resourceVersion", "3"}}},
                   {"spec", json::object()}};
    TinyHttpServer server({{201, stored.dump()}});
    auto store = datastoreFor(server, kCalicoCrd.apiVersion());
    json object = {
        {"apiVersion", "projectcalico.org/v3"},
        {"kind", "BGPConfiguration"},
        {"metadata", {{"name", "node.a"}, {"resourceVersion", "9"}, {"labels", {{"a", "b"}}}}},
        {"spec", json::object()}};
    json created = store.create({"BGPConfiguration", "", "node.a"}, object, {DryRun::Server});
    CHECK(created["apiVersion"] == "projectcalico.org/v3");
    CHECK(created["metadata"]["resourceVersion"] == "3");
    const auto& requests = server.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "POST");
    CHECK(requests[0].target == "/apis/crd.projectcalico.org/v1/bgpconfigurations?dryRun=All");
    json sent = json::parse(requests[0].body);
    CHECK(sent["apiVersion"] == kCalicoCrd.apiVersion());
    CHECK_FALSE(sent["metadata"].contains("resourceVersion"));
    CHECK(sent["metadata"]["annotations"].contains(kMetadataAnnotation));
}

TEST_CASE("failed writes become svcadv's errors") {
    TinyHttpServer server({{409, R"({"reason":"AlreadyExists","message":"exists"})"},
                           {409, R"({"reason":"Conflict","message":"changed"})"}});
    auto store = datastoreFor(server, "projectcalico.org/v3");
    json object = {{"metadata", {{"name", "default"}, {"resourceVersion", "1"}}},
                   {"spec", json::object()}};
    CHECK_THROWS_AS(store.create(kDefault, object, {}), AlreadyExistsError);
    CHECK_THROWS_AS(store.update(kDefault, object, {}), ConflictError);
    REQUIRE(server.requests().size() == 2);
    CHECK(server.requests()[1].method == "PUT");
    CHECK(server.requests()[1].target == "/apis/projectcalico.org/v3/bgpconfigurations/default");
}

TEST_CASE("paths: namespaced kinds, escaped names; unknown kinds and empty names are refused") {
    TinyHttpServer server({{404, "{}"}, {404, "{}"}});
    auto store = datastoreFor(server, kCalicoCrd.apiVersion());
    CHECK_FALSE(store.get({"EndpointSlice", "shop", "web-abc"}));
    CHECK_FALSE(store.get({"Service", "shop", "a b/c"}));
    CHECK_THROWS_WITH_AS(store.get({"Pod", "", "p"}), "resource type 'Pod' is not supported",
                         Error);
    CHECK_THROWS_WITH_AS(store.get({"Node", "", ""}), "resource name may not be empty", Error);
    const auto& requests = server.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].target == "/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices/web-abc");
    CHECK(requests[1].target == "/api/v1/namespaces/shop/services/a%20b%2Fc");
}

namespace {

// The message and code of listing `kind`.
std::pair<std::string, ExitCode> listFailure(KubernetesDatastore& store, const std::string& kind) {
    try {
        store.list(kind);
    } catch (const Error& e) {
        return {e.what(), e.code()};
    }
    return {"", ExitCode::Ok};
}

}  // namespace

TEST_CASE("a label selector is sent to the server, which selects (kubectl -l)") {
    TinyHttpServer server(
        {{200,
          R"({"metadata":{},"items":[{"metadata":{"name":"edge-1","labels":{"role":"edge"}}}]})"}});
    auto store = datastoreFor(server, kCalicoCrd.apiVersion());
    auto nodes = store.listSelected("Node", "role in(edge),!excluded");
    REQUIRE(nodes.size() == 1);
    CHECK(nodes[0]["metadata"]["name"] == "edge-1");
    REQUIRE(server.requests().size() == 1);
    CHECK(server.requests()[0].target ==
          "/api/v1/nodes?limit=500&labelSelector=role%20in%28edge%29%2C%21excluded");
    // A selector that does not parse is the user's error, before any request.
    TinyHttpServer unused({});
    auto other = datastoreFor(unused, kCalicoCrd.apiVersion());
    CHECK_THROWS_WITH(other.listSelected("Node", "zone in (a,b"),
                      doctest::Contains("invalid label selector 'zone in (a,b'"));
    CHECK(unused.requests().empty());
}

TEST_CASE("a server that repeats a continue token is an error, not an endless list") {
    TinyHttpServer server(
        {{200, R"({"metadata":{"continue":"again"},"items":[{"metadata":{"name":"a"}}]})"},
         {200, R"({"metadata":{"continue":"again"},"items":[{"metadata":{"name":"b"}}]})"}});
    auto store = datastoreFor(server, kCalicoCrd.apiVersion());
    auto [message, code] = listFailure(store, "Node");
    CHECK(code == ExitCode::Unreachable);
    CHECK(message ==
          server.url() +
              " repeated a continue token while listing Node (the list would never end)");
}

TEST_CASE("list items without metadata, or items that are no array, are the server's error") {
    TinyHttpServer noMetadata({{200, R"({"metadata":{},"items":[{"kind":"Node"}]})"}});
    auto store = datastoreFor(noMetadata, kCalicoCrd.apiVersion());
    CHECK(listFailure(store, "Node") ==
          std::pair<std::string, ExitCode>(
              noMetadata.url() + " answered a list item without metadata", ExitCode::Unreachable));
    TinyHttpServer notArray({{200, R"({"metadata":{},"items":"x"})"}});
    auto other = datastoreFor(notArray, kCalicoCrd.apiVersion());
    CHECK(listFailure(other, "Node").second == ExitCode::Unreachable);
}

TEST_CASE("--request-timeout bounds the whole paginated list, not each page") {
    // Each page takes the server ~0.6 s to give (five canned pages, each a fresh token); the
    // list's one deadline (1.5 s) passes before the last.
    std::vector<CannedResponse> pages;
    for (int i = 0; i < 5; ++i)
        pages.push_back(
            {200, R"({"metadata":{"continue":"t)" + std::to_string(i) + R"("},"items":[]})"});
    TinyHttpServer server(pages, std::chrono::milliseconds(600));
    KubeConnection connection = test::loopbackConnection(server.url());
    KubernetesDatastore store(
        std::make_unique<KubeClient>(connection, std::chrono::milliseconds(1500)),
        kCalicoCrd.apiVersion());
    auto start = std::chrono::steady_clock::now();
    auto [message, code] = listFailure(store, "Node");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(2500));
    CHECK(code == ExitCode::Unreachable);
    CHECK(message.find("timed out") != std::string::npos);
}
