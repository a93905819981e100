// Comparing two plans node by node.
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/routes/plan_diff.h"

using namespace svcadv;
using namespace svcadv::test;

TEST_CASE("diff: excluding a node withdraws its routes; nothing else changes") {
    Cluster cluster;
    cluster.documents = {service("web", kLocalLb), slice("web", {"a", "b"})};
    auto before = plan(cluster);
    cluster.nodes = {"a=true", "b", "c"};
    auto after = plan(cluster);
    auto changes = diffPlans({before.state, before.plan}, {after.state, after.plan}, {});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].node == "a");
    CHECK(changes[0].added.empty());
    REQUIRE(changes[0].withdrawn.size() == 2);
    CHECK(changes[0].withdrawn[0].prefix.str() == "10.96.0.0/12");
    CHECK(changes[0].withdrawn[1].prefix.str() == "10.96.0.10/32");
    CHECK(changes[0].withdrawn[1].sources[0].reason == Reason::LocalEndpoint);
}
