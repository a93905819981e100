// The JSON stream: List members and top-level arrays read one object at a time.
#include <doctest/doctest.h>

#include "cluster_samples.h"

using namespace svcadv;
using namespace svcadv::test;

TEST_CASE("a JSON List is decoded member by member into the compact structs") {
    std::string list =
        std::string(R"({"apiVersion":"v1","items":[)") + kServiceJson + "," + kSliceJson +
        R"(,{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1","labels":)"
        R"({"node.kubernetes.io/exclude-from-external-load-balancers":"true"}}},)"
        R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"type":5}}],)"
        R"("kind":"List","metadata":{"resourceVersion":""}})";
    ClusterState state = readCluster(list);
    REQUIRE(state.services.size() == 1);
    const ServiceInfo& service = state.services[0];
    CHECK(service.key() == "shop/web");
    CHECK(service.type == "LoadBalancer");
    CHECK(service.clusterIPs == std::vector<std::string>{"10.96.0.1", "fd00::1"});
    CHECK(service.ipFamilies == std::vector<std::string>{"IPv4", "IPv6"});
    CHECK(service.externalIPs == std::vector<std::string>{"192.0.2.1"});
    CHECK(service.loadBalancerIP == "198.51.100.9");
    CHECK(service.externalTrafficPolicy == "Local");
    CHECK(service.ingressIPs == std::vector<std::string>{"198.51.100.1"});
    REQUIRE(state.endpointSlices.size() == 1);
    const auto& slice = state.endpointSlices[0];
    CHECK(slice.serviceName == "web");
    CHECK(slice.addressType == "IPv4");
    REQUIRE(slice.endpoints.size() == 2);
    CHECK(slice.endpoints[0].nodeName == "n1");
    CHECK_FALSE(slice.endpoints[0].ready);
    CHECK(slice.endpoints[1].ready);
    REQUIRE(state.nodes.size() == 1);
    CHECK(state.nodes[0].excluded());
    // The Pod's spec.type is a number, which is nothing to a Service decoder.
    CHECK(state.ignoredObjects == 1);
}

TEST_CASE("a single JSON object and a BGPConfiguration inside a List") {
    ClusterState single = readCluster(kServiceJson);
    CHECK(single.services.size() == 1);
    ClusterState withConfig = readCluster(
        R"({"kind":"List","items":[{"apiVersion":"projectcalico.org/v3","kind":"BGPConfiguration",)"
        R"("metadata":{"name":"default"},"spec":{"serviceClusterIPs":[{"cidr":"10.96.0.0/12"}]}}]})");
    REQUIRE(withConfig.defaultBgpConfiguration() != nullptr);
    CHECK(withConfig.defaultBgpConfiguration()->spec.serviceClusterIPs->at(0).cidr ==
          "10.96.0.0/12");
}

TEST_CASE("a top-level JSON array is a list of objects too") {
    ClusterState state = readCluster(std::string("[") + kServiceJson + "," + kSliceJson + "]");
    CHECK(state.services.size() == 1);
    CHECK(state.endpointSlices.size() == 1);
    CHECK(readCluster("[]").services.empty());
}

TEST_CASE("only the top level's items is the member list") {
    // A List whose items come before its kind, and an `items` key deeper down that is not one.
    ClusterState state =
        readCluster(R"({"items":[{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1",)"
                    R"("annotations":{"items":"x"}},"spec":{"items":[1,2]}}],"kind":"NodeList",)"
                    R"("metadata":{"items":[]}})");
    REQUIRE(state.nodes.size() == 1);
    CHECK(state.nodes[0].name == "n1");
    CHECK(state.ignoredObjects == 0);
}

TEST_CASE("members are named by their index in error messages") {
    std::string list = std::string(R"({"kind":"List","items":[)") + kServiceJson + "," +
                       kServiceJson + R"(,{"apiVersion":"v1","kind":"Node","metadata":{}}]})";
    CHECK(readError(list) == "in.json: document 1: items[2]: metadata.name is missing");
    CHECK(readError(R"({"items":["text"]})") ==
          "in.json: document 1: items[0]: expected an object, got a string");
    CHECK(readError(R"({"items":[true]})") ==
          "in.json: document 1: items[0]: expected an object, got a boolean");
    // null stands for "not set", as everywhere in the API: a member with nothing in it.
    CHECK(readError(R"({"items":[null]})") == "in.json: document 1: items[0]: kind is missing");
}

TEST_CASE("syntax errors are invalid input naming the source, without nlohmann's tag") {
    std::string message = readError(R"({"items":[{"kind":"Node",}]})");
    CHECK(message.starts_with("in.json: invalid JSON: "));
    CHECK(message.find("[json.exception") == std::string::npos);
    CHECK(readError("[").starts_with("in.json: invalid JSON: "));
}

TEST_CASE("progress is told the running count of members") {
    std::string list = std::string(R"({"kind":"List","items":[)") + kServiceJson + "," +
                       kSliceJson + R"(,{"kind":"Pod","metadata":{"name":"p"}}]})";
    std::vector<std::size_t> counts;
    ClusterState state;
    readClusterObjects(state, list, "in.json", [&](std::size_t n) { counts.push_back(n); });
    CHECK(counts == std::vector<std::size_t>{1, 2, 3});
    CHECK(state.ignoredObjects == 1);
}
