// Datastore's own code: modify's read-modify-write loop and mergePatch, on an in-memory store.
#include <doctest/doctest.h>

#include <utility>

#include "memory_datastore.h"
#include "test_helpers.h"

using namespace svcadv;
using test::MemoryDatastore;

namespace {

const ResourceRef kDefault{"BGPConfiguration", "", "default"};

std::string rv(const json& object) {
    return object["metadata"]["resourceVersion"];
}

// A mutation that sets spec.asNumber and counts its runs.
Datastore::Mutation setAsNumber(int value, int& runs) {
    return [value, &runs](const std::optional<json>& current) -> std::optional<json> {
        ++runs;
        json next = current ? *current : test::bgpConfig("default");
        next["spec"]["asNumber"] = value;
        return next;
    };
}

}  // namespace

TEST_CASE("modify creates the object when it is missing") {
    MemoryDatastore store;
    bool sawMissing = false;
    auto stored = store.modify(kDefault,
                               [&](const std::optional<json>& current) -> std::optional<json> {
                                   sawMissing = !current;
                                   return test::bgpConfig("default", R"({"asNumber": 65000})");
                               },
                               {});
    CHECK(sawMissing);
    REQUIRE(stored);
    CHECK((*stored)["spec"]["asNumber"] == 65000);
    CHECK(*store.get(kDefault) == *stored);
}

TEST_CASE("modify writes nothing when the mutation returns nullopt") {
    MemoryDatastore store;
    CHECK_FALSE(store.modify(kDefault, [](const auto&) { return std::optional<json>(); }, {}));
    store.create(kDefault, test::bgpConfig("default"), {});
    int writes = store.writes;
    auto unchanged = store.modify(kDefault, [](const auto&) { return std::optional<json>(); }, {});
    CHECK(unchanged == store.get(kDefault));
    CHECK(store.writes == writes);
}

TEST_CASE("modify re-runs the mutation on the fresh object after a conflict") {
    MemoryDatastore store;
    store.create(kDefault, test::bgpConfig("default"), {});
    int interfered = 0;
    store.beforeWrite = [&](MemoryDatastore& s) {
        if (interfered++ == 0) s.changeBehindTheBack(kDefault, "listenPort", 1790);
    };
    int runs = 0;
    auto stored = store.modify(kDefault, setAsNumber(65001, runs), {});
    CHECK(runs == 2);
    // Both writers' changes are there: the other writer's was not overwritten.
    CHECK((*stored)["spec"]["listenPort"] == 1790);
    CHECK((*stored)["spec"]["asNumber"] == 65001);
    CHECK(*store.get(kDefault) == *stored);
}

TEST_CASE("modify guards the update with the version the mutation saw") {
    MemoryDatastore store;
    store.create(kDefault, test::bgpConfig("default"), {});
    bool interfered = false;
    store.beforeWrite = [&](MemoryDatastore& s) {
        if (!std::exchange(interfered, true)) s.changeBehindTheBack(kDefault, "listenPort", 1790);
    };
    int runs = 0;
    auto stored = store.modify(
        kDefault,
        [&](const std::optional<json>& current) -> std::optional<json> {
            ++runs;
            json next = *current;
            next["metadata"].erase("resourceVersion");  // would be an unconditional update
            next["spec"]["asNumber"] = 65002;
            return next;
        },
        {});
    CHECK(runs == 2);
    CHECK((*stored)["spec"]["listenPort"] == 1790);
}

TEST_CASE("modify retries a create that lost the race to another creator") {
    MemoryDatastore store;
    bool interfered = false;
    store.beforeWrite = [&](MemoryDatastore& s) {
        if (std::exchange(interfered, true)) return;
        json theirs = test::bgpConfig("default", R"({"listenPort": 1790})");
        theirs["metadata"]["resourceVersion"] = "7";
        s.objects[MemoryDatastore::key(kDefault)] = theirs;
    };
    std::vector<bool> sawMissing;
    auto stored = store.modify(kDefault,
                               [&](const std::optional<json>& current) -> std::optional<json> {
                                   sawMissing.push_back(!current);
                                   json next = current ? *current : test::bgpConfig("default");
                                   next["spec"]["asNumber"] = 65003;
                                   return next;
                               },
                               {});
    CHECK(sawMissing == std::vector<bool>{true, false});
    CHECK((*stored)["spec"]["listenPort"] == 1790);
    CHECK((*stored)["spec"]["asNumber"] == 65003);
}

TEST_CASE("modify gives up after 8 conflicts with the conflict error") {
    MemoryDatastore store;
    store.create(kDefault, test::bgpConfig("default"), {});
    int other = 0;
    store.beforeWrite = [&](MemoryDatastore& s) {
        s.changeBehindTheBack(kDefault, "listenPort", 1000 + ++other);
    };
    int runs = 0;
    CHECK_THROWS_AS(store.modify(kDefault, setAsNumber(65004, runs), {}), ConflictError);
    CHECK(runs == 8);
    CHECK_FALSE((*store.get(kDefault))["spec"].contains("asNumber"));
}

TEST_CASE("modify does not retry other errors") {
    MemoryDatastore store;
    int runs = 0;
    CHECK_THROWS_AS(store.modify(kDefault,
                                 [&](const auto&) -> std::optional<json> {
                                     ++runs;
                                     throw invalidInput("bad");
                                 },
                                 {}),
                    Error);
    CHECK(runs == 1);
}

TEST_CASE("modify passes the dry run on: nothing is stored") {
    MemoryDatastore store;
    int runs = 0;
    auto result = store.modify(kDefault, setAsNumber(65005, runs), {DryRun::Client});
    REQUIRE(result);
    CHECK((*result)["spec"]["asNumber"] == 65005);
    CHECK(store.objects.empty());
}

TEST_CASE("mergePatch merges (null deletes) and writes a new version") {
    MemoryDatastore store;
    store.create(kDefault, test::bgpConfig("default", R"({"asNumber": 1, "listenPort": 179})"), {});
    json patched = store.mergePatch(
        kDefault, json::parse(R"({"spec": {"asNumber": 2, "listenPort": null}})"), {});
    CHECK(patched["spec"] == json{{"asNumber", 2}});
    CHECK(rv(patched) != "1");
    CHECK(*store.get(kDefault) == patched);
}

TEST_CASE("mergePatch: a resourceVersion in the patch is a precondition") {
    MemoryDatastore store;
    json created = store.create(kDefault, test::bgpConfig("default"), {});
    store.changeBehindTheBack(kDefault, "asNumber", 1);
    json stale = {{"metadata", {{"resourceVersion", rv(created)}}}, {"spec", {{"asNumber", 2}}}};
    CHECK_THROWS_AS(store.mergePatch(kDefault, stale, {}), ConflictError);
    CHECK((*store.get(kDefault))["spec"]["asNumber"] == 1);

    json current = stale;
    current["metadata"]["resourceVersion"] = rv(*store.get(kDefault));
    CHECK(store.mergePatch(kDefault, current, {})["spec"]["asNumber"] == 2);
}

TEST_CASE("mergePatch of a missing object is NotFound") {
    MemoryDatastore store;
    CHECK_THROWS_WITH_AS(store.mergePatch(kDefault, json::object(), {}),
                         "resource does not exist: BGPConfiguration(default)", NotFoundError);
    CHECK(store.objects.empty());
}
