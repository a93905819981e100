// The BGPConfiguration operations on any Datastore (an in-memory one here): decode and validate
// before writing, stop at the first failure, skip on request, re-run edits on conflicts.
#include <doctest/doctest.h>

#include <utility>

#include "memory_datastore.h"
#include "svcadv/model/bgpconfig_ops.h"
#include "test_helpers.h"

using namespace svcadv;
using test::MemoryDatastore;

namespace {

ResourceRef ref(const std::string& name) {
    return {"BGPConfiguration", "", name};
}

Document doc(const std::string& name, const std::string& spec) {
    return {"t.yaml", "document 1", test::bgpConfig(name, spec)};
}

WriteRequest request(WriteVerb verb, bool skipExisting = false) {
    WriteRequest out;
    out.verb = verb;
    out.skipExisting = skipExisting;
    return out;
}

Cidr cidr(const char* text) {
    return *parseCidr(text).cidr;
}

}  // namespace

TEST_CASE("pastTense names each verb") {
    CHECK(std::string(pastTense(WriteVerb::Create)) == "created");
    CHECK(std::string(pastTense(WriteVerb::Apply)) == "applied");
    CHECK(std::string(pastTense(WriteVerb::Replace)) == "replaced");
    CHECK(std::string(pastTense(WriteVerb::Delete)) == "deleted");
}

TEST_CASE("create stops at the first invalid document; what came before is written") {
    MemoryDatastore store;
    auto report = writeBgpConfigurations(store,
                                         {doc("default", R"({"asNumber": 65000})"),
                                          doc("node.a", R"({"asNumber": 1})"), doc("node.b", "{}")},
                                         request(WriteVerb::Create));
    CHECK(report.total == 3);
    CHECK(report.succeeded() == 1);
    REQUIRE(report.failure);
    CHECK(std::string(report.failure->what())
              .starts_with("t.yaml: document 1: error with field BGPConfiguration.Spec.ASNumber"));
    CHECK(report.failure->code() == ExitCode::InvalidInput);
    CHECK(store.get(ref("default")));
    CHECK_FALSE(store.get(ref("node.a")));
    CHECK_FALSE(store.get(ref("node.b")));
}

TEST_CASE("create: an existing name fails, or is skipped with --skip-exists") {
    MemoryDatastore store;
    store.create(ref("default"), test::bgpConfig("default"), {});
    auto failed = writeBgpConfigurations(store, {doc("default", "{}"), doc("node.a", "{}")},
                                         request(WriteVerb::Create));
    REQUIRE(failed.failure);
    CHECK(dynamic_cast<const Error*>(&*failed.failure));
    CHECK(std::string(failed.failure->what()) ==
          "resource already exists: BGPConfiguration(default)");
    CHECK_FALSE(store.get(ref("node.a")));

    auto skipped = writeBgpConfigurations(store, {doc("default", "{}"), doc("node.a", "{}")},
                                          request(WriteVerb::Create, true));
    CHECK_FALSE(skipped.failure);
    CHECK(skipped.skipped == 1);
    CHECK(skipped.written.size() == 1);
    CHECK(skipped.succeeded() == 2);
    CHECK(store.get(ref("node.a")));
}

TEST_CASE("create refuses a document that carries a resourceVersion") {
    MemoryDatastore store;
    json body = test::bgpConfig("default");
    body["metadata"]["resourceVersion"] = "3";
    auto report =
        writeBgpConfigurations(store, {{"t.yaml", "document 1", body}}, request(WriteVerb::Create));
    REQUIRE(report.failure);
    CHECK(std::string(report.failure->what()) ==
          "metadata.resourceVersion must not be set when creating BGPConfiguration(default)");
    CHECK(store.objects.empty());
}

TEST_CASE("lint warnings are reported with the document's origin, and do not stop the write") {
    MemoryDatastore store;
    auto report = writeBgpConfigurations(store, {doc("other", "{}")}, request(WriteVerb::Apply));
    CHECK_FALSE(report.failure);
    REQUIRE(report.warnings.size() == 1);
    CHECK(report.warnings[0].starts_with(
        "t.yaml: document 1: BGPConfiguration(other) is ignored by calico-node"));
    CHECK(store.get(ref("other")));
}

TEST_CASE("apply creates or updates; a stale resourceVersion is a conflict") {
    MemoryDatastore store;
    auto applied = writeBgpConfigurations(
        store, {doc("default", R"({"asNumber": 65001})"), doc("node.c", "{}")},
        request(WriteVerb::Apply));
    CHECK_FALSE(applied.failure);
    CHECK(applied.written.size() == 2);
    CHECK((*store.get(ref("default")))["spec"]["asNumber"] == 65001);

    writeBgpConfigurations(store, {doc("default", R"({"asNumber": 65002})")},
                           request(WriteVerb::Apply));
    CHECK((*store.get(ref("default")))["spec"]["asNumber"] == 65002);

    json stale = test::bgpConfig("default", R"({"asNumber": 65003})");
    stale["metadata"]["resourceVersion"] = "1";
    auto conflict =
        writeBgpConfigurations(store, {{"t.yaml", "document 1", stale}}, request(WriteVerb::Apply));
    REQUIRE(conflict.failure);
    CHECK(std::string(conflict.failure->what()) == "update conflict: BGPConfiguration(default)");
    CHECK((*store.get(ref("default")))["spec"]["asNumber"] == 65002);

    // A resourceVersion on an object that does not exist yet is dropped: apply creates it.
    json fresh = test::bgpConfig("node.d");
    fresh["metadata"]["resourceVersion"] = "42";
    CHECK_FALSE(
        writeBgpConfigurations(store, {{"t.yaml", "document 1", fresh}}, request(WriteVerb::Apply))
            .failure);
}

TEST_CASE("replace needs the object to exist") {
    MemoryDatastore store;
    auto missing =
        writeBgpConfigurations(store, {doc("default", "{}")}, request(WriteVerb::Replace));
    REQUIRE(missing.failure);
    CHECK(missing.failure->code() == ExitCode::ResourceState);
    store.create(ref("default"), test::bgpConfig("default"), {});
    auto replaced = writeBgpConfigurations(store, {doc("default", R"({"listenPort": 1790})")},
                                           request(WriteVerb::Replace));
    CHECK_FALSE(replaced.failure);
    CHECK((*store.get(ref("default")))["spec"]["listenPort"] == 1790);
}

TEST_CASE("a dry run validates and answers, but stores nothing") {
    MemoryDatastore store;
    WriteRequest dry = request(WriteVerb::Apply);
    dry.dryRun = DryRun::Client;
    auto report = writeBgpConfigurations(store, {doc("default", R"({"asNumber": 65000})")}, dry);
    CHECK_FALSE(report.failure);
    REQUIRE(report.written.size() == 1);
    CHECK(report.written[0]["spec"]["asNumber"] == 65000);
    CHECK(store.objects.empty());
}

TEST_CASE("delete: the first missing name stops the run, unless skipped") {
    MemoryDatastore store;
    store.create(ref("node.c"), test::bgpConfig("node.c"), {});
    store.create(ref("default"), test::bgpConfig("default"), {});
    auto deleted =
        deleteBgpConfigurations(store, {"node.c", "nope", "default"}, request(WriteVerb::Delete));
    CHECK(deleted.total == 3);
    CHECK(deleted.succeeded() == 1);
    REQUIRE(deleted.failure);
    CHECK(std::string(deleted.failure->what()) ==
          "resource does not exist: BGPConfiguration(nope)");
    CHECK(store.get(ref("default")));
    CHECK_FALSE(store.get(ref("node.c")));

    auto skipped =
        deleteBgpConfigurations(store, {"nope", "default"}, request(WriteVerb::Delete, true));
    CHECK_FALSE(skipped.failure);
    CHECK(skipped.skipped == 1);
    REQUIRE(skipped.written.size() == 1);
    CHECK(skipped.written[0]["metadata"]["name"] == "default");
    CHECK(store.objects.empty());
}

TEST_CASE("patch: applied, decoded and validated before it is written") {
    MemoryDatastore store;
    store.create(ref("default"), test::bgpConfig("default"), {});
    PatchRequest patch;
    patch.name = "default";
    patch.patch = json::parse(R"({"spec": {"serviceClusterIPs": [{"cidr": "10.96.0.0/12"}]}})");
    CHECK(patchBgpConfiguration(store, patch)["spec"]["serviceClusterIPs"][0]["cidr"] ==
          "10.96.0.0/12");

    json before = *store.get(ref("default"));
    PatchRequest invalid = patch;
    invalid.patch = json::parse(R"({"spec": {"serviceClusterIPs": [{"cidr": "10.96.0.1/12"}]}})");
    CHECK_THROWS_WITH_AS(patchBgpConfiguration(store, invalid),
                         doctest::Contains("BGPConfiguration(default): after patch: "), Error);
    PatchRequest rename = patch;
    rename.patch = json::parse(R"({"metadata": {"name": "other"}})");
    CHECK_THROWS_WITH(patchBgpConfiguration(store, rename),
                      doctest::Contains("metadata.name cannot be changed"));
    PatchRequest badJsonPatch = patch;
    badJsonPatch.type = PatchType::Json;
    badJsonPatch.patch = json::parse(R"([{"op": "remove", "path": "/spec/nope"}])");
    CHECK_THROWS_WITH(patchBgpConfiguration(store, badJsonPatch),
                      doctest::Contains("BGPConfiguration(default): JSON patch failed"));
    CHECK(*store.get(ref("default")) == before);

    PatchRequest missing;
    missing.name = "nope";
    missing.patch = json::object();
    CHECK_THROWS_AS(patchBgpConfiguration(store, missing), NotFoundError);
}

TEST_CASE("patch: a resourceVersion in the patch is a precondition; without one it re-applies") {
    MemoryDatastore store;
    json created = store.create(ref("default"), test::bgpConfig("default"), {});
    std::string seen = created["metadata"]["resourceVersion"];
    store.changeBehindTheBack(ref("default"), "listenPort", 1790);

    PatchRequest guarded;
    guarded.name = "default";
    guarded.patch = {{"metadata", {{"resourceVersion", seen}}}, {"spec", {{"asNumber", 65000}}}};
    CHECK_THROWS_AS(patchBgpConfiguration(store, guarded), ConflictError);

    // Another writer between read and write: the patch runs again on its result.
    bool interfered = false;
    store.beforeWrite = [&](MemoryDatastore& s) {
        if (!std::exchange(interfered, true))
            s.changeBehindTheBack(ref("default"), "bindMode", "NodeIP");
    };
    PatchRequest plain;
    plain.name = "default";
    plain.patch = {{"spec", {{"asNumber", 65000}}}};
    json stored = patchBgpConfiguration(store, plain);
    CHECK(stored["spec"]["asNumber"] == 65000);
    CHECK(stored["spec"]["bindMode"] == "NodeIP");
    CHECK(stored["spec"]["listenPort"] == 1790);
}

TEST_CASE("cidr edits: add and remove are idempotent; the outcome says what changed") {
    MemoryDatastore store;
    store.create(ref("default"), test::bgpConfig("default"), {});
    Cidr lb = cidr("198.51.100.0/24");
    auto added =
        editServiceCidrs(store, {{ServiceCidrList::LoadBalancerIPs, lb}}, true, DryRun::None);
    REQUIRE(added.outcomes.size() == 1);
    CHECK(added.outcomes[0].changed);
    REQUIRE(added.stored);
    CHECK((*added.stored)["spec"]["serviceLoadBalancerIPs"] ==
          json::parse(R"([{"cidr": "198.51.100.0/24"}])"));
    int writes = store.writes;
    CHECK_FALSE(
        editServiceCidrs(store, {{ServiceCidrList::LoadBalancerIPs, lb}}, true, DryRun::None)
            .outcomes.at(0)
            .changed);
    CHECK(store.writes == writes);  // nothing changed, nothing written
    CHECK(editServiceCidrs(store, {{ServiceCidrList::LoadBalancerIPs, lb}}, false, DryRun::None)
              .outcomes.at(0)
              .changed);
    CHECK_FALSE((*store.get(ref("default")))["spec"].contains("serviceLoadBalancerIPs"));
}

TEST_CASE("cidr edits: an entry written differently is the same CIDR") {
    MemoryDatastore store;
    store.create(
        ref("default"),
        test::bgpConfig("default", R"({"serviceClusterIPs": [{"cidr": "FD00:10:96::/112"}]})"), {});
    auto removed = editServiceCidrs(
        store, {{ServiceCidrList::ClusterIPs, cidr("fd00:10:96::/112")}}, false, DryRun::None);
    CHECK(removed.outcomes.at(0).changed);
    CHECK_FALSE((*store.get(ref("default")))["spec"].contains("serviceClusterIPs"));
}

TEST_CASE("cidr add creates default when missing; remove on missing writes nothing") {
    MemoryDatastore store;
    Cidr c = cidr("fd00:10:96::/112");
    auto removed = editServiceCidrs(store, {{ServiceCidrList::ClusterIPs, c}}, false, DryRun::None);
    CHECK_FALSE(removed.outcomes.at(0).changed);
    CHECK_FALSE(removed.stored);
    CHECK(store.writes == 0);
    editServiceCidrs(store, {{ServiceCidrList::ClusterIPs, c}}, true, DryRun::None);
    CHECK((*store.get(ref("default")))["spec"]["serviceClusterIPs"][0]["cidr"] ==
          "fd00:10:96::/112");
}

TEST_CASE("cidr edits: a retry after a conflict starts the outcomes again") {
    MemoryDatastore store;
    store.create(ref("default"), test::bgpConfig("default"), {});
    bool interfered = false;
    store.beforeWrite = [&](MemoryDatastore& s) {
        if (!std::exchange(interfered, true))
            s.changeBehindTheBack(ref("default"), "listenPort", 1790);
    };
    auto result = editServiceCidrs(store, {{ServiceCidrList::ExternalIPs, cidr("192.0.2.0/24")}},
                                   true, DryRun::None);
    CHECK(result.outcomes.size() == 1);
    CHECK((*result.stored)["spec"]["listenPort"] == 1790);
    CHECK((*result.stored)["spec"]["serviceExternalIPs"][0]["cidr"] == "192.0.2.0/24");
}

TEST_CASE("cidr edits: a stored default that no longer validates is named, nothing written") {
    MemoryDatastore store;
    json broken = test::bgpConfig("default", R"({"asNumber": "many"})");
    broken["metadata"]["resourceVersion"] = "1";
    store.objects[MemoryDatastore::key(ref("default"))] = broken;
    CHECK_THROWS_WITH_AS(
        editServiceCidrs(store, {{ServiceCidrList::ClusterIPs, cidr("10.96.0.0/12")}}, true,
                         DryRun::None),
        doctest::Contains("stored BGPConfiguration(default): current state: "), Error);
    CHECK(store.writes == 0);
}

TEST_CASE("before a write, the caller is told what would be stored, and may refuse it") {
    MemoryDatastore store;
    std::vector<ProposedWrite> told;
    auto remember = [&](const ProposedWrite& proposed) { told.push_back(proposed); };
    WriteRequest create = request(WriteVerb::Create);
    create.beforeWrite = remember;
    writeBgpConfigurations(store, {doc("default", R"({"asNumber": 65000})")}, create);
    REQUIRE(told.size() == 1);
    CHECK(told[0].name == "default");
    CHECK_FALSE(told[0].beforeKnown);  // a create does not read
    CHECK_FALSE(told[0].before.has_value());
    CHECK((*told[0].after)["spec"]["asNumber"] == 65000);

    PatchRequest patch;
    patch.name = "default";
    patch.patch = json::parse(R"({"spec": {"asNumber": 65001}})");
    patch.beforeWrite = remember;
    patchBgpConfiguration(store, patch);
    REQUIRE(told.size() == 2);
    CHECK((*told[1].before)["spec"]["asNumber"] == 65000);
    CHECK((*told[1].after)["spec"]["asNumber"] == 65001);

    editServiceCidrs(store, {{ServiceCidrList::ExternalIPs, cidr("203.0.113.0/24")}}, true,
                     DryRun::None, {}, remember);
    REQUIRE(told.size() == 3);
    CHECK((*told[2].after)["spec"]["serviceExternalIPs"][0]["cidr"] == "203.0.113.0/24");

    WriteRequest remove = request(WriteVerb::Delete);
    remove.beforeWrite = [](const ProposedWrite& proposed) {
        CHECK_FALSE(proposed.after.has_value());
        throw Error(ExitCode::ResourceState, "refused");
    };
    auto report = deleteBgpConfigurations(store, {"default"}, remove);
    REQUIRE(report.failure);
    CHECK(std::string(report.failure->what()) == "refused");
    CHECK(store.get(ref("default")).has_value());  // a refusal writes nothing
}
