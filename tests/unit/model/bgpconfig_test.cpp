#include <doctest/doctest.h>

#include "svcadv/model/bgpconfig.h"
#include "test_helpers.h"

using namespace svcadv;
using svcadv::test::bgpConfig;
using svcadv::test::specProblems;

TEST_CASE("every spec field decodes and encodes back unchanged") {
    json body = bgpConfig("default", R"({
        "logSeverityScreen": "Debug", "nodeToNodeMeshEnabled": false, "asNumber": 64513,
        "serviceClusterIPs": [{"cidr": "10.96.0.0/12"}], "serviceExternalIPs": [{"cidr": "203.0.113.0/24"}],
        "serviceLoadBalancerIPs": [{"cidr": "198.51.100.0/24"}], "serviceLoadBalancerAggregation": "Disabled",
        "communities": [{"name": "big", "value": "64512:300:100"}],
        "prefixAdvertisements": [{"cidr": "172.218.4.0/26", "communities": ["big", "64512:120"]}],
        "listenPort": 178, "bindMode": "NodeIP", "ignoredInterfaces": ["iface-1", "veth*"],
        "localWorkloadPeeringIPV4": "169.254.0.179", "localWorkloadPeeringIPV6": "fe80::179",
        "programClusterRoutes": "Enabled", "ipv4NormalRoutePriority": 1024, "ipv6NormalRoutePriority": 2048})");
    body["metadata"]["labels"] = {{"team", "net"}};
    body["metadata"]["finalizers"] = {"x"};
    auto decoded = decodeBgpConfiguration(body);
    REQUIRE(decoded.errors.empty());
    CHECK(encodeBgpConfiguration(*decoded.resource) == body);
    CHECK(test::problems(body).empty());
}

TEST_CASE("nodeMeshPassword and nodeMeshMaxRestartTime decode") {
    json body =
        bgpConfig("default", R"({"nodeMeshPassword": {"secretKeyRef": {"name": "bgp", "key": "pw"}},
                                         "nodeMeshMaxRestartTime": "2m"})");
    auto decoded = decodeBgpConfiguration(body);
    REQUIRE(decoded.errors.empty());
    CHECK(decoded.resource->spec.nodeMeshPassword->key == "pw");
    CHECK(encodeBgpConfiguration(*decoded.resource) == body);
}

TEST_CASE("asNumber: integer, plain string and dotted forms, written back as an integer") {
    CHECK(parseAsNumber(65000) == 65000u);
    CHECK(parseAsNumber("65000") == 65000u);
    CHECK(parseAsNumber("1.10") == 65546u);
    CHECK(parseAsNumber("65535.65535") == 4294967295u);
    CHECK(parseAsNumber(4294967295u) == 4294967295u);
    CHECK_FALSE(parseAsNumber(4294967296u));
    CHECK_FALSE(parseAsNumber(-1));
    CHECK_FALSE(parseAsNumber("65536.1"));
    CHECK_FALSE(parseAsNumber("1.2.3"));
    CHECK_FALSE(parseAsNumber("AS65000"));
    CHECK_FALSE(parseAsNumber(true));
    auto decoded = decodeBgpConfiguration(bgpConfig("default", R"({"asNumber": "1.10"})"));
    CHECK(encodeBgpConfiguration(*decoded.resource)["spec"]["asNumber"] == 65546);
    CHECK(specProblems(R"({"asNumber": "x"})")
              .at(0)
              .starts_with("spec.asNumber = 'x' (expected an AS number"));
}

TEST_CASE("unknown fields are reported with their path, all of them") {
    json body = bgpConfig(
        "default", R"({"serviceClusterIPs": [{"cidr": "10.96.0.0/12", "bogus": 1}], "extra": 2})");
    body["status"] = json::object();
    body["metadata"]["nickname"] = "x";
    auto lines = test::problems(body);
    std::string prefix = "field in document is not recognized or is in the wrong location: ";
    CHECK(std::count(lines.begin(), lines.end(), prefix + "metadata.nickname") == 1);
    CHECK(std::count(lines.begin(), lines.end(), prefix + "spec.serviceClusterIPs[0].bogus") == 1);
    CHECK(std::count(lines.begin(), lines.end(), prefix + "spec.extra") == 1);
    CHECK(std::count(lines.begin(), lines.end(), prefix + "status") == 1);
}

TEST_CASE("wrong types name the field and value") {
    CHECK(specProblems(R"({"nodeToNodeMeshEnabled": "yes"})") ==
          std::vector<std::string>{"spec.nodeToNodeMeshEnabled = 'yes' (expected true or false)"});
    CHECK(specProblems(R"({"listenPort": "179"})") ==
          std::vector<std::string>{"spec.listenPort = '179' (expected an integer)"});
    CHECK(specProblems(R"({"serviceClusterIPs": {"cidr": "10.0.0.0/8"}})").at(0) ==
          "spec.serviceClusterIPs = '{\"cidr\":\"10.0.0.0/8\"}' (expected a list)");
    CHECK(specProblems(R"({"serviceClusterIPs": ["10.0.0.0/8"]})").at(0) ==
          "spec.serviceClusterIPs[0] = '10.0.0.0/8' (expected an object)");
    CHECK(specProblems(R"({"ignoredInterfaces": [1]})").at(0) ==
          "spec.ignoredInterfaces[0] = '1' (expected a string)");
    CHECK(specProblems(R"({"logSeverityScreen": 3})").at(0) ==
          "spec.logSeverityScreen = '3' (expected a string)");
    CHECK(test::problems(json::array()).at(0) == "document = '[]' (expected an object)");
    json noMeta = bgpConfig("default", R"({"asNumber": 1})");
    noMeta["metadata"] = "default";
    CHECK(test::problems(noMeta) ==
          std::vector<std::string>{"metadata = 'default' (expected an object)"});
}

TEST_CASE("apiVersion and kind must be projectcalico.org/v3 BGPConfiguration") {
    json body = bgpConfig("default");
    body["apiVersion"] = "crd.projectcalico.org/v1";
    CHECK(test::problems(body).at(0) ==
          "apiVersion = 'crd.projectcalico.org/v1' (expected projectcalico.org/v3)");
    body = bgpConfig("default");
    body["kind"] = "IPPool";
    CHECK(test::problems(body).at(0) == "kind = 'IPPool' (expected BGPConfiguration)");
}

TEST_CASE("explicit nulls and empty strings count as unset, as in Go") {
    auto decoded = decodeBgpConfiguration(
        bgpConfig("node.a", R"({"asNumber": null, "logSeverityScreen": "", "listenPort": 0})"));
    REQUIRE(decoded.errors.empty());
    CHECK_FALSE(decoded.resource->spec.asNumber);
    CHECK_FALSE(decoded.resource->spec.logSeverityScreen);
    CHECK_FALSE(decoded.resource->spec.listenPort);
    CHECK(test::problems(bgpConfig("node.a", R"({"asNumber": null})")).empty());
}
