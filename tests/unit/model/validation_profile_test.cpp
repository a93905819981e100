// One test per row of the per-release validation differences (validation_profile.h, and the
// README's version table), each on both sides of its boundary. The rules come from
// libcalico-go/lib/validator/v3/validator.go, api/pkg/apis/projectcalico/v3/bgpconfig.go and the
// CRDs (api/config/crd, libcalico-go/config/crd) at the tags named.
#include <doctest/doctest.h>

#include "test_helpers.h"

using namespace svcadv;
using svcadv::test::bgpConfig;
using Lines = std::vector<std::string>;

namespace {

Lines problemsAs(int minor, std::optional<int> patch, const std::string& spec) {
    return test::problems(bgpConfig("default", spec), validationProfile(minor, patch));
}

}  // namespace

TEST_CASE("the profile names its release; master and the default are the newest rules") {
    CHECK(validationProfile(32, 0).release == "v3.32.0");
    CHECK(validationProfile(31, std::nullopt).release == "v3.31");
    CHECK(validationProfile(34, std::nullopt).release == "master");
    CHECK(sameRules(validationProfile(34, std::nullopt), latestValidationProfile()));
    CHECK(sameRules(validationProfile(33, std::nullopt), latestValidationProfile()));
    CHECK_FALSE(sameRules(validationProfile(32, 1), latestValidationProfile()));
    CHECK(sameRules(validationProfile(30, 0), validationProfile(31, 7)) == false);  // fields
}

// validator.go v3.32.1: logLevelRegex "^(Trace|Debug|Info|Warning|Error|Fatal)$" on the
// `logLevel` tag; release-v3.33 drops the tag for the CRD's `^(?i)(...)?$`.
TEST_CASE("row: logSeverityScreen is exact-case up to 3.32, any case from 3.33") {
    std::string lower = R"({"logSeverityScreen": "info"})";
    CHECK(problemsAs(32, 1, lower) ==
          Lines{"spec.logSeverityScreen = 'info' (must be one of Trace, Debug, Info, Warning, "
                "Error, Fatal)"});
    CHECK(problemsAs(30, 0, lower).size() == 1);
    CHECK(problemsAs(32, 1, R"({"logSeverityScreen": "Info"})").empty());
    CHECK(problemsAs(33, std::nullopt, lower).empty());
    CHECK(problemsAs(34, std::nullopt, R"({"logSeverityScreen": "WARNING"})").empty());
}

// validateBGPConfigurationSpec up to v3.32.1 vs the CRD's XValidation messages (release-v3.33).
TEST_CASE("row: the mesh-off texts are validator.go's up to 3.32, the CRD's from 3.33") {
    std::string password = R"({"nodeToNodeMeshEnabled": false,
        "nodeMeshPassword": {"secretKeyRef": {"name": "s", "key": "k"}}})";
    CHECK(problemsAs(32, 1, password) ==
          Lines{"spec.nodeMeshPassword (spec.NodeMeshPassword cannot be set if "
                "spec.NodeToNodeMesh is disabled)"});
    CHECK(problemsAs(33, std::nullopt, password) ==
          Lines{"spec.nodeMeshPassword (nodeMeshPassword cannot be set when nodeToNodeMeshEnabled "
                "is false)"});
    std::string restart = R"({"nodeToNodeMeshEnabled": false, "nodeMeshMaxRestartTime": "120s"})";
    CHECK(problemsAs(31, 7, restart) ==
          Lines{"spec.nodeMeshMaxRestartTime (spec.NodeMeshMaxRestartTime cannot be set if "
                "spec.NodeToNodeMesh is disabled)"});
    CHECK(problemsAs(33, std::nullopt, restart) ==
          Lines{"spec.nodeMeshMaxRestartTime (nodeMeshMaxRestartTime cannot be set when "
                "nodeToNodeMeshEnabled is false)"});
}

TEST_CASE("row: communities without prefixAdvertisements: validator.go's text up to 3.32") {
    std::string unused = R"({"communities": [{"name": "a", "value": "1:1"}]})";
    CHECK(problemsAs(32, 1, unused) ==
          Lines{"spec.communities (communities are defined but not used in "
                "Spec.PrefixAdvertisement[].)"});
    CHECK(problemsAs(33, std::nullopt, unused) ==
          Lines{"spec.communities (communities are defined but not used in prefixAdvertisements)"});
}

// bgpconfig.go release-v3.33: MaxItems=500, MaxLength=253/40, MaxItems=50; none before.
TEST_CASE("row: the CRD's size limits apply from 3.33 only") {
    json communities = json::array();
    for (int i = 0; i < 501; ++i)
        communities.push_back({{"name", "c" + std::to_string(i)}, {"value", "1:1"}});
    json spec{{"communities", communities},
              {"prefixAdvertisements",
               json::array({{{"cidr", "10.0.0.0/8"}, {"communities", json::array({"c1"})}}})}};
    CHECK(problemsAs(33, std::nullopt, spec.dump()) ==
          Lines{"spec.communities (must have at most 500 entries)"});
    CHECK(problemsAs(32, 1, spec.dump()).empty());
    std::string longValue =
        R"({"communities": [{"name": "a", "value": "1:)" + std::string(40, '1') + R"("}],
        "prefixAdvertisements": [{"cidr": "10.0.0.0/8", "communities": ["a"]}]})";
    CHECK(problemsAs(33, std::nullopt, longValue)
              .front()
              .ends_with("(must be at most 40 characters)"));
    // Up to 3.32 only the 16-bit range check speaks.
    CHECK(problemsAs(32, 1, longValue) ==
          Lines{"spec.communities[0].value = '1:" + std::string(40, '1') +
                "' (invalid community value, expected 16 bit value)"});
}

// bgpconfig.go v3.32.0: +kubebuilder:validation:Enum=None;NodeIP; v3.31.7 has no check at all.
TEST_CASE("row: bindMode is an enum from 3.32") {
    std::string spec = R"({"bindMode": "All"})";
    CHECK(problemsAs(32, 0, spec) == Lines{"spec.bindMode = 'All' (must be one of None, NodeIP)"});
    CHECK(problemsAs(31, 7, spec).empty());
}

// v3.32.0 CRD: ignoredInterfaces x-kubernetes-list-type: set; the v3.31.7 CRD has no list type.
TEST_CASE("row: ignoredInterfaces duplicates are refused from 3.32") {
    std::string spec = R"({"ignoredInterfaces": ["eth1", "eth1"]})";
    CHECK(problemsAs(32, 1, spec) == Lines{"spec.ignoredInterfaces[1] = 'eth1' (Duplicate value)"});
    CHECK(problemsAs(31, 7, spec).empty());
}

// v3.32.0's CRD: communities, prefixAdvertisements and the service lists are
// x-kubernetes-list-type: set; v3.32.1 made them atomic.
TEST_CASE("row: v3.32.0 alone refuses duplicate list entries") {
    std::string spec = R"({"serviceExternalIPs": [{"cidr": "192.0.2.0/24"},
                                                  {"cidr": "192.0.2.0/24"}]})";
    CHECK(problemsAs(32, 0, spec) ==
          Lines{"spec.serviceExternalIPs[1] = '192.0.2.0/24' (Duplicate value)"});
    CHECK(problemsAs(32, 1, spec).empty());
    CHECK(problemsAs(32, std::nullopt, spec).empty());
    CHECK(problemsAs(31, 7, spec).empty());
    CHECK(problemsAs(33, std::nullopt, spec).empty());
    std::string communities = R"({"communities": [{"name": "a", "value": "1:1"},
                                                  {"name": "a", "value": "1:1"}],
        "prefixAdvertisements": [{"cidr": "10.0.0.0/8", "communities": ["a"]}]})";
    CHECK(problemsAs(32, 0, communities) ==
          Lines{"spec.communities[1] = 'a=1:1' (Duplicate value)"});
    CHECK(problemsAs(32, 1, communities).empty());
}

// bgpconfig.go v3.32.0: Enum=Enabled;Disabled; release-v3.33 adds the two encap values.
TEST_CASE("row: programClusterRoutes' encap values come with 3.33") {
    std::string spec = R"({"programClusterRoutes": "EnabledNoEncapOnly"})";
    CHECK(problemsAs(32, 1, spec) ==
          Lines{"spec.programClusterRoutes = 'EnabledNoEncapOnly' (must be one of Enabled, "
                "Disabled)"});
    CHECK(problemsAs(33, std::nullopt, spec).empty());
    CHECK(problemsAs(32, 1, R"({"programClusterRoutes": "Disabled"})").empty());
}

// The fields each release's bgpconfig.go has: calicoctl decodes strictly.
TEST_CASE("row: a field is unknown to the releases before it came") {
    CHECK(
        problemsAs(29, 7, R"({"localWorkloadPeeringIPV4": "169.254.0.1"})") ==
        Lines{"spec.localWorkloadPeeringIPV4 (unknown field in Calico v3.29.7 (added in v3.30))"});
    CHECK(problemsAs(30, 0, R"({"localWorkloadPeeringIPV4": "169.254.0.1"})").empty());
    CHECK(problemsAs(30, 7, R"({"serviceLoadBalancerAggregation": "Disabled"})") ==
          Lines{"spec.serviceLoadBalancerAggregation (unknown field in Calico v3.30.7 (added in "
                "v3.31))"});
    CHECK(problemsAs(31, 0, R"({"serviceLoadBalancerAggregation": "Disabled"})").empty());
    CHECK(problemsAs(31, 7, R"({"ipv4NormalRoutePriority": 1024})") ==
          Lines{"spec.ipv4NormalRoutePriority (unknown field in Calico v3.31.7 (added in "
                "v3.32))"});
    CHECK(problemsAs(31, 7, R"({"programClusterRoutes": "Enabled"})").size() == 1);
    CHECK(problemsAs(32, 0, R"({"ipv6NormalRoutePriority": 1024})").empty());
}
