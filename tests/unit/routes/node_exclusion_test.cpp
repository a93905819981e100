// Reading the exclude label, choosing the nodes, planning a label change, assessing what it does
// to routes, the --force rule, and writing the change.
#include <doctest/doctest.h>

#include "fake_datastore.h"
#include "route_fixtures.h"
#include "svcadv/model/node_label_ops.h"
#include "svcadv/routes/node_exclusion.h"
#include "svcadv/util/error.h"

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

TEST_CASE("target nodes: names as given, a selector's matches, or all; none is a usage error") {
    std::vector<json> nodes = {node("a", {{"role", "edge"}}), node("b", {{"role", "core"}}),
                               node("c", {{"role", "edge"}, {"zone", "z1"}})};
    NodeTargets names{{"zz", "b"}, "", false};
    CHECK_FALSE(names.needsNodeList());
    CHECK(selectTargetNodes(names, {}) == Lines{"zz", "b"});
    NodeTargets edge{{}, "role=edge", false};
    CHECK(edge.needsNodeList());
    CHECK(selectTargetNodes(edge, nodes) == Lines{"a", "c"});
    CHECK(selectTargetNodes({{}, "role=edge,zone", false}, nodes) == Lines{"c"});
    CHECK(selectTargetNodes({{}, "", true}, nodes) == Lines{"a", "b", "c"});
    try {
        selectTargetNodes({{}, "role=gateway", false}, nodes);
        FAIL("no match must be an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Usage);
        CHECK(std::string(e.what()) == "-l/--selector: no node matches 'role=gateway'");
    }
    CHECK_THROWS_WITH(selectTargetNodes({{}, "", true}, {}), "--all: there are no nodes");
}

TEST_CASE("the --force rule: refuse a write that strands a prefix or a Local service") {
    Cluster cluster;
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    ClusterState before = cluster.state();
    auto strand = planLabelChange(before, {"a"}, false, false);
    ExclusionImpact impact = assessExclusion(before, strand.after);
    try {
        refuseStrandingWithoutForce(impact, strand, false);
        FAIL("stranding must be refused");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::ResourceState);
        CHECK(std::string(e.what()) ==
              "refusing to change the exclude label, it strands:\n"
              "  - 10.96.0.10/32 would be advertised by no node\n"
              "  - Local service ns/web would be left with no advertising node\n"
              "(use --force to do it anyway)");
    }
    CHECK_NOTHROW(refuseStrandingWithoutForce(impact, strand, true));
    // Nothing to write (the impact is another plan's): nothing to refuse.
    auto nothing = planLabelChange(before, {"zz"}, false, false);
    CHECK_NOTHROW(refuseStrandingWithoutForce(impact, nothing, false));
    // A node without endpoints strands nothing.
    auto harmless = planLabelChange(before, {"c"}, false, false);
    CHECK_NOTHROW(
        refuseStrandingWithoutForce(assessExclusion(before, harmless.after), harmless, false));
}

TEST_CASE("writing a label change: node by node, decided again on what each write reads") {
    Cluster cluster;
    cluster.nodes = {"a", "b", "c=", "d"};
    ClusterState state = cluster.state();
    RecordingDatastore store;
    for (const auto& name : {"a", "b", "d"})
        store.put({"Node", "", name}, node(name));
    store.put({"Node", "", "c"}, node("c", {{kExcludeLabel, ""}}));
    // Between the plan and the writes, someone labels b "false" and d "true"; a is gone.
    store.put({"Node", "", "b"}, node("b", {{kExcludeLabel, "false"}}));
    store.put({"Node", "", "d"}, node("d", {{kExcludeLabel, "true"}}));
    store.remove({"Node", "", "a"}, {});
    store.calls.clear();
    store.put({"Node", "", "e"}, node("e"));

    auto plan = planLabelChange(state, {"a", "b", "c", "d", "zz"}, false, false);
    REQUIRE(plan.toWrite == Lines{"a", "b", "d"});
    plan.toWrite.push_back("e");  // a node the state did not know, as a store can have
    std::vector<std::chrono::milliseconds> slept;
    auto report = writeLabelChange(store, plan, false, false, {}, instantRetries(&slept));
    CHECK(report.written == Lines{"e"});
    CHECK(report.unchanged == Lines{"Node d is already excluded"});
    REQUIRE(report.failures.size() == 4);
    CHECK(report.failures[0].find("node c has " + std::string(kExcludeLabel) + "=''") == 0);
    CHECK(report.failures[1] == "resource does not exist: Node(a)");
    CHECK(report.failures[2].find("node b has " + std::string(kExcludeLabel) + "='false'") == 0);
    CHECK(report.failures[3] == "resource does not exist: Node(zz)");
    CHECK(report.exitCode() == static_cast<int>(ExitCode::PartialSuccess));
    CHECK(nodeLabel(store.stored({"Node", "", "b"}), kExcludeLabel) == "false");
    CHECK(nodeLabel(store.stored({"Node", "", "e"}), kExcludeLabel) == "true");
}

TEST_CASE("writing a label change: exit codes") {
    Cluster cluster;
    cluster.nodes = {"a=true", "b="};
    ClusterState state = cluster.state();
    RecordingDatastore store;
    store.put({"Node", "", "a"}, node("a", {{kExcludeLabel, "true"}}));
    store.put({"Node", "", "b"}, node("b", {{kExcludeLabel, ""}}));
    std::vector<std::chrono::milliseconds> slept;
    auto none = writeLabelChange(store, planLabelChange(state, {"a"}, false, false), false, false,
                                 {}, instantRetries(&slept));
    CHECK(none.failures.empty());
    CHECK(none.exitCode() == 0);
    auto refused = writeLabelChange(store, planLabelChange(state, {"b"}, false, false), false,
                                    false, {}, instantRetries(&slept));
    CHECK(refused.written.empty());
    CHECK(refused.exitCode() == static_cast<int>(ExitCode::ResourceState));
    auto removed = writeLabelChange(store, planLabelChange(state, {"a", "b"}, true, false), true,
                                    false, {}, instantRetries(&slept));
    CHECK(removed.written == Lines{"a", "b"});
    CHECK(removed.exitCode() == 0);
    CHECK_FALSE(nodeLabel(store.stored({"Node", "", "b"}), kExcludeLabel));
}
