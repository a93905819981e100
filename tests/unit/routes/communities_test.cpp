// Communities of prefixAdvertisements as calico-node resolves and applies them. Expected values
// come from Calico's confd test data (mesh/communities: input.yaml and the compiled bird.cfg) and
// from client.go getPrefixAdvertisementsKVPair / bgp_processor.go processCommunityRules.
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/routes/communities.h"

using namespace svcadv;
using namespace svcadv::test;

namespace {

Cidr cidr(const std::string& text) {
    return *parseCidr(text).cidr;
}

std::string nodeConfig(const std::string& node, const std::string& spec) {
    return "apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: node." +
           node + "}\nspec: " + spec;
}

}  // namespace

TEST_CASE("names resolve, literals stay, duplicates go, values sort as strings per family") {
    // confd/tests/mock_data/calicoctl/mesh/communities/input.yaml; its compiled bird.cfg adds
    // (100, 555, 107) large, then (100, 6532), then (5663, 12) for 192.168.0.0/16.
    Cluster cluster;
    cluster.spec =
        "{communities: [{name: bgp-comm-standard, value: '100:6532'}, "
        "{name: bgp-comm-large, value: '100:555:107'}], prefixAdvertisements: ["
        "{cidr: 192.168.0.0/16, communities: [bgp-comm-standard, '5663:12', bgp-comm-large]}, "
        "{cidr: 'fd00:96::/112', communities: [bgp-comm-large, bgp-comm-large]}]}";
    ClusterState state = cluster.state();
    CommunityRules rules = communityRulesOf(*state.defaultBgpConfiguration());
    REQUIRE(rules.ipv4.size() == 1);
    CHECK(rules.ipv4[0].cidr == "192.168.0.0/16");
    CHECK(rules.ipv4[0].communities == Lines{"100:555:107", "100:6532", "5663:12"});
    REQUIRE(rules.ipv6.size() == 1);
    CHECK(rules.ipv6[0].communities == Lines{"100:555:107"});
}

TEST_CASE("an unknown name adds nothing; an entry left without values is no rule") {
    Cluster cluster;
    cluster.spec =
        "{communities: [{name: a, value: '1:1'}], prefixAdvertisements: ["
        "{cidr: 10.0.0.0/8, communities: [nope]}, {cidr: 10.1.0.0/16, communities: [a, nope]},"
        "{cidr: '', communities: ['2:2']}]}";
    CommunityRules rules = communityRulesOf(*cluster.state().defaultBgpConfiguration());
    REQUIRE(rules.ipv4.size() == 1);
    CHECK(rules.ipv4[0].cidr == "10.1.0.0/16");
    CHECK(rules.ipv4[0].communities == Lines{"1:1"});
}

TEST_CASE("a route gets the union of every rule whose cidr contains it, on its family only") {
    Cluster cluster;
    cluster.spec =
        "{prefixAdvertisements: [{cidr: 10.96.0.0/12, communities: ['65000:1']}, "
        "{cidr: 10.96.0.0/16, communities: ['65000:2', '65000:1']}, "
        "{cidr: 'fd00::/64', communities: ['65000:6']}]}";
    CommunityIndex index(cluster.state());
    CHECK(index.communitiesOf("a", cidr("10.96.0.10/32")) == Lines{"65000:1", "65000:2"});
    CHECK(index.communitiesOf("a", cidr("10.100.0.1/32")) == Lines{"65000:1"});
    // A wider route is not `net ~` a narrower rule.
    CHECK(index.communitiesOf("a", cidr("10.0.0.0/8")).empty());
    CHECK(index.communitiesOf("a", cidr("fd00::1/128")) == Lines{"65000:6"});
    CHECK(index.communitiesOf("a", cidr("192.0.2.0/24")).empty());
}

TEST_CASE("node.<name> prefixAdvertisements replace the global ones on that node only") {
    Cluster cluster;
    cluster.spec =
        "{prefixAdvertisements: [{cidr: 10.96.0.0/12, communities: ['65000:1']}, "
        "{cidr: 'fd00::/64', communities: ['65000:6']}]}";
    cluster.documents = {
        nodeConfig("a", "{prefixAdvertisements: [{cidr: 10.96.0.0/12, communities: ['1:2']}]}"),
        nodeConfig("b", "{prefixAdvertisements: []}"), nodeConfig("c", "{listenPort: 1790}")};
    CommunityIndex index(cluster.state());
    CHECK(index.rulesFor("a").source == "node.a");
    CHECK(index.communitiesOf("a", cidr("10.96.0.1/32")) == Lines{"1:2"});
    // The node's list holds no IPv6 entry: the global IPv6 rule is replaced too.
    CHECK(index.communitiesOf("a", cidr("fd00::1/128")).empty());
    // An empty list is a list: nothing on b.
    CHECK(index.communitiesOf("b", cidr("10.96.0.1/32")).empty());
    // No prefixAdvertisements on node.c: the global ones apply.
    CHECK(index.rulesFor("c").source == "default");
    CHECK(index.communitiesOf("c", cidr("10.96.0.1/32")) == Lines{"65000:1"});
}

TEST_CASE("community values as calico-node's regexes read them") {
    CHECK(isCommunityValue("65000:100"));
    CHECK(isCommunityValue("1:2:3"));
    CHECK_FALSE(isCommunityValue("1:2:3:4"));
    CHECK_FALSE(isCommunityValue("a:1"));
    CHECK_FALSE(isCommunityValue(":1"));
    CHECK_FALSE(isCommunityValue("100"));
}
