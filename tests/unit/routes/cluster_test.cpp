#include <doctest/doctest.h>

#include "cluster_samples.h"

using namespace svcadv;
using namespace svcadv::test;

TEST_CASE("JSON and YAML of the same objects decode alike") {
    ClusterState fromJson = readCluster(std::string("[") + kServiceJson + "," + kSliceJson + "]");
    json service = json::parse(kServiceJson);
    json slice = json::parse(kSliceJson);
    ClusterState fromYaml;
    addClusterObject(fromYaml, {"a.yaml", "document 1", service});
    addClusterObject(fromYaml, {"a.yaml", "document 2", slice});
    REQUIRE(fromYaml.services.size() == 1);
    CHECK(fromYaml.services[0].clusterIPs == fromJson.services[0].clusterIPs);
    CHECK(fromYaml.services[0].ingressIPs == fromJson.services[0].ingressIPs);
    CHECK(fromYaml.endpointSlices[0].endpoints.size() == 2);
    CHECK(fromYaml.endpointSlices[0].endpoints[0].ready ==
          fromJson.endpointSlices[0].endpoints[0].ready);
}

TEST_CASE("YAML errors name the document") {
    ClusterState state;
    CHECK_THROWS_WITH(readClusterObjects(state,
                                         "apiVersion: v1\nkind: Node\nmetadata: {name: a}\n---\n"
                                         "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n"
                                         "spec: {externalIPs: 5}\n",
                                         "c.yaml"),
                      "c.yaml: document 2: spec.externalIPs: expected a list, got a number");
}

TEST_CASE("a namespaced object without a namespace is in default; later copies win") {
    ClusterState state = readCluster(
        R"([{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"NodePort"}},)"
        R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"default"},)"
        R"("spec":{"type":"LoadBalancer"}}])");
    removeDuplicateObjects(state);
    REQUIRE(state.services.size() == 1);
    CHECK(state.services[0].key() == "default/s");
    CHECK(state.services[0].type == "LoadBalancer");
}

TEST_CASE("a proposed default replaces the stored one; another name is refused") {
    ClusterState state = readCluster(
        R"({"kind":"List","items":[{"apiVersion":"projectcalico.org/v3","kind":"BGPConfiguration",)"
        R"("metadata":{"name":"default"},"spec":{"asNumber":1}}]})");
    BGPConfiguration proposed;
    proposed.metadata.name = "default";
    proposed.spec.asNumber = 2;
    proposeDefaultBgpConfiguration(state, proposed, "new.yaml: document 1");
    REQUIRE(state.bgpConfigurations.size() == 1);
    CHECK(state.defaultBgpConfiguration()->spec.asNumber == 2u);
    proposed.metadata.name = "other";
    CHECK_THROWS_WITH(proposeDefaultBgpConfiguration(state, proposed, "new.yaml: document 1"),
                      doctest::Contains("only the BGPConfiguration named 'default'"));
}
