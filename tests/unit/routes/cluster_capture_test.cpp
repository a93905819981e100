// The one decoder of Nodes, Services, EndpointSlices (and BGPConfigurations): which fields it
// keeps and which wrong types it reports, from JSON events and from parsed trees.
#include <doctest/doctest.h>

#include "cluster_samples.h"

using namespace svcadv;
using namespace svcadv::test;

TEST_CASE("wrong types of used fields name the document and the path") {
    CHECK(readError(R"({"items":[{"apiVersion":"v1","kind":"Service","metadata":{"name":"x"},)"
                    R"("spec":{"clusterIPs":"10.0.0.1"}}]})") ==
          "in.json: document 1: items[0]: spec.clusterIPs: expected a list, got a string");
    CHECK(readError(R"({"items":[{},{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",)"
                    R"("metadata":{"name":"s"},"endpoints":[{"conditions":{"ready":"yes"}}]}]})") ==
          "in.json: document 1: items[0]: kind is missing");
    CHECK(
        readError(R"({"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",)"
                  R"("metadata":{"name":"s"},"endpoints":[{},{"conditions":{"ready":"yes"}}]})") ==
        "in.json: document 1: endpoints[1].conditions.ready: expected a boolean, got a string");
    CHECK(readError(R"({"apiVersion":"v1","kind":"Node","metadata":{"name":"n","labels":)"
                    R"({"node.kubernetes.io/exclude-from-external-load-balancers":true}}})") ==
          "in.json: document 1: metadata.labels.node.kubernetes.io/"
          "exclude-from-external-load-balancers: expected a string, got a boolean");
    CHECK(readError(R"({"items":[5]})") ==
          "in.json: document 1: items[0]: expected an object, got a number");
    CHECK(readError(R"({"apiVersion":"v1","kind":"Node","metadata":{}})") ==
          "in.json: document 1: metadata.name is missing");
    CHECK(readError(R"({"kind": 7})") ==
          "in.json: document 1: kind: expected a string, got a number");
    CHECK(readError(R"({"items":[)").find("in.json: invalid JSON: ") == 0);
}

TEST_CASE("a tree walks through the same capture: fields of each kind") {
    ClusterState state;
    addClusterObject(state, {"a.yaml", "document 1", json::parse(kServiceJson)});
    addClusterObject(state, {"a.yaml", "document 2", json::parse(R"({"apiVersion":"v1",
        "kind":"Node","metadata":{"name":"n2","labels":{
        "node.kubernetes.io/exclude-from-external-load-balancers":"yes"}}})")});
    addClusterObject(state, {"a.yaml", "document 3", json::parse(R"({"apiVersion":"v1",
        "kind":"Service","metadata":{"name":"plain"},"spec":{}})")});
    REQUIRE(state.services.size() == 2);
    CHECK(state.services[0].ingressIPs == std::vector<std::string>{"198.51.100.1"});
    CHECK(state.services[1].key() == "default/plain");  // no namespace: default
    CHECK(state.services[1].type.empty());
    CHECK(state.services[1].clusterIPs.empty());
    REQUIRE(state.nodes.size() == 1);
    CHECK(state.nodes[0].excludeLabel == "yes");
    CHECK_FALSE(state.nodes[0].excluded());  // only "true" excludes
}

TEST_CASE("endpoints: ready unless conditions.ready is false; nodeName may be missing") {
    ClusterState state;
    addClusterObject(state, {"a.yaml", "document 1", json::parse(R"({
        "apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","addressType":"IPv6",
        "metadata":{"name":"s","namespace":"shop"},
        "endpoints":[{"conditions":{"ready":true},"nodeName":"a"},{"conditions":{}},
                     {"conditions":{"ready":null}},{"conditions":{"ready":false}}]})")});
    REQUIRE(state.endpointSlices.size() == 1);
    const auto& slice = state.endpointSlices[0];
    CHECK(slice.serviceName.empty());
    CHECK(slice.addressType == "IPv6");
    REQUIRE(slice.endpoints.size() == 4);
    CHECK(slice.endpoints[0].nodeName == "a");
    CHECK(slice.endpoints[1].nodeName.empty());
    CHECK(slice.endpoints[0].ready);
    CHECK(slice.endpoints[1].ready);
    CHECK_FALSE(slice.endpoints[3].ready);
}

TEST_CASE("a wrong type matters only to the kinds that read the field") {
    // A Pod's spec.type and a Node's endpoints are nothing to svcadv.
    CHECK(addError(json::parse(R"({"kind":"Pod","metadata":{"name":"p"},"spec":{"type":5}})"))
              .empty());
    CHECK(addError(json::parse(R"({"apiVersion":"v1","kind":"Node","metadata":{"name":"n"},)"
                               R"("endpoints":"none"})"))
              .empty());
    CHECK(addError(json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},)"
                               R"("spec":{"type":5}})")) ==
          "a.yaml: document 1: spec.type: expected a string, got a number");
    // kind and apiVersion are read for every object.
    CHECK(addError(json::parse(R"({"kind":"Pod","apiVersion":["v1"]})")) ==
          "a.yaml: document 1: apiVersion: expected a string, got a list");
    CHECK(addError(json::parse(R"({"kind":"Service","metadata":{"name":"s"},)"
                               R"("status":{"loadBalancer":{"ingress":[{"ip":1}]}}})")) ==
          "a.yaml: document 1: status.loadBalancer.ingress[0].ip: expected a string, got a number");
}

TEST_CASE("an EndpointSlice of another API version is refused") {
    CHECK(addError(json::parse(R"({"apiVersion":"discovery.k8s.io/v1beta1",)"
                               R"("kind":"EndpointSlice","metadata":{"name":"s"}})")) ==
          "a.yaml: document 1: EndpointSlice apiVersion 'discovery.k8s.io/v1beta1' is not "
          "supported (expected discovery.k8s.io/v1)");
}

TEST_CASE("a BGPConfiguration is decoded strictly, with its origin") {
    ClusterState state;
    addClusterObject(state, {"a.yaml", "document 4", json::parse(R"({
        "apiVersion":"projectcalico.org/v3","kind":"BGPConfiguration",
        "metadata":{"name":"node.a"},"spec":{"asNumber":65000}})")});
    REQUIRE(state.bgpConfigurations.size() == 1);
    CHECK(state.bgpConfigurations[0].origin == "a.yaml: document 4");
    CHECK(state.bgpConfigurations[0].resource.spec.asNumber == 65000u);
    CHECK(state.defaultBgpConfiguration() == nullptr);
    CHECK(addError(json::parse(R"({"apiVersion":"projectcalico.org/v3",)"
                               R"("kind":"BGPConfiguration","metadata":{"name":"default"},)"
                               R"("spec":{"asNumbr":1}})")) ==
          "a.yaml: document 1: field in document is not recognized or is in the wrong location: "
          "spec.asNumbr (did you mean asNumber?)");
    CHECK(addError(json::parse(R"({"apiVersion":"projectcalico.org/v3",)"
                               R"("kind":"BGPConfiguration","metadata":{},"spec":{}})")) ==
          "a.yaml: document 1: metadata.name is missing");
}
