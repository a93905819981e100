// Setting and taking off a Node label: the decision, and the read-decide-write whose
// resourceVersion precondition holds across conflict retries.
#include <doctest/doctest.h>

#include "fake_datastore.h"
#include "svcadv/model/node_label_ops.h"

using namespace svcadv;
using namespace svcadv::test;

namespace {

const std::string kKey = "node.kubernetes.io/exclude-from-external-load-balancers";
const ResourceRef kNodeA{"Node", "", "node-a"};

NodeLabelChange setTrue(bool overwrite = false) {
    return {kKey, "true", overwrite};
}
NodeLabelChange takeOff() {
    return {kKey, std::nullopt, false};
}

std::string patchOf(const std::string& version, const json& value) {
    return "mergePatch Node(node-a) " +
           json{{"metadata", {{"labels", {{kKey, value}}}, {"resourceVersion", version}}}}.dump();
}

}  // namespace

TEST_CASE("label decision: write, unchanged, or another value that needs overwrite") {
    using D = LabelDecision;
    CHECK(decideLabelChange(std::nullopt, setTrue()) == D::Write);
    CHECK(decideLabelChange("true", setTrue()) == D::Unchanged);
    CHECK(decideLabelChange("", setTrue()) == D::NeedsOverwrite);
    CHECK(decideLabelChange("True", setTrue()) == D::NeedsOverwrite);
    CHECK(decideLabelChange("false", setTrue(true)) == D::Write);
    CHECK(decideLabelChange(std::nullopt, takeOff()) == D::Unchanged);
    // Taking it off names the label, whatever its value: no overwrite needed.
    CHECK(decideLabelChange("false", takeOff()) == D::Write);
    CHECK(decideLabelChange("true", takeOff()) == D::Write);
}

TEST_CASE("node label: the value, nullopt when unset, non-strings as JSON") {
    CHECK(nodeLabel(node("a", {{kKey, "True"}}), kKey) == "True");
    CHECK(nodeLabel(node("a", {{kKey, ""}}), kKey) == "");
    CHECK_FALSE(nodeLabel(node("a", {{"other", "x"}}), kKey));
    CHECK_FALSE(nodeLabel(json{{"metadata", {{"name", "a"}}}}, kKey));
    CHECK_FALSE(nodeLabel(json{{"metadata", {{"labels", nullptr}}}}, kKey));
    CHECK(nodeLabel(node("a", {{kKey, true}}), kKey) == "true");
}

TEST_CASE("label write: a merge patch of the label, guarded by the version read") {
    RecordingDatastore store;
    store.put(kNodeA, node("node-a", {{"zone", "z1"}}));
    std::vector<std::chrono::milliseconds> slept;
    auto outcome = applyNodeLabelChange(store, "node-a", setTrue(), {}, instantRetries(&slept));
    CHECK(outcome.decision == LabelDecision::Write);
    CHECK_FALSE(outcome.found);
    REQUIRE(outcome.stored);
    CHECK(store.calls == std::vector<std::string>{"get Node(node-a)", patchOf("1", "true")});
    CHECK(nodeLabel(store.stored(kNodeA), kKey) == "true");
    CHECK(nodeLabel(store.stored(kNodeA), "zone") == "z1");
    CHECK(slept.empty());

    auto off = applyNodeLabelChange(store, "node-a", takeOff(), {}, instantRetries(&slept));
    CHECK(off.decision == LabelDecision::Write);
    CHECK(off.found == "true");
    CHECK(store.calls.back() == patchOf("2", nullptr));
    CHECK_FALSE(nodeLabel(store.stored(kNodeA), kKey));
}

TEST_CASE("label write: nothing to do, another value, or no node: no write") {
    RecordingDatastore store;
    store.put(kNodeA, node("node-a", {{kKey, "true"}}));
    store.put({"Node", "", "node-b"}, node("node-b", {{kKey, ""}}));
    std::vector<std::chrono::milliseconds> slept;
    auto retries = instantRetries(&slept);
    auto same = applyNodeLabelChange(store, "node-a", setTrue(), {}, retries);
    CHECK(same.decision == LabelDecision::Unchanged);
    CHECK_FALSE(same.stored);
    auto other = applyNodeLabelChange(store, "node-b", setTrue(), {}, retries);
    CHECK(other.decision == LabelDecision::NeedsOverwrite);
    CHECK(other.found == "");
    CHECK_THROWS_AS(applyNodeLabelChange(store, "node-zz", setTrue(), {}, retries), NotFoundError);
    CHECK(store.calls ==
          std::vector<std::string>{"get Node(node-a)", "get Node(node-b)", "get Node(node-zz)"});
}

TEST_CASE("label write: after a conflict the decision is re-made on the object read again") {
    RecordingDatastore store;
    store.put(kNodeA, node("node-a"));  // resourceVersion 1, no label
    // Another writer sets the label to "false" between our read and our write.
    store.beforeWrite = [](RecordingDatastore& self, int writes) {
        if (writes == 0) self.put(kNodeA, node("node-a", {{kKey, "false"}}));
    };
    std::vector<std::chrono::milliseconds> slept;

    SUBCASE("without overwrite the retry refuses rather than overwrite") {
        auto outcome = applyNodeLabelChange(store, "node-a", setTrue(), {}, instantRetries(&slept));
        CHECK(outcome.decision == LabelDecision::NeedsOverwrite);
        CHECK(outcome.found == "false");
        CHECK_FALSE(outcome.stored);
        // One write, with the version the "no label" decision was made on; it conflicted.
        CHECK(store.calls == std::vector<std::string>{"get Node(node-a)", patchOf("1", "true"),
                                                      "get Node(node-a)"});
        CHECK(nodeLabel(store.stored(kNodeA), kKey) == "false");
        CHECK(slept.size() == 1);
    }
    SUBCASE("with overwrite the retry writes, guarded by the new version") {
        auto outcome =
            applyNodeLabelChange(store, "node-a", setTrue(true), {}, instantRetries(&slept));
        CHECK(outcome.decision == LabelDecision::Write);
        CHECK(outcome.found == "false");
        CHECK(store.calls == std::vector<std::string>{"get Node(node-a)", patchOf("1", "true"),
                                                      "get Node(node-a)", patchOf("2", "true")});
        CHECK(nodeLabel(store.stored(kNodeA), kKey) == "true");
    }
    SUBCASE("the other writer set it as wanted: nothing left to write") {
        store.beforeWrite = [](RecordingDatastore& self, int writes) {
            if (writes == 0) self.put(kNodeA, node("node-a", {{kKey, "true"}}));
        };
        auto outcome = applyNodeLabelChange(store, "node-a", setTrue(), {}, instantRetries(&slept));
        CHECK(outcome.decision == LabelDecision::Unchanged);
        CHECK(store.calls.size() == 3);
    }
}

TEST_CASE("label write: conflicts every time give up after 8 tries with growing waits") {
    RecordingDatastore store;
    store.put(kNodeA, node("node-a"));
    store.beforeWrite = [](RecordingDatastore& self, int) {
        self.put(kNodeA, node("node-a", {{"touched", "yes"}}));
    };
    std::vector<std::chrono::milliseconds> slept;
    CHECK_THROWS_AS(applyNodeLabelChange(store, "node-a", setTrue(), {}, instantRetries(&slept)),
                    ConflictError);
    CHECK(std::count(store.calls.begin(), store.calls.end(), "get Node(node-a)") == 8);
    // Full jitter at random 0.5: half of 100, 200, 400, 800, 1600 ms, then of the 2 s cap.
    using std::chrono::milliseconds;
    CHECK(slept == std::vector<milliseconds>{milliseconds(50), milliseconds(100), milliseconds(200),
                                             milliseconds(400), milliseconds(800),
                                             milliseconds(1000), milliseconds(1000)});
    CHECK_FALSE(nodeLabel(store.stored(kNodeA), kKey));
}

TEST_CASE("label write: a dry run is passed to the datastore and changes nothing") {
    RecordingDatastore store;
    store.put(kNodeA, node("node-a"));
    std::vector<std::chrono::milliseconds> slept;
    auto outcome =
        applyNodeLabelChange(store, "node-a", setTrue(), {DryRun::Server}, instantRetries(&slept));
    CHECK(outcome.decision == LabelDecision::Write);
    CHECK(store.writeModes == std::vector<DryRun>{DryRun::Server});
    CHECK_FALSE(nodeLabel(store.stored(kNodeA), kKey));
}
