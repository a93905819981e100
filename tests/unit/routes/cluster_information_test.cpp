// ClusterInformation `default` and core v1 Endpoints in a cluster's objects, from YAML and from the
// streamed JSON of a `kubectl get -o json` List.
#include <doctest/doctest.h>

#include "svcadv/routes/cluster.h"
#include "svcadv/util/error.h"

using namespace svcadv;

namespace {

ClusterState read(const std::string& text) {
    ClusterState state;
    readClusterObjects(state, text, "in.yaml");
    removeDuplicateObjects(state);
    return state;
}

}  // namespace

TEST_CASE("ClusterInformation default: its calicoVersion is kept; other names are ignored") {
    ClusterState state = read(
        "apiVersion: projectcalico.org/v3\nkind: ClusterInformation\nmetadata: {name: default}\n"
        "spec: {calicoVersion: v3.30.4, clusterType: k8s}\n---\n"
        "apiVersion: projectcalico.org/v3\nkind: ClusterInformation\nmetadata: {name: other}\n"
        "spec: {calicoVersion: v3.20.0}\n");
    CHECK(state.calicoVersion == "v3.30.4");
    CHECK(state.ignoredObjects == 1);

    ClusterState json = read(
        R"({"kind": "List", "items": [{"apiVersion": "crd.projectcalico.org/v1", "kind":
        "ClusterInformation", "metadata": {"name": "default"}, "spec": {"calicoVersion":
        "v3.31.7"}}]})");
    CHECK(json.calicoVersion == "v3.31.7");

    ClusterState none = read(
        "apiVersion: projectcalico.org/v3\nkind: ClusterInformation\nmetadata: {name: default}\n"
        "spec: {}\n");
    CHECK_FALSE(none.calicoVersion);
}

TEST_CASE("ClusterInformation: a calicoVersion that is not a string names the file and field") {
    ClusterState state;
    CHECK_THROWS_WITH_AS(
        readClusterObjects(state,
                           "apiVersion: projectcalico.org/v3\nkind: ClusterInformation\n"
                           "metadata: {name: default}\nspec: {calicoVersion: [3]}\n",
                           "in.yaml"),
        "in.yaml: document 1: spec.calicoVersion: expected a string", Error);
}

TEST_CASE("Endpoints: ready addresses with their nodes; notReadyAddresses never read") {
    const char* yaml =
        "apiVersion: v1\nkind: Endpoints\nmetadata: {name: web, namespace: ns}\nsubsets:\n"
        "- addresses: [{ip: 192.168.1.1, nodeName: a}, {ip: 'fd00::1', nodeName: b}]\n"
        "  notReadyAddresses: [{ip: 192.168.1.2, nodeName: c}]\n"
        "- addresses: [{ip: 192.168.1.3}]\n";
    ClusterState state = read(yaml);
    REQUIRE(state.coreEndpoints.size() == 1);
    const auto& endpoints = state.coreEndpoints.front();
    CHECK(endpoints.namespace_ == "ns");
    CHECK(endpoints.name == "web");
    REQUIRE(endpoints.readyAddresses.size() == 3);
    CHECK(endpoints.readyAddresses[0].ip == "192.168.1.1");
    CHECK(endpoints.readyAddresses[0].nodeName == "a");
    CHECK(endpoints.readyAddresses[1].nodeName == "b");
    CHECK(endpoints.readyAddresses[2].nodeName.empty());

    ClusterState json = read(
        R"({"kind": "EndpointsList", "items": [{"metadata": {"name": "web", "namespace": "ns"},
        "kind": "Endpoints", "apiVersion": "v1", "subsets": [{"addresses": [{"ip": "10.1.1.1",
        "nodeName": "n1"}]}]}]})");
    REQUIRE(json.coreEndpoints.size() == 1);
    CHECK(json.coreEndpoints.front().readyAddresses.front().nodeName == "n1");
}

TEST_CASE("Endpoints: a nodeName of the wrong type is an error naming the path") {
    ClusterState state;
    CHECK_THROWS_WITH_AS(readClusterObjects(state,
                                            "apiVersion: v1\nkind: Endpoints\nmetadata: {name: "
                                            "w}\nsubsets:\n- addresses: [{ip: 1.1.1.1, "
                                            "nodeName: [x]}]\n",
                                            "in.yaml"),
                         "in.yaml: document 1: subsets[0].addresses[0].nodeName: expected a "
                         "string, got a list",
                         Error);
}

TEST_CASE("Endpoints: a second copy replaces the first") {
    ClusterState state = read(
        "apiVersion: v1\nkind: Endpoints\nmetadata: {name: w, namespace: ns}\nsubsets: []\n---\n"
        "apiVersion: v1\nkind: Endpoints\nmetadata: {name: w, namespace: ns}\nsubsets:\n"
        "- addresses: [{ip: 1.1.1.1, nodeName: a}]\n");
    REQUIRE(state.coreEndpoints.size() == 1);
    CHECK(state.coreEndpoints.front().readyAddresses.size() == 1);
}
