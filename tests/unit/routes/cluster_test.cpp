#include <doctest/doctest.h>

#include "svcadv/routes/cluster.h"
#include "svcadv/util/error.h"

using namespace svcadv;

namespace {

const char* kServiceJson = R"({"apiVersion":"v1","kind":"Service",
  "metadata":{"name":"web","namespace":"shop","managedFields":[{"x":1}],
              "annotations":{"a":"b"}},
  "spec":{"type":"LoadBalancer","clusterIP":"10.96.0.1","clusterIPs":["10.96.0.1","fd00::1"],
          "ipFamilies":["IPv4","IPv6"],"externalIPs":["192.0.2.1"],"loadBalancerIP":"198.51.100.9",
          "externalTrafficPolicy":"Local","ports":[{"port":80}]},
  "status":{"loadBalancer":{"ingress":[{"ip":"198.51.100.1"},{"hostname":"lb.example.com"}]}}})";

const char* kSliceJson = R"({"addressType":"IPv4","apiVersion":"discovery.k8s.io/v1",
  "endpoints":[{"addresses":["192.168.0.1"],"conditions":{"ready":false},"nodeName":"n1"},
               {"addresses":["192.168.0.2"],"nodeName":"n2"}],
  "kind":"EndpointSlice",
  "metadata":{"labels":{"kubernetes.io/service-name":"web"},"name":"web-abc","namespace":"shop"}})";

ClusterState read(const std::string& text, const std::string& source = "in.json") {
    ClusterState state;
    readClusterObjects(state, text, source);
    return state;
}

std::string errorOf(const std::string& text) {
    try {
        read(text);
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::InvalidInput);
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a JSON List is decoded member by member into the compact structs") {
    std::string list =
        std::string(R"({"apiVersion":"v1","items":[)") + kServiceJson + "," + kSliceJson +
        R"(,{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1","labels":)"
        R"({"node.kubernetes.io/exclude-from-external-load-balancers":"true"}}},)"
        R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"type":5}}],)"
        R"("kind":"List","metadata":{"resourceVersion":""}})";
    ClusterState state = read(list);
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

TEST_CASE("JSON and YAML of the same objects decode alike") {
    ClusterState fromJson = read(std::string("[") + kServiceJson + "," + kSliceJson + "]");
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

TEST_CASE("a single JSON object and a BGPConfiguration inside a List") {
    ClusterState single = read(kServiceJson);
    CHECK(single.services.size() == 1);
    ClusterState withConfig = read(
        R"({"kind":"List","items":[{"apiVersion":"projectcalico.org/v3","kind":"BGPConfiguration",)"
        R"("metadata":{"name":"default"},"spec":{"serviceClusterIPs":[{"cidr":"10.96.0.0/12"}]}}]})");
    REQUIRE(withConfig.defaultBgpConfiguration() != nullptr);
    CHECK(withConfig.defaultBgpConfiguration()->spec.serviceClusterIPs->at(0).cidr ==
          "10.96.0.0/12");
}

TEST_CASE("wrong types of used fields name the document and the path") {
    CHECK(errorOf(R"({"items":[{"apiVersion":"v1","kind":"Service","metadata":{"name":"x"},)"
                  R"("spec":{"clusterIPs":"10.0.0.1"}}]})") ==
          "in.json: document 1: items[0]: spec.clusterIPs: expected a list, got a string");
    CHECK(errorOf(R"({"items":[{},{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",)"
                  R"("metadata":{"name":"s"},"endpoints":[{"conditions":{"ready":"yes"}}]}]})") ==
          "in.json: document 1: items[0]: kind is missing");
    CHECK(errorOf(R"({"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",)"
                  R"("metadata":{"name":"s"},"endpoints":[{},{"conditions":{"ready":"yes"}}]})") ==
          "in.json: document 1: endpoints[1].conditions.ready: expected a boolean, got a string");
    CHECK(errorOf(R"({"apiVersion":"v1","kind":"Node","metadata":{"name":"n","labels":)"
                  R"({"node.kubernetes.io/exclude-from-external-load-balancers":true}}})") ==
          "in.json: document 1: metadata.labels.node.kubernetes.io/"
          "exclude-from-external-load-balancers: expected a string, got a boolean");
    CHECK(errorOf(R"({"items":[5]})") ==
          "in.json: document 1: items[0]: expected an object, got a number");
    CHECK(errorOf(R"({"apiVersion":"v1","kind":"Node","metadata":{}})") ==
          "in.json: document 1: metadata.name is missing");
    CHECK(errorOf(R"({"kind": 7})") ==
          "in.json: document 1: kind: expected a string, got a number");
    CHECK(errorOf(R"({"items":[)").find("in.json: invalid JSON: ") == 0);
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
    ClusterState state = read(
        R"([{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"NodePort"}},)"
        R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"default"},)"
        R"("spec":{"type":"LoadBalancer"}}])");
    removeDuplicateObjects(state);
    REQUIRE(state.services.size() == 1);
    CHECK(state.services[0].key() == "default/s");
    CHECK(state.services[0].type == "LoadBalancer");
}

TEST_CASE("a proposed default replaces the stored one; another name is refused") {
    ClusterState state = read(
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
