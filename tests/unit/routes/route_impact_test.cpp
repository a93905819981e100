// The route impact of a change of `default`: list entries added and removed, routes per node,
// ECMP counts, addresses that lose or gain their way in, ranges removed under services, and the
// --force rule.
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/model/validate.h"
#include "svcadv/routes/route_impact.h"

using namespace svcadv;
using namespace svcadv::test;

namespace {

BGPConfiguration config(const std::string& spec) {
    json body = parseValue(
        "{apiVersion: projectcalico.org/v3, kind: BGPConfiguration, metadata: {name: default}, "
        "spec: " +
            spec + "}",
        "test");
    return *decodeBgpConfiguration(body).resource;
}

Cluster lbCluster() {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceLoadBalancerIPs: [{cidr: "
        "198.51.100.0/24}]}";
    cluster.documents = {
        service("api", "{type: LoadBalancer, clusterIP: 10.96.0.20, ipFamilies: [IPv4]}",
                "{loadBalancer: {ingress: [{ip: 198.51.100.11}]}}"),
        slice("api", {"b"})};
    return cluster;
}

}  // namespace

TEST_CASE("route impact: dropping the LoadBalancer range strands the service and needs --force") {
    ClusterState state = lbCluster().state();
    RouteImpact impact =
        assessConfigChange(state, config("{serviceClusterIPs: [{cidr: 10.96.0.0/12}]}"));
    REQUIRE(impact.lists.size() == 1);
    CHECK(impact.lists[0].field == "serviceLoadBalancerIPs");
    CHECK(impact.lists[0].removed == Lines{"198.51.100.0/24"});
    CHECK(impact.lists[0].added.empty());
    REQUIRE(impact.changes.size() == 3);  // every node withdraws the range
    CHECK(impact.changes[0].withdrawn.size() == 1);
    CHECK(impact.changes[0].added.empty());
    REQUIRE(impact.ecmp.size() == 1);
    CHECK(impact.ecmp[0].prefix == "198.51.100.0/24");
    CHECK(impact.ecmp[0].before == 3);
    CHECK(impact.ecmp[0].after == 0);
    REQUIRE(impact.unreachable.size() == 1);
    CHECK(impact.unreachable[0].service == "ns/api");
    CHECK(impact.unreachable[0].ip == "198.51.100.11");
    CHECK(impact.unreachable[0].route == "198.51.100.0/24");
    REQUIRE(impact.strandedRanges.size() == 1);
    CHECK(impact.strandedRanges[0].cidr == "198.51.100.0/24");
    CHECK(impact.needsForce());
    auto lines = impact.strandingLines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].find("ns/api loadBalancerIP 198.51.100.11 would be unreachable") == 0);
    CHECK(lines[1] ==
          "serviceLoadBalancerIPs 198.51.100.0/24 is removed but holds ns/api "
          "198.51.100.11");
}

TEST_CASE("route impact: adding a range makes addresses reachable and needs no --force") {
    Cluster cluster = lbCluster();
    cluster.spec = "{serviceClusterIPs: [{cidr: 10.96.0.0/12}]}";
    RouteImpact impact = assessConfigChange(
        cluster.state(), config("{serviceClusterIPs: [{cidr: 10.96.0.0/12}], "
                                "serviceLoadBalancerIPs: [{cidr: 198.51.100.0/24}]}"));
    REQUIRE(impact.reachable.size() == 1);
    CHECK(impact.reachable[0].route == "198.51.100.0/24");
    CHECK(impact.unreachable.empty());
    CHECK_FALSE(impact.needsForce());
    CHECK(impact.lists[0].added == Lines{"198.51.100.0/24"});
}

TEST_CASE("route impact: a range replaced by a wider one strands nothing") {
    RouteImpact impact = assessConfigChange(
        lbCluster().state(), config("{serviceClusterIPs: [{cidr: 10.96.0.0/12}], "
                                    "serviceLoadBalancerIPs: [{cidr: 198.51.0.0/16}]}"));
    CHECK(impact.lists[0].added == Lines{"198.51.0.0/16"});
    CHECK(impact.lists[0].removed == Lines{"198.51.100.0/24"});
    CHECK(impact.strandedRanges.empty());
    CHECK(impact.unreachable.empty());
    CHECK_FALSE(impact.needsForce());
}

TEST_CASE("route impact: deleting default, other fields, and no change at all") {
    ClusterState state = lbCluster().state();
    RouteImpact deleted = assessConfigChange(state, std::nullopt);
    CHECK(deleted.existedBefore);
    CHECK_FALSE(deleted.existsAfter);
    CHECK(deleted.needsForce());
    CHECK(deleted.lists.size() == 2);

    RouteImpact aggregation = assessConfigChange(
        state, config("{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceLoadBalancerIPs: "
                      "[{cidr: 198.51.100.0/24}], serviceLoadBalancerAggregation: Disabled}"));
    REQUIRE(aggregation.fields.size() == 1);
    CHECK(aggregation.fields[0].field == "serviceLoadBalancerAggregation");
    CHECK(aggregation.fields[0].before.is_null());
    CHECK(aggregation.fields[0].after == "Disabled");
    // The range route goes, the Cluster service's host route comes on every node: still reached.
    CHECK_FALSE(aggregation.needsForce());
    CHECK_FALSE(aggregation.changes.empty());

    RouteImpact same = assessConfigChange(state, *state.defaultBgpConfiguration());
    CHECK_FALSE(same.changesConfiguration());
    CHECK(same.changes.empty());
    CHECK(same.ecmp.empty());
}

TEST_CASE("warning diff: new, unchanged, then resolved") {
    PreviewWarning a{WarningCode::BareIPEntry, "", "", "10.0.0.1/32", "a"};
    PreviewWarning b{WarningCode::OverlappingCidrs, "", "", "10.0.0.0/8", "b"};
    PreviewWarning c{WarningCode::UnparsableIP, "ns/x", "", "", "c"};
    auto changes = diffWarnings({a, b}, {b, c});
    REQUIRE(changes.size() == 3);
    CHECK(changes[0].change == WarningChangeKind::Unchanged);
    CHECK(changes[0].warning.message == "b");
    CHECK(changes[1].change == WarningChangeKind::New);
    CHECK(changes[2].change == WarningChangeKind::Resolved);
    CHECK(changes[2].warning.message == "a");
    CHECK(std::string(warningChangeName(WarningChangeKind::Resolved)) == "resolved");
}
