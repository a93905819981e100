#include <doctest/doctest.h>

#include "svcadv/util/error.h"
#include "test_helpers.h"

using namespace svcadv;
using svcadv::test::bgpConfig;
using svcadv::test::specProblems;
using Lines = std::vector<std::string>;

TEST_CASE("metadata.name rules") {
    CHECK(test::problems(bgpConfig("")) == Lines{"resource name may not be empty"});
    CHECK(test::problems(bgpConfig("Default")) ==
          Lines{"metadata.name = 'Default' (name must consist of lower case alphanumeric "
                "characters, '-' or '.' (regex: "
                "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*))"});
    CHECK(test::problems(bgpConfig("a_b")).size() == 1);
    CHECK(test::problems(bgpConfig("-a")).size() == 1);
    CHECK(test::problems(bgpConfig("node.worker-1")).empty());
    std::string longName(260, 'a');
    CHECK(test::problems(bgpConfig(longName)) ==
          Lines{"metadata.name = '" + longName + "' (name is too long by 7 bytes)"});
    CHECK(test::problems(bgpConfig(std::string(253, 'a'))).empty());
    // Calico checks the length and the pattern separately: a long bad name gets both.
    std::string longBad(254, 'A');
    CHECK(test::problems(bgpConfig(longBad)).size() == 2);
}

TEST_CASE("namespace must not be set") {
    json body = bgpConfig("default");
    body["metadata"]["namespace"] = "kube-system";
    CHECK(test::problems(body) ==
          Lines{"namespace should not be specified for a non-namespaced resource. "
                "BGPConfiguration is not a namespaced resource"});
}

TEST_CASE("default-only fields on another resource, with Calico's texts") {
    Lines lines = specProblems(R"({"nodeToNodeMeshEnabled": true, "asNumber": 65000,
        "serviceClusterIPs": [{"cidr": "10.96.0.0/12"}], "serviceExternalIPs": [{"cidr": "203.0.113.0/24"}],
        "serviceLoadBalancerIPs": [{"cidr": "198.51.100.0/24"}],
        "nodeMeshPassword": {"secretKeyRef": {"name": "a", "key": "b"}}, "nodeMeshMaxRestartTime": "120s"})",
                               "node.worker-1");
    CHECK(lines == Lines{
                       "BGPConfiguration.Spec.NodeToNodeMeshEnabled (Cannot set "
                       "nodeToNodeMeshEnabled on a non default BGP Configuration.)",
                       "BGPConfiguration.Spec.ASNumber (Cannot set ASNumber on a non default BGP "
                       "Configuration.)",
                       "BGPConfiguration.Spec.ServiceClusterIPs (Cannot set ServiceClusterIPs on a "
                       "non default BGP Configuration.)",
                       "BGPConfiguration.Spec.ServiceExternalIPs (Cannot set ServiceExternalIPs on "
                       "a non default BGP Configuration.)",
                       "BGPConfiguration.Spec.ServiceLoadBalancerIPs (Cannot set "
                       "ServiceLoadBalancerIPs on a non default BGP Configuration.)",
                       "BGPConfiguration.Spec.NodeMeshPassword (Cannot set nodeMeshPassword on a "
                       "non default BGP Configuration.)",
                       "BGPConfiguration.Spec.NodeMeshMaxRestartTime (Cannot set "
                       "nodeMeshMaxRestartTime on a non default BGP Configuration.)",
                   });
    // The fields that do take effect per node are fine there.
    CHECK(specProblems(R"({"listenPort": 178, "logSeverityScreen": "Debug",
                          "prefixAdvertisements": [{"cidr": "10.0.0.0/8", "communities": ["65000:1"]}]})",
                       "node.worker-1")
              .empty());
}

TEST_CASE("the single-field error shape and the several-fields shape") {
    Document one{"f.yaml", "document 2", bgpConfig("node.a", R"({"asNumber": 1})")};
    CHECK_THROWS_WITH(checkedBgpConfiguration(one),
                      "f.yaml: document 2: error with field BGPConfiguration.Spec.ASNumber (Cannot "
                      "set ASNumber on a "
                      "non default BGP Configuration.)");
    Document two{"f.yaml", "document 1",
                 bgpConfig("default", R"({"listenPort": 70000, "bindMode": "All"})")};
    CHECK_THROWS_WITH(checkedBgpConfiguration(two),
                      "f.yaml: document 1: error with the following fields:\n"
                      "-  spec.listenPort = '70000' (must be between 1 and 65535)\n"
                      "-  spec.bindMode = 'All' (must be one of None, NodeIP)");
    try {
        checkedBgpConfiguration(two);
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::InvalidInput);
    }
}

TEST_CASE("service CIDR entries: strictly masked, bare IP with a hint, empty entries allowed") {
    CHECK(
        specProblems(
            R"({"serviceClusterIPs": [{"cidr": "10.96.0.0/12"}, {"cidr": "fd00::/108"}, {}, {"cidr": ""}]})")
            .empty());
    CHECK(specProblems(
              R"({"serviceExternalIPs": [{"cidr": "10.0.0.0/8"}, {"cidr": "10.0.0.1/24"}]})") ==
          Lines{"spec.serviceExternalIPs[1].cidr = '10.0.0.1/24' (host bits are set; did you mean "
                "10.0.0.0/24?)"});
    CHECK(specProblems(R"({"serviceLoadBalancerIPs": [{"cidr": "198.51.100.7"}]})") ==
          Lines{"spec.serviceLoadBalancerIPs[0].cidr = '198.51.100.7' (a bare IP address is not a "
                "CIDR; write "
                "198.51.100.7/32 to advertise this single address)"});
    CHECK(specProblems(R"({"serviceClusterIPs": [{"cidr": "banana"}]})") ==
          Lines{"spec.serviceClusterIPs[0].cidr = 'banana' (invalid CIDR: expected "
                "address/prefix-length)"});
}

TEST_CASE("logSeverityScreen: any case in v3.33, exact case in v3.32") {
    CHECK(specProblems(R"({"logSeverityScreen": "debug"})").empty());
    CHECK(specProblems(R"({"logSeverityScreen": "Verbose"})") ==
          Lines{"spec.logSeverityScreen = 'Verbose' (must be one of Trace, Debug, Info, Warning, "
                "Error, Fatal)"});
    CHECK(test::problems(bgpConfig("default", R"({"logSeverityScreen": "debug"})"), {32}).size() ==
          1);
    CHECK(test::problems(bgpConfig("default", R"({"logSeverityScreen": "Debug"})"), {32}).empty());
}

TEST_CASE("enums") {
    CHECK(
        specProblems(R"({"serviceLoadBalancerAggregation": "enabled"})") ==
        Lines{
            "spec.serviceLoadBalancerAggregation = 'enabled' (must be one of Enabled, Disabled)"});
    CHECK(specProblems(R"({"bindMode": "NodeIP", "programClusterRoutes": "EnabledIPIPOnly"})")
              .empty());
    CHECK(specProblems(R"({"programClusterRoutes": "Sometimes"})") ==
          Lines{"spec.programClusterRoutes = 'Sometimes' (must be one of Enabled, Disabled, "
                "EnabledIPIPOnly, "
                "EnabledNoEncapOnly)"});
}

TEST_CASE("communities: names, value formats and ranges") {
    auto withCommunity = [](const std::string& name, const std::string& value) {
        return specProblems(
            R"({"communities": [{"name": ")" + name + R"(", "value": ")" + value +
            R"("}], "prefixAdvertisements": [{"cidr": "10.0.0.0/8", "communities": [")" + name +
            R"("]}]})");
    };
    CHECK(withCommunity("std", "65535:65535").empty());
    CHECK(withCommunity("large", "4294967295:0:4294967295").empty());
    CHECK(withCommunity("std", "65536:1") == Lines{"spec.communities[0].value = '65536:1' (invalid "
                                                   "community value, expected 16 bit value)"});
    CHECK(withCommunity("large", "4294967296:1:1") ==
          Lines{"spec.communities[0].value = '4294967296:1:1' (invalid community value, expected "
                "32 bit value)"});
    CHECK(withCommunity("bad", "1:2:3:4") ==
          Lines{"spec.communities[0].value = '1:2:3:4' (invalid community value or format used.)"});
    CHECK(withCommunity("bad", "abc") ==
          Lines{"spec.communities[0].value = 'abc' (invalid community value or format used.)"});
    // The schema's maxLength and the validator's format check are separate errors.
    std::string longValue(41, '1');
    CHECK(withCommunity("bad", longValue) ==
          Lines{"spec.communities[0].value = '" + longValue + "' (must be at most 40 characters)",
                "spec.communities[0].value = '" + longValue +
                    "' (invalid community value or format used.)"});
    // Leading zeros are fine, as for Go's strconv.ParseUint: only the value counts.
    CHECK(withCommunity("std", "0000065535:000001").empty());
    CHECK(withCommunity("Bad_Name", "1:1") ==
          Lines{"spec.communities[0].name = 'Bad_Name' (name must consist of lower case "
                "alphanumeric characters, '-' or '.' (regex: "
                "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*))"});
}

TEST_CASE("communities: every part out of range is reported once, as Calico does") {
    CHECK(specProblems(R"({"communities": [{"name": "a", "value": "65536:70000"}],
                          "prefixAdvertisements": [{"cidr": "10.0.0.0/8", "communities": ["a"]}]})") ==
          Lines{"spec.communities[0].value = '65536:70000' (invalid community value, expected 16 "
                "bit value)",
                "spec.communities[0].value = '65536:70000' (invalid community value, expected 16 "
                "bit value)"});
    CHECK(specProblems(R"({"prefixAdvertisements": [{"cidr": "10.0.0.0/8",
                          "communities": ["4294967296:1:99999999999"]}]})")
              .size() == 2);
    CHECK(specProblems(R"({"prefixAdvertisements": [{"cidr": "10.0.0.0/8",
                          "communities": ["65535:1"]}]})")
              .empty());
}

TEST_CASE("prefixAdvertisements: CIDR, community references, unused communities") {
    CHECK(
        specProblems(R"({"prefixAdvertisements": [{"cidr": "10.0.0.1/8", "communities": []}]})") ==
        Lines{"spec.prefixAdvertisements[0].cidr = '10.0.0.1/8' (invalid CIDR value.)"});
    CHECK(specProblems(R"({"prefixAdvertisements": [{"cidr": "", "communities": []}]})") ==
          Lines{"spec.prefixAdvertisements[0].cidr = '' (invalid CIDR value.)"});
    CHECK(specProblems(
              R"({"prefixAdvertisements": [{"cidr": "10.0.0.0/8", "communities": ["nope"]}]})") ==
          Lines{"spec.prefixAdvertisements[0].communities[0] = 'nope' (community used is invalid "
                "or not defined.)"});
    CHECK(
        specProblems(
            R"({"prefixAdvertisements": [{"cidr": "10.0.0.0/8", "communities": ["70000:1"]}]})") ==
        Lines{"spec.prefixAdvertisements[0].communities[0] = '70000:1' (invalid community value, "
              "expected 16 bit value)"});
    CHECK(specProblems(R"({"communities": [{"name": "a", "value": "1:1"}]})") ==
          Lines{"spec.communities (communities are defined but not used in prefixAdvertisements)"});
    // Calico only asks for some prefixAdvertisement: one using literal values (none of the
    // names) is valid.
    CHECK(specProblems(R"({"communities": [{"name": "a", "value": "1:1"}],
                          "prefixAdvertisements": [{"cidr": "10.0.0.0/8", "communities": ["2:2"]}]})")
              .empty());
}

TEST_CASE("prefixAdvertisements: communities is required (an empty list is accepted)") {
    CHECK(specProblems(R"({"prefixAdvertisements": [{"cidr": "10.0.0.0/8"}]})") ==
          Lines{"spec.prefixAdvertisements[0].communities (required: the communities (names or "
                "values) to attach)"});
    CHECK(specProblems(R"({"prefixAdvertisements": [{"cidr": "10.0.0.0/8", "communities": null}]})")
              .size() == 1);
    // Go's `validate:"required"` on a slice only refuses nil.
    CHECK(specProblems(R"({"prefixAdvertisements": [{"cidr": "10.0.0.0/8", "communities": []}]})")
              .empty());
}

TEST_CASE("list size limits") {
    json communities = json::array();
    for (int i = 0; i < 501; ++i)
        communities.push_back({{"name", "c" + std::to_string(i)}, {"value", "1:1"}});
    json refs = json::array();
    for (int i = 0; i < 51; ++i)
        refs.push_back("c" + std::to_string(i));
    json spec = {{"communities", communities},
                 {"prefixAdvertisements", {{{"cidr", "10.0.0.0/8"}, {"communities", refs}}}}};
    Lines lines = specProblems(spec.dump());
    CHECK(std::count(lines.begin(), lines.end(),
                     "spec.communities (must have at most 500 entries)") == 1);
    CHECK(std::count(lines.begin(), lines.end(),
                     "spec.prefixAdvertisements[0].communities (must have at most 50 entries)") ==
          1);
}

TEST_CASE("mesh password and restart time need the mesh") {
    CHECK(
        specProblems(
            R"({"nodeToNodeMeshEnabled": false, "nodeMeshPassword": {"secretKeyRef": {"name": "a", "key": "b"}}})") ==
        Lines{"spec.nodeMeshPassword (nodeMeshPassword cannot be set when nodeToNodeMeshEnabled is "
              "false)"});
    CHECK(specProblems(R"({"nodeToNodeMeshEnabled": false, "nodeMeshMaxRestartTime": "2m"})") ==
          Lines{"spec.nodeMeshMaxRestartTime (nodeMeshMaxRestartTime cannot be set when "
                "nodeToNodeMeshEnabled is false)"});
    CHECK(specProblems(R"({"nodeMeshMaxRestartTime": "1h30m"})").empty());
    CHECK(
        specProblems(R"({"nodeMeshMaxRestartTime": "2 minutes"})") ==
        Lines{"spec.nodeMeshMaxRestartTime = '2 minutes' (must be a duration such as 120s or 2m)"});
    CHECK(specProblems(R"({"nodeMeshPassword": {"secretKeyRef": {"name": "a"}}})") ==
          Lines{"spec.nodeMeshPassword.secretKeyRef.key (Required value)"});
    // Kubernetes' SecretKeySelector: name defaults to "" and may stay empty.
    CHECK(specProblems(R"({"nodeMeshPassword": {"secretKeyRef": {"key": "pw"}}})").empty());
    CHECK(specProblems(R"({"nodeMeshPassword": {"secretKeyRef": {"name": "", "key": "pw"}}})")
              .empty());
}

TEST_CASE("ports, priorities, interfaces and peering addresses") {
    CHECK(specProblems(R"({"listenPort": 65536})") ==
          Lines{"spec.listenPort = '65536' (must be between 1 and 65535)"});
    CHECK(specProblems(R"({"listenPort": -1})") ==
          Lines{"spec.listenPort = '-1' (must be between 1 and 65535)"});
    CHECK(specProblems(R"({"ipv4NormalRoutePriority": 0})") ==
          Lines{"spec.ipv4NormalRoutePriority = '0' (must be between 1 and 2147483646)"});
    CHECK(specProblems(R"({"ipv6NormalRoutePriority": 2147483647})").size() == 1);
    CHECK(specProblems(R"({"ignoredInterfaces": ["*"]})").size() == 1);
    CHECK(specProblems(R"({"ignoredInterfaces": ["a-very-long-interface"]})").size() == 1);
    CHECK(specProblems(R"({"ignoredInterfaces": ["bad/char"]})").size() == 1);
    // x-kubernetes-list-type: set
    CHECK(specProblems(R"({"ignoredInterfaces": ["eth0", "veth*", "eth0", "eth0"]})") ==
          Lines{"spec.ignoredInterfaces[2] = 'eth0' (Duplicate value)",
                "spec.ignoredInterfaces[3] = 'eth0' (Duplicate value)"});
    CHECK(specProblems(R"({"ignoredInterfaces": ["eth0", "eth1"]})").empty());
    CHECK(specProblems(R"({"localWorkloadPeeringIPV4": "fe80::1"})") ==
          Lines{"spec.localWorkloadPeeringIPV4 = 'fe80::1' (must be a valid IPv4 address)"});
    CHECK(specProblems(R"({"localWorkloadPeeringIPV6": "169.254.0.1"})") ==
          Lines{"spec.localWorkloadPeeringIPV6 = '169.254.0.1' (must be a valid IPv6 address)"});
}

TEST_CASE("lint: ignored names, empty entries, duplicates and overlaps") {
    auto lint = [](const json& body) {
        return lintBgpConfiguration(*decodeBgpConfiguration(body).resource);
    };
    CHECK(lint(bgpConfig("blue")) == Lines{"BGPConfiguration(blue) is ignored by calico-node: only "
                                           "'default' and 'node.<nodename>' are read"});
    CHECK(lint(bgpConfig("node.a")).empty());
    CHECK(
        lint(bgpConfig(
            "default",
            R"({"serviceClusterIPs": [{"cidr": "10.96.0.0/12"}, {}, {"cidr": "10.96.0.0/12"},
                                          {"cidr": "10.100.0.0/16"}]})")) ==
        Lines{
            "BGPConfiguration(default): spec.serviceClusterIPs[1] is empty; calico-node ignores it",
            "BGPConfiguration(default): spec.serviceClusterIPs[2] (10.96.0.0/12) duplicates "
            "spec.serviceClusterIPs[0] (10.96.0.0/12)",
            "BGPConfiguration(default): spec.serviceClusterIPs[3] (10.100.0.0/16) overlaps "
            "spec.serviceClusterIPs[0] (10.96.0.0/12)",
            "BGPConfiguration(default): spec.serviceClusterIPs[3] (10.100.0.0/16) overlaps "
            "spec.serviceClusterIPs[2] (10.96.0.0/12)"});
}
