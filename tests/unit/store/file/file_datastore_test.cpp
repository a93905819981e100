#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "svcadv/store/file/file_datastore.h"
#include "svcadv/util/error.h"
#include "temp_dir.h"
#include "test_helpers.h"

using namespace svcadv;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

ResourceRef ref(const std::string& name) {
    return {"BGPConfiguration", "", name};
}
std::string rv(const json& o) {
    return o["metadata"]["resourceVersion"];
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
    CHECK(store.pathFor({"ClusterInformation", "", "default"}) ==
          dir.path / "data/clusterinformations/default.yaml");
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

TEST_CASE("modify runs the mutation once under the lock: create, update, no change") {
    TempDir dir;
    FileDatastore store(dir.path);
    int runs = 0;
    auto setAs = [&](int asNumber) {
        return [&runs, asNumber](const std::optional<json>& current) -> std::optional<json> {
            ++runs;
            json next = current ? *current : test::bgpConfig("default");
            next["spec"]["asNumber"] = asNumber;
            return next;
        };
    };
    auto created = store.modify(ref("default"), setAs(1), {});
    CHECK(rv(*created) == "1");
    auto updated = store.modify(ref("default"), setAs(2), {});
    CHECK(rv(*updated) == "2");
    CHECK((*store.get(ref("default")))["spec"]["asNumber"] == 2);
    CHECK(runs == 2);
    auto unchanged =
        store.modify(ref("default"), [](const auto&) { return std::optional<json>(); }, {});
    CHECK(*unchanged == *updated);
    store.modify(ref("default"), setAs(3), {DryRun::Client});
    CHECK((*store.get(ref("default")))["spec"]["asNumber"] == 2);
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
