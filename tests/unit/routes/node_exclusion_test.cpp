// Reading the exclude label, planning a label change and assessing what it does to routes.
#include <doctest/doctest.h>

#include "svcadv/routes/node_exclusion.h"
#include "route_fixtures.h"

using namespace svcadv;
using namespace svcadv::test;

TEST_CASE("exclusion readings: Calico on 'true' only, MetalLB on presence") {
    Cluster cluster;
    cluster.nodes = {"b=True", "a", "c=true"};
    auto readings = readExclusions(cluster.state());
    REQUIRE(readings.size() == 3);
    CHECK(readings[0].node == "a");
    CHECK_FALSE(readings[0].metallbExcludes);
    CHECK_FALSE(readings[1].calicoExcludes);
    CHECK(readings[1].metallbExcludes);
    CHECK(readings[2].calicoExcludes);
}

TEST_CASE("exclusion impact: withdrawn routes, next hops, orphaned prefixes, stranded services") {
    Cluster cluster;
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    ClusterState before = cluster.state();
    ClusterState after = before;
    for (auto& node : after.nodes) {
        if (node.name == "a") node.excludeLabel = "true";
    }
    ExclusionImpact impact = assessExclusion(before, after);
    REQUIRE(impact.changes.size() == 1);
    CHECK(impact.changes[0].withdrawn.size() == 2);
    CHECK(impact.orphanedPrefixes == Lines{"10.96.0.10/32"});
    CHECK(impact.strandedServices == Lines{"ns/web"});
    CHECK(impact.needsForce());
    REQUIRE(impact.fanout.size() == 2);
    CHECK(impact.fanout[0].prefix == "10.96.0.0/12");
    CHECK(impact.fanout[0].before == 3);
    CHECK(impact.fanout[0].after == 2);
    // Excluding a node without endpoints changes next hops only.
    ClusterState other = before;
    for (auto& node : other.nodes) {
        if (node.name == "c") node.excludeLabel = "true";
    }
    CHECK_FALSE(assessExclusion(before, other).needsForce());
}

TEST_CASE("label change plan: what each node needs") {
    Cluster cluster;
    cluster.nodes = {"a", "b=true", "c=", "d=True"};
    ClusterState state = cluster.state();
    auto set = planLabelChange(state, {"a", "b", "c", "zz"}, false, false);
    CHECK(set.toWrite == Lines{"a"});
    CHECK(set.unchanged == Lines{"Node b is already excluded"});
    REQUIRE(set.refused.size() == 1);
    CHECK(set.refused[0].find("node c has") == 0);
    CHECK(set.missing == Lines{"zz"});
    CHECK(set.after.nodes[0].excluded());
    CHECK_FALSE(state.nodes[0].excluded());
    auto overwrite = planLabelChange(state, {"c", "d"}, false, true);
    CHECK(overwrite.toWrite == Lines{"c", "d"});
    auto remove = planLabelChange(state, {"a", "b", "d"}, true, false);
    CHECK(remove.toWrite == Lines{"b", "d"});
    CHECK(remove.unchanged.size() == 1);
}
