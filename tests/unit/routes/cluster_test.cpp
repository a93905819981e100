#include <doctest/doctest.h>

#include "cluster_samples.h"
#include "svcadv/model/calico_crd.h"

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

TEST_CASE("second copies: the last read wins, the rest comes out sorted by namespace and name") {
    // The exclude label's value tells the copies apart.
    auto node = [](const char* name, const char* copy) {
        return std::string(R"({"apiVersion":"v1","kind":"Node","metadata":{"name":")") + name +
               R"(","labels":{"node.kubernetes.io/exclude-from-external-load-balancers":")" + copy +
               R"("}}})";
    };
    ClusterState state =
        readCluster("[" + node("c", "1") + "," + node("a", "2") + "," + node("c", "3") + "," +
                    node("b", "4") + "," + node("c", "5") + "," + node("a", "6") + "]");
    removeDuplicateObjects(state);
    REQUIRE(state.nodes.size() == 3);
    CHECK(state.nodes[0].name == "a");
    CHECK(state.nodes[1].name == "b");
    CHECK(state.nodes[2].name == "c");
    CHECK(state.nodes[0].excludeLabel == "6");
    CHECK(state.nodes[2].excludeLabel == "5");

    // Already sorted with no second copy: left exactly as read.
    ClusterState sorted = readCluster("[" + node("a", "1") + "," + node("b", "2") + "]");
    removeDuplicateObjects(sorted);
    REQUIRE(sorted.nodes.size() == 2);
    CHECK(sorted.nodes[1].excludeLabel == "2");
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

// What `kubectl get bgpconfigurations -o json` prints on the Kubernetes datastore: the stored
// crd.projectcalico.org/v1 resource, read as that datastore reads it (model/calico_crd).
constexpr const char* kCrdBgpConfiguration =
    R"({"apiVersion":"crd.projectcalico.org/v1","kind":"BGPConfiguration",)"
    R"("metadata":{"name":"default","uid":"8ab5e4a0-9e07-4c08-9e9b-2b4b1b3b9b6c",)"
    R"("resourceVersion":"812","generation":3,"creationTimestamp":"2026-01-02T03:04:05Z",)"
    R"("managedFields":[{"manager":"calicoctl","operation":"Update"}],)"
    R"("annotations":{"projectcalico.org/metadata":"{\"creationTimestamp\":null}"}},)"
    R"("spec":{"serviceClusterIPs":[{"cidr":"10.96.0.0/12"}],)"
    R"("serviceLoadBalancerAggregation":"Disabled"}})";

TEST_CASE("crd.projectcalico.org/v1 BGPConfigurations are read as the Kubernetes datastore does") {
    for (const std::string& text : {std::string(R"({"kind":"List","apiVersion":"v1","items":[)") +
                                        kCrdBgpConfiguration + "]}",
                                    std::string(kCrdBgpConfiguration)}) {
        ClusterState state = readCluster(text);
        const BGPConfiguration* config = state.defaultBgpConfiguration();
        REQUIRE(config != nullptr);
        REQUIRE(config->spec.serviceClusterIPs.has_value());
        CHECK(config->spec.serviceClusterIPs->at(0).cidr == "10.96.0.0/12");
        CHECK(config->spec.serviceLoadBalancerAggregation == "Disabled");
        CHECK(config->metadata.resourceVersion == "812");
        // The v3 uid is the CR's with its bits reversed, as Calico's conversion makes it.
        CHECK(config->metadata.uid == reverseUidBits("8ab5e4a0-9e07-4c08-9e9b-2b4b1b3b9b6c"));
    }
    // YAML (`kubectl get bgpconfigurations -o yaml`) through the tree path, alike.
    ClusterState fromYaml;
    addClusterObject(fromYaml, {"b.yaml", "document 1", json::parse(kCrdBgpConfiguration)});
    REQUIRE(fromYaml.defaultBgpConfiguration() != nullptr);
    CHECK(fromYaml.defaultBgpConfiguration()->spec.serviceClusterIPs->size() == 1);
    // A spec error still names the document and the field.
    json wrong = json::parse(kCrdBgpConfiguration);
    wrong["spec"]["serviceClusterIP"] = json::array();
    ClusterState refused;
    CHECK_THROWS_WITH(addClusterObject(refused, {"c.yaml", "document 1", wrong}),
                      doctest::Contains("c.yaml: document 1: "));
    CHECK_THROWS_WITH(addClusterObject(refused, {"c.yaml", "document 1", wrong}),
                      doctest::Contains("spec.serviceClusterIP"));
}
