// BIRD's `show protocols` and `show route` tables (as BIRD 1.6.8 prints them, taken from the BGP
// lab's bird) read into peers and prefixes, and their drift against the plan of one node.
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/routes/bird_drift.h"
#include "svcadv/util/error.h"

using namespace svcadv;
using namespace svcadv::test;

namespace {

// Node a has a Local service's endpoint, node b does not, node c is excluded.
Result localCluster() {
    Cluster cluster;
    cluster.spec = "{serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 'fd00:96::/112'}]}";
    cluster.nodes = {"a", "b", "c=true"};
    cluster.documents = {
        service("web",
                "{type: NodePort, externalTrafficPolicy: Local, clusterIP: 10.96.0.7, "
                "clusterIPs: [10.96.0.7], ports: [{port: 80}]}"),
        slice("web", {"a", "c"})};
    return plan(cluster);
}

std::string text(const std::vector<RouteDrift>& drift) {
    std::string out;
    for (const auto& d : drift)
        out += std::string(driftKindName(d.kind)) + " " + d.prefix +
               (d.peer.empty() ? "" : " " + d.peer) + " " + d.reason +
               (d.detail.empty() ? "" : " " + d.detail) + "\n";
    return out;
}

BirdPeerExports peer(std::vector<std::string> exported, const std::string& state = "up") {
    return {"Global_10_0_0_1", state, state == "up" ? "Established" : "", std::move(exported)};
}

}  // namespace

TEST_CASE("show protocols rows, the heading skipped") {
    auto protocols = parseBirdProtocols({
        "name     proto    table    state  since       info",
        "static1  Static   master   up     01:19:07    ",
        "Global_10_254_3_1 BGP      master   up     01:19:09    Established   ",
        "Global_10_254_4_1 BGP      master   start  01:19:09    Active        Socket: Connection "
        "refused",
    });
    REQUIRE(protocols.size() == 3);
    CHECK(protocols[0].name == "static1");
    CHECK(protocols[0].proto == "Static");
    CHECK(protocols[1].state == "up");
    CHECK(protocols[1].info == "Established");
    CHECK(protocols[2].state == "start");
    CHECK(protocols[2].info == "Active Socket: Connection refused");
    CHECK_THROWS_WITH_AS(parseBirdProtocols({"oops"}),
                         "BIRD show protocols: not a protocol row: 'oops'", Error);
}

TEST_CASE("show route prefixes: canonical, unique, further routes of a net add nothing") {
    auto prefixes = parseBirdRoutes({
        "198.51.100.0/24    blackhole [static1 01:19:07] * (200)",
        "10.96.0.0/12       blackhole [static1 01:19:07] * (200)",
        "                   via 10.0.0.9 on eth0 [bgp1 01:19:07] (100) [AS65000i]",
        "fd00:10:96::4/128  blackhole [static1 01:19:07] * (200)",
        "10.96.0.0/12       blackhole [static2 01:19:07] (200)",
    });
    CHECK(prefixes == Lines{"198.51.100.0/24", "10.96.0.0/12", "fd00:10:96::4/128"});
    CHECK(parseBirdRoutes({}).empty());
    CHECK_THROWS_AS(parseBirdRoutes({"10.96.0.1/12 blackhole"}), Error);
    CHECK_THROWS_WITH_AS(parseBirdRoutes({"Table master:"}),
                         doctest::Contains("BIRD show route: 'Table' is not a prefix"), Error);
}

TEST_CASE("BIRD symbols, the only names put into a command") {
    CHECK(isBirdSymbol("Global_10_254_3_1"));
    CHECK(isBirdSymbol("_x1"));
    CHECK_FALSE(isBirdSymbol(""));
    CHECK_FALSE(isBirdSymbol("1abc"));
    CHECK_FALSE(isBirdSymbol("a b"));
    CHECK_FALSE(isBirdSymbol("a;configure"));
    CHECK_FALSE(isBirdSymbol(std::string(65, 'a')));
}

TEST_CASE("a BIRD that holds and exports the plan is quiet") {
    Result result = localCluster();
    PlanView view{result.state, result.plan};
    BirdObservation bird{
        4, {"10.96.0.7/32", "10.96.0.0/12"}, {peer({"10.96.0.0/12", "10.96.0.7/32"})}};
    CHECK(text(birdDrift(view, "a", bird)) == "");
    // bird6 of node a: only the IPv6 range.
    BirdObservation bird6{6, {"fd00:96::/112"}, {peer({"fd00:96::/112"})}};
    CHECK(text(birdDrift(view, "a", bird6)) == "");
    // The excluded node c: nothing at all.
    CHECK(text(birdDrift(view, "c", BirdObservation{4, {}, {peer({})}})) == "");
}

TEST_CASE("missing and unplanned routes, each with the plan's reason") {
    Result result = localCluster();
    PlanView view{result.state, result.plan};
    // Node a lost its host route; node b holds one it has no endpoint for, and a stray /32.
    BirdObservation a{4, {"10.96.0.0/12"}, {peer({"10.96.0.0/12"})}};
    CHECK(text(birdDrift(view, "a", a)) ==
          "MissingStatic 10.96.0.7/32 LocalEndpoint ns/web\n"
          "MissingExport 10.96.0.7/32 Global_10_0_0_1 LocalEndpoint ns/web\n");
    BirdObservation b{4,
                      {"10.96.0.0/12", "10.96.0.7/32", "10.1.2.3/32"},
                      {peer({"10.96.0.0/12", "10.96.0.7/32"})}};
    CHECK(text(birdDrift(view, "b", b)) ==
          "UnplannedStatic 10.1.2.3/32 NotPlanned\n"
          "UnplannedStatic 10.96.0.7/32 NoLocalEndpoint ns/web\n"
          "UnplannedExport 10.96.0.7/32 Global_10_0_0_1 NoLocalEndpoint ns/web\n");
    // The excluded node still advertising its range.
    BirdObservation c{4, {"10.96.0.0/12", "10.96.0.7/32"}, {}};
    CHECK(text(birdDrift(view, "c", c)) ==
          "UnplannedStatic 10.96.0.0/12 NodeExcluded\n"
          "UnplannedStatic 10.96.0.7/32 NodeExcluded ns/web\n");
}

TEST_CASE("a peer that is down exports nothing: every planned route is missing there") {
    Result result = localCluster();
    PlanView view{result.state, result.plan};
    BirdObservation bird{4, {"10.96.0.7/32", "10.96.0.0/12"}, {peer({}, "down")}};
    CHECK(text(birdDrift(view, "a", bird)) ==
          "MissingExport 10.96.0.0/12 Global_10_0_0_1 ClusterCIDR peer is down\n"
          "MissingExport 10.96.0.7/32 Global_10_0_0_1 LocalEndpoint ns/web; peer is down\n");
    CHECK_THROWS_WITH_AS(birdDrift(view, "zz", bird), "--node: node 'zz' is not in the input",
                         Error);
}
