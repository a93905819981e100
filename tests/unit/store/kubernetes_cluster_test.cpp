// loadClusterFromKubernetes against a loopback server that routes by target: ClusterInformation
// first, BGPConfigurations through list(), the built-in kinds' lists side by side and paginated,
// an expired continue token forgetting what its list gave, core Endpoints only for the releases
// that read them, and the decoder's messages naming the datastore.
#include "svcadv/store/kubernetes_cluster.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>

#include "loopback_connection.h"
#include "svcadv/model/calico_crd.h"
#include "svcadv/util/error.h"
#include "tiny_http_server.h"

using namespace svcadv;
using namespace std::chrono_literals;
using test::CannedResponse;
using test::RecordedRequest;
using test::TinyHttpServer;

namespace {

KubernetesDatastore datastoreFor(TinyHttpServer& server) {
    KubeConnection connection = test::loopbackConnection(server.url());
    return KubernetesDatastore(std::make_unique<KubeClient>(connection, 5s),
                               kCalicoCrd.apiVersion());
}

std::string listOf(const std::string& kind, const json& items, const std::string& token = "") {
    json meta = json::object();
    if (!token.empty()) meta["continue"] = token;
    return json{{"kind", kind + "List"}, {"metadata", meta}, {"items", items}}.dump();
}

json named(const std::string& name, const std::string& namespace_ = "") {
    json meta = {{"name", name}};
    if (!namespace_.empty()) meta["namespace"] = namespace_;
    return {{"metadata", meta}};
}

std::string clusterInformation(const std::string& version) {
    return json{{"apiVersion", "crd.projectcalico.org/v1"},
                {"kind", "ClusterInformation"},
                {"metadata", {{"name", "default"}}},
                {"spec", {{"calicoVersion", version}}}}
        .dump();
}

const std::string kBgpConfigurations =
    json{
        {"items", json::array({{{"apiVersion", "crd.projectcalico.org/v1"},
                                {"kind", "BGPConfiguration"},
                                {"metadata", {{"name", "default"}}},
                                {"spec", {{"serviceClusterIPs", {{{"cidr", "10.96.0.0/12"}}}}}}}})}}
        .dump();

}  // namespace

TEST_CASE("the lists are paginated, side by side, and a 410 forgets what its list gave") {
    std::atomic<int> expired = 0;
    auto route = [&](const RecordedRequest& request) -> CannedResponse {
        const std::string& t = request.target;
        if (t == "/apis/crd.projectcalico.org/v1/clusterinformations/default")
            return {200, clusterInformation("v3.33.0")};
        if (t == "/apis/crd.projectcalico.org/v1/bgpconfigurations?limit=500")
            return {200, kBgpConfigurations};
        if (t == "/api/v1/nodes?limit=500")
            return {200, listOf("Node", json::array({named("n1"), named("n2")}), "c1")};
        if (t == "/api/v1/nodes?limit=500&continue=c1") {
            if (expired++ == 0) return {410, R"({"kind":"Status","code":410,"reason":"Expired"})"};
            return {200, listOf("Node", json::array({named("n3")}))};
        }
        if (t == "/api/v1/services?limit=500")
            return {200, listOf("Service", json::array({named("s1", "shop")}))};
        if (t == "/apis/discovery.k8s.io/v1/endpointslices?limit=500") {
            json slice = named("s1-abc", "shop");
            slice["metadata"]["labels"] = {{"kubernetes.io/service-name", "s1"}};
            slice["addressType"] = "IPv4";
            slice["endpoints"] = json::array({{{"nodeName", "n3"}}});
            return {200, listOf("EndpointSlice", json::array({slice}))};
        }
        return {404, R"({"kind":"Status","code":404})"};
    };
    TinyHttpServer server(route, 8);
    auto store = datastoreFor(server);
    ClusterState state = loadClusterFromKubernetes(store, store, std::nullopt);
    CHECK(state.calicoVersion == std::optional<std::string>("v3.33.0"));
    REQUIRE(state.defaultBgpConfiguration());
    REQUIRE(state.nodes.size() == 3);  // n1 and n2 once, though their page came twice
    std::vector<std::string> nodes;
    for (const auto& node : state.nodes)
        nodes.push_back(node.name);
    std::sort(nodes.begin(), nodes.end());
    CHECK(nodes == std::vector<std::string>{"n1", "n2", "n3"});
    REQUIRE(state.services.size() == 1);
    CHECK(state.services[0].namespace_ == "shop");
    REQUIRE(state.endpointSlices.size() == 1);
    CHECK(state.endpointSlices[0].serviceName == "s1");
    REQUIRE(state.endpointSlices[0].endpoints.size() == 1);
    CHECK(state.endpointSlices[0].endpoints[0].nodeName == "n3");
    CHECK(state.coreEndpoints.empty());
    const auto& requests = server.requests();
    REQUIRE(requests.size() == 8);
    // ClusterInformation first, then the BGPConfigurations; every request answered (no 404).
    CHECK(requests[0].target == "/apis/crd.projectcalico.org/v1/clusterinformations/default");
    CHECK(requests[1].target == "/apis/crd.projectcalico.org/v1/bgpconfigurations?limit=500");
    for (const auto& request : requests)
        CHECK(route(request).status != 404);
}

TEST_CASE("core Endpoints are listed for the releases that read them") {
    auto route = [](const RecordedRequest& request) -> CannedResponse {
        const std::string& t = request.target;
        if (t == "/apis/crd.projectcalico.org/v1/clusterinformations/default")
            return {200, clusterInformation("v3.29.2")};
        if (t == "/apis/crd.projectcalico.org/v1/bgpconfigurations?limit=500")
            return {200, listOf("BGPConfiguration", json::array())};
        if (t == "/api/v1/endpoints?limit=500") {
            json endpoints = named("s1", "shop");
            endpoints["subsets"] = json::array(
                {{{"addresses", json::array({{{"ip", "10.0.0.5"}, {"nodeName", "n1"}}})}}});
            return {200, listOf("Endpoints", json::array({endpoints}))};
        }
        if (t.find("?limit=500") != std::string::npos) return {200, listOf("X", json::array())};
        return {404, R"({"kind":"Status","code":404})"};
    };
    TinyHttpServer server(route, 6);
    auto store = datastoreFor(server);
    ClusterState state = loadClusterFromKubernetes(store, store, std::nullopt);
    REQUIRE(state.coreEndpoints.size() == 1);
    REQUIRE(state.coreEndpoints[0].readyAddresses.size() == 1);
    CHECK(state.coreEndpoints[0].readyAddresses[0].ip == "10.0.0.5");
    bool listedEndpoints = false;
    for (const auto& request : server.requests())
        listedEndpoints = listedEndpoints || request.target == "/api/v1/endpoints?limit=500";
    CHECK(listedEndpoints);
}

TEST_CASE("an object the decoder refuses is the error, naming the datastore and the kind") {
    auto route = [](const RecordedRequest& request) -> CannedResponse {
        const std::string& t = request.target;
        if (t == "/apis/crd.projectcalico.org/v1/clusterinformations/default")
            return {404, R"({"kind":"Status","code":404})"};
        if (t == "/api/v1/nodes?limit=500")
            return {200, listOf("Node", json::array({json{{"metadata", {{"uid", "x"}}}}}))};
        return {200, listOf("X", json::array())};
    };
    TinyHttpServer server(route, 5);
    auto store = datastoreFor(server);
    try {
        loadClusterFromKubernetes(store, store, std::nullopt);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).starts_with("Kubernetes API " + server.url() + ": Node"));
    }
}
