#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "svcadv/model/bgpconfig_ops.h"
#include "svcadv/store/file/file_datastore.h"
#include "test_helpers.h"

using namespace svcadv;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "svcadv-unit-XXXXXX").string();
        path = ::mkdtemp(tmpl.data());
    }
    ~TempDir() { fs::remove_all(path); }
};

ResourceRef ref(const std::string& name) {
    return {"BGPConfiguration", "", name};
}
std::string rv(const json& o) {
    return o["metadata"]["resourceVersion"];
}

Document doc(const std::string& name, const std::string& spec) {
    return {"t.yaml", "document 1", test::bgpConfig(name, spec)};
}

}  // namespace

TEST_CASE("create, get, list, update, delete with resourceVersion semantics") {
    TempDir dir;
    FileDatastore store(dir.path / "data");
    CHECK_FALSE(store.get(ref("default")));
    CHECK(store.list("BGPConfiguration").empty());

    json created = store.create(ref("default"), test::bgpConfig("default"), {});
    CHECK(rv(created) == "1");
    CHECK(created["metadata"].contains("uid"));
    CHECK(*store.get(ref("default")) == created);
    CHECK_THROWS_AS(store.create(ref("default"), test::bgpConfig("default"), {}),
                    AlreadyExistsError);

    json stale = created;
    json updated = store.update(ref("default"), created, {});
    CHECK(rv(updated) == "2");
    CHECK(updated["metadata"]["uid"] == created["metadata"]["uid"]);
    CHECK_THROWS_AS(store.update(ref("default"), stale, {}), ConflictError);
    CHECK_THROWS_AS(store.update(ref("other"), test::bgpConfig("other"), {}), NotFoundError);

    store.create(ref("a.b"), test::bgpConfig("a.b"), {});
    auto all = store.list("BGPConfiguration");
    REQUIRE(all.size() == 2);
    CHECK(all[0]["metadata"]["name"] == "a.b");

    store.remove(ref("default"), {});
    CHECK_FALSE(store.get(ref("default")));
    CHECK_THROWS_AS(store.remove(ref("default"), {}), NotFoundError);
    // A re-created object never gets a version that was handed out before.
    CHECK(std::stoi(rv(store.create(ref("default"), test::bgpConfig("default"), {}))) > 3);
}

TEST_CASE("layout, permissions and dry runs") {
    TempDir dir;
    FileDatastore store(dir.path / "data");
    store.create(ref("default"), test::bgpConfig("default"), {});
    fs::path file = dir.path / "data/bgpconfigurations/default.yaml";
    REQUIRE(fs::exists(file));
    struct stat st {};
    ::stat(file.c_str(), &st);
    CHECK((st.st_mode & 0777) == 0600);
    ::stat((dir.path / "data").c_str(), &st);
    CHECK((st.st_mode & 0777) == 0700);
    CHECK(store.pathFor({"Service", "shop", "web"}) == dir.path / "data/services/shop/web.yaml");
    CHECK(store.pathFor({"Node", "", "n1"}) == dir.path / "data/nodes/n1.yaml");
    CHECK(store.pathFor({"EndpointSlice", "", "web-1"}) ==
          dir.path / "data/endpointslices/default/web-1.yaml");
    // Kinds the registry knows but that are no part of a cluster's state are not stored here.
    CHECK_THROWS_WITH(store.pathFor({"ClusterInformation", "", "default"}),
                      "the file datastore does not store kind ClusterInformation");
    CHECK_THROWS_WITH(store.list("BGPPeer"), "the file datastore does not store kind BGPPeer");

    json before = *store.get(ref("default"));
    store.create(ref("dry"), test::bgpConfig("dry"), {DryRun::Client});
    store.remove(ref("default"), {DryRun::Client});
    CHECK_FALSE(store.get(ref("dry")));
    CHECK(*store.get(ref("default")) == before);
}

TEST_CASE("a file that does not parse is an error naming it") {
    TempDir dir;
    fs::create_directories(dir.path / "bgpconfigurations");
    std::ofstream(dir.path / "bgpconfigurations/default.yaml") << "spec: [unclosed\n";
    FileDatastore store(dir.path);
    CHECK_THROWS_WITH(store.get(ref("default")),
                      doctest::Contains("bgpconfigurations/default.yaml: invalid YAML"));
}

TEST_CASE("operations: write verbs, partial success, patch and cidr edits") {
    TempDir dir;
    FileDatastore store(dir.path);
    WriteRequest create;
    create.verb = WriteVerb::Create;
    auto report = writeBgpConfigurations(store,
                                         {doc("default", R"({"asNumber": 65000})"),
                                          doc("node.a", R"({"asNumber": 1})"), doc("node.b", "{}")},
                                         create);
    CHECK(report.succeeded() == 1);
    REQUIRE(report.failure);
    CHECK(std::string(report.failure->what())
              .starts_with("t.yaml: document 1: error with field BGPConfiguration.Spec.ASNumber"));
    CHECK_FALSE(store.get(ref("node.b")));

    create.skipExisting = true;
    CHECK(writeBgpConfigurations(store, {doc("default", "{}")}, create).skipped == 1);

    WriteRequest apply;
    apply.verb = WriteVerb::Apply;
    auto applied = writeBgpConfigurations(
        store, {doc("default", R"({"asNumber": 65001})"), doc("node.c", "{}")}, apply);
    CHECK_FALSE(applied.failure);
    CHECK((*store.get(ref("default")))["spec"]["asNumber"] == 65001);

    json stale = test::bgpConfig("default", R"({"asNumber": 65002})");
    stale["metadata"]["resourceVersion"] = "1";
    auto conflict = writeBgpConfigurations(store, {{"t.yaml", "document 1", stale}}, apply);
    REQUIRE(conflict.failure);
    CHECK(std::string(conflict.failure->what()) == "update conflict: BGPConfiguration(default)");

    PatchRequest patch;
    patch.name = "default";
    patch.patch = json::parse(R"({"spec": {"serviceClusterIPs": [{"cidr": "10.96.0.0/12"}]}})");
    CHECK(patchBgpConfiguration(store, patch)["spec"]["serviceClusterIPs"][0]["cidr"] ==
          "10.96.0.0/12");
    PatchRequest badPatch;
    badPatch.name = "default";
    badPatch.patch = json::parse(R"({"spec": {"serviceClusterIPs": [{"cidr": "10.96.0.1/12"}]}})");
    json beforeBad = *store.get(ref("default"));
    CHECK_THROWS_AS(patchBgpConfiguration(store, badPatch), Error);
    CHECK(*store.get(ref("default")) == beforeBad);
    PatchRequest rename;
    rename.name = "default";
    rename.patch = json::parse(R"({"metadata": {"name": "other"}})");
    CHECK_THROWS_WITH(patchBgpConfiguration(store, rename),
                      doctest::Contains("metadata.name cannot be changed"));
    PatchRequest missing;
    missing.name = "nope";
    missing.patch = json::object();
    CHECK_THROWS_AS(patchBgpConfiguration(store, missing), NotFoundError);

    Cidr lb = *parseCidr("198.51.100.0/24").cidr;
    auto added =
        editServiceCidrs(store, {{ServiceCidrList::LoadBalancerIPs, lb}}, true, DryRun::None);
    CHECK(added.outcomes.at(0).changed);
    CHECK_FALSE(
        editServiceCidrs(store, {{ServiceCidrList::LoadBalancerIPs, lb}}, true, DryRun::None)
            .outcomes.at(0)
            .changed);
    CHECK(editServiceCidrs(store, {{ServiceCidrList::LoadBalancerIPs, lb}}, false, DryRun::None)
              .outcomes.at(0)
              .changed);
    CHECK_FALSE((*store.get(ref("default")))["spec"].contains("serviceLoadBalancerIPs"));

    WriteRequest del;
    del.verb = WriteVerb::Delete;
    auto deleted = deleteBgpConfigurations(store, {"node.c", "nope", "default"}, del);
    CHECK(deleted.succeeded() == 1);
    CHECK(dynamic_cast<const Error*>(&*deleted.failure));
    CHECK(store.get(ref("default")));
}

TEST_CASE("cidr add creates default when missing; remove on missing writes nothing") {
    TempDir dir;
    FileDatastore store(dir.path / "d");
    Cidr c = *parseCidr("fd00:10:96::/112").cidr;
    auto removed = editServiceCidrs(store, {{ServiceCidrList::ClusterIPs, c}}, false, DryRun::None);
    CHECK_FALSE(removed.outcomes.at(0).changed);
    CHECK_FALSE(fs::exists(dir.path / "d/bgpconfigurations"));
    editServiceCidrs(store, {{ServiceCidrList::ClusterIPs, c}}, true, DryRun::None);
    CHECK((*store.get(ref("default")))["spec"]["serviceClusterIPs"][0]["cidr"] ==
          "fd00:10:96::/112");
}

TEST_CASE(
    "a new resourceVersion is above any in the directory, including files copied in by hand") {
    TempDir dir;
    FileDatastore store(dir.path);
    store.create(ref("default"), test::bgpConfig("default"), {});
    fs::create_directories(dir.path / "nodes");
    std::ofstream(dir.path / "nodes/n1.yaml")
        << "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  resourceVersion: \"500\"\n";
    CHECK(rv(store.create(ref("node.a"), test::bgpConfig("node.a"), {})) == "501");
}
