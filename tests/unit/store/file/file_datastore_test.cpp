#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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
    "a new resourceVersion follows the high-water mark, and the version of the object it "
    "replaces when a file copied in by hand put that above") {
    TempDir dir;
    FileDatastore store(dir.path);
    store.create(ref("default"), test::bgpConfig("default"), {});
    fs::create_directories(dir.path / "nodes");
    std::ofstream(dir.path / "nodes/n1.yaml")
        << "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  resourceVersion: \"500\"\n";
    // The mark alone is read: a write never reads every stored file.
    CHECK(rv(store.create(ref("node.a"), test::bgpConfig("node.a"), {})) == "2");
    // The hand-copied object's next version is above its own: a writer holding "500" conflicts.
    ResourceRef n1{"Node", "", "n1"};
    json node = *store.get(n1);
    CHECK(rv(store.update(n1, node, {})) == "501");
    CHECK_THROWS_AS(store.update(n1, node, {}), ConflictError);
    // Deleting raises the mark past the deleted version: a re-created object never gets it.
    std::ofstream(dir.path / "nodes/n2.yaml")
        << "apiVersion: v1\nkind: Node\nmetadata:\n  name: n2\n  resourceVersion: \"900\"\n";
    store.remove({"Node", "", "n2"}, {});
    node["metadata"] = {{"name", "n2"}};
    CHECK(rv(store.create({"Node", "", "n2"}, node, {})) == "901");
}

namespace {

// The message and code of running `action`.
template <typename Action>
std::pair<std::string, ExitCode> failureOf(Action action) {
    try {
        action();
    } catch (const Error& e) {
        return {e.what(), e.code()};
    }
    return {"", ExitCode::Ok};
}

std::string slurp(const fs::path& file) {
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("a write that fails leaves the old state and says nothing was written") {
    TempDir dir;
    FileDatastore store(dir.path);
    json before = store.create(ref("default"), test::bgpConfig("default"), {});
    // Files may grow to 64 bytes: the high-water mark fits, the manifest does not (as on a
    // disk that fills up half-way through a write).
    auto* previous = ::signal(SIGXFSZ, SIG_IGN);
    rlimit saved{};
    ::getrlimit(RLIMIT_FSIZE, &saved);
    rlimit small = saved;
    small.rlim_cur = 64;
    ::setrlimit(RLIMIT_FSIZE, &small);
    json changed = before;
    changed["spec"]["asNumber"] = 65000;
    auto updateFailure = failureOf([&] { store.update(ref("default"), changed, {}); });
    auto createFailure =
        failureOf([&] { store.create(ref("other"), test::bgpConfig("other"), {}); });
    ::setrlimit(RLIMIT_FSIZE, &saved);
    ::signal(SIGXFSZ, previous);
    CHECK(updateFailure.second == ExitCode::Unreachable);
    CHECK(updateFailure.first.ends_with(
        "(nothing was written: BGPConfiguration(default) is as it was)"));
    CHECK(createFailure.first.ends_with(
        "(nothing was written: BGPConfiguration(other) is as it was)"));
    CHECK(*store.get(ref("default")) == before);
    CHECK_FALSE(store.get(ref("other")));
    // No temporary file is left, and versions still only go up.
    for (const auto& entry : fs::recursive_directory_iterator(dir.path))
        CHECK(entry.path().filename().string().find(".yaml.") == std::string::npos);
    CHECK(std::stoull(rv(store.update(ref("default"), changed, {}))) > std::stoull(rv(before)));
}

TEST_CASE("resourceVersions never wrap: impossible stored versions are a clear error") {
    TempDir dir;
    FileDatastore store(dir.path);
    dir.write("nodes/n1.yaml",
              "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  resourceVersion: "
              "\"18446744073709551615\"\n");
    // Reading or writing that object is refused, naming it; a write of another object reads the
    // high-water mark alone.
    ResourceRef n1{"Node", "", "n1"};
    auto [message, code] = failureOf([&] { store.get(n1); });
    CHECK(code == ExitCode::InvalidInput);
    CHECK(message == (dir.path / "nodes/n1.yaml").string() +
                         ": metadata.resourceVersion '18446744073709551615' is not a version "
                         "svcadv can follow (decimal digits, below 18446744073709551615)");
    json replacement = {{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", "n1"}}}};
    CHECK(failureOf([&] { store.update(n1, replacement, {}); }) == std::make_pair(message, code));
    CHECK(rv(store.create(ref("default"), test::bgpConfig("default"), {})) == "1");

    // A snapshot's "-1" (or anything but digits) is refused, not wrapped to 2^64-1.
    TempDir other;
    FileDatastore target(other.path);
    json node = {{"apiVersion", "v1"},
                 {"kind", "Node"},
                 {"metadata", {{"name", "n1"}, {"resourceVersion", "-1"}}}};
    auto [importMessage, importCode] = failureOf([&] {
        target.importObjects({{{"Node", "", "n1"}, node}});
    });
    CHECK(importCode == ExitCode::InvalidInput);
    CHECK(importMessage.starts_with("Node(n1): metadata.resourceVersion '-1' is not a version"));
    CHECK_FALSE(fs::exists(other.path / "nodes/n1.yaml"));
    // The largest followable version is still followed.
    node["metadata"]["resourceVersion"] = "18446744073709551613";
    target.importObjects({{{"Node", "", "n1"}, node}});
    CHECK(rv(target.create(ref("default"), test::bgpConfig("default"), {})) ==
          "18446744073709551614");
    CHECK(failureOf([&] { target.create(ref("x"), test::bgpConfig("x"), {}); }).second ==
          ExitCode::InvalidInput);
}

TEST_CASE("a hand-copied file without metadata or resourceVersion is a clear error") {
    TempDir dir;
    FileDatastore store(dir.path);
    dir.write("bgpconfigurations/default.yaml",
              "apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata:\n  name: "
              "default\nspec: {}\n");
    std::string file = (dir.path / "bgpconfigurations/default.yaml").string();
    auto [message, code] = failureOf([&] { store.get(ref("default")); });
    CHECK(code == ExitCode::InvalidInput);
    CHECK(message.starts_with(file + ": the object has no metadata.resourceVersion"));
    CHECK(failureOf([&] { store.update(ref("default"), test::bgpConfig("default"), {}); }) ==
          std::make_pair(message, code));
    dir.write("bgpconfigurations/default.yaml",
              "apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nspec: {}\n");
    CHECK(failureOf([&] { store.list("BGPConfiguration"); }) ==
          std::make_pair(file + ": the object has no metadata", ExitCode::InvalidInput));
}

TEST_CASE(
    "a stored file that does not parse blocks no write to another object; an import "
    "counts every stored version") {
    TempDir dir;
    FileDatastore store(dir.path);
    dir.write("services/shop/broken.yaml", "spec: [unclosed\n");
    dir.write("services/shop/old.yaml",
              "apiVersion: v1\nkind: Service\nmetadata: {name: old, resourceVersion: \"41\"}\n");
    // A write reads the high-water mark alone.
    CHECK(rv(store.create(ref("default"), test::bgpConfig("default"), {})) == "1");
    // An import (a snapshot into this directory) may replace hand-copied files: it reads them
    // all; the broken file has no version to consider, the readable one counts.
    json node = {{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", "n1"}}}};
    store.importObjects({std::make_pair(ResourceRef{"Node", "", "n1"}, node)});
    CHECK(rv(*store.get({"Node", "", "n1"})) == "42");
    // A version svcadv could not follow stops the import, and no other write.
    dir.write("services/shop/old.yaml",
              "apiVersion: v1\nkind: Service\nmetadata: {name: old, resourceVersion: \"-1\"}\n");
    CHECK(failureOf([&] {
              store.importObjects({std::make_pair(ResourceRef{"Node", "", "n2"}, node)});
          }).second == ExitCode::InvalidInput);
    CHECK(rv(store.create(ref("second"), test::bgpConfig("second"), {})) == "43");
}

TEST_CASE("a value that reads like a resourceVersion line does not confuse the next version") {
    TempDir dir;
    FileDatastore store(dir.path);
    json object = test::bgpConfig("default");
    object["metadata"]["annotations"]["note"] = "resourceVersion: " + std::string(100000, '9');
    store.create(ref("default"), object, {});
    CHECK(rv(store.create(ref("second"), test::bgpConfig("second"), {})) == "2");
}

TEST_CASE("temporary files a killed writer left are removed by the next write") {
    TempDir dir;
    FileDatastore store(dir.path);
    store.create(ref("default"), test::bgpConfig("default"), {});
    CHECK_FALSE(fs::exists(dir.path / ".write-in-progress"));  // a finished write takes it away
    dir.write("bgpconfigurations/.default.yaml.Ab12Cd", "half");
    dir.write("nodes/.n1.yaml.x9Y8z7", "half");
    dir.write("..resourceVersion.QwErTy", "7");
    dir.write("bgpconfigurations/.keep", "mine");

    // Without the marker a killed writer leaves behind, a write looks in no other folder.
    store.create(ref("second"), test::bgpConfig("second"), {});
    CHECK(fs::exists(dir.path / "nodes/.n1.yaml.x9Y8z7"));

    dir.write(".write-in-progress", "");
    store.create(ref("third"), test::bgpConfig("third"), {});
    CHECK_FALSE(fs::exists(dir.path / "bgpconfigurations/.default.yaml.Ab12Cd"));
    CHECK_FALSE(fs::exists(dir.path / "nodes/.n1.yaml.x9Y8z7"));
    CHECK_FALSE(fs::exists(dir.path / "..resourceVersion.QwErTy"));
    CHECK_FALSE(fs::exists(dir.path / ".write-in-progress"));
    CHECK(fs::exists(dir.path / "bgpconfigurations/.keep"));
}

TEST_CASE(
    "a writer killed in the middle of a write leaves the marker, and the next write cleans up") {
    TempDir dir;
    FileDatastore store(dir.path);
    store.create(ref("default"), test::bgpConfig("default"), {});
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // Writes until killed; each write's temporaries live between the marker's creation
        // and its removal.
        try {
            for (;;)
                store.update(ref("default"), *store.get(ref("default")), {});
        } catch (...) {
            ::_exit(1);
        }
    }
    ::usleep(200 * 1000);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    store.create(ref("after"), test::bgpConfig("after"), {});
    for (const auto& entry : fs::recursive_directory_iterator(dir.path)) {
        std::string name = entry.path().filename().string();
        CAPTURE(name);
        CHECK((name == ".lock" || name == ".resourceVersion" || name[0] != '.'));
    }
}

TEST_CASE("a data directory others can write to, or own, is refused, saying why") {
    TempDir dir;
    FileDatastore store(dir.path / "data");
    store.create(ref("default"), test::bgpConfig("default"), {});
    fs::path data = dir.path / "data";
    ::chmod(data.c_str(), 0770);
    auto [message, code] = failureOf([&] { store.get(ref("default")); });
    CHECK(code == ExitCode::Unreachable);
    CHECK(message == data.string() +
                         ": writable by group or others (chmod go-w); svcadv does not use a data "
                         "directory others can change");
    ::chmod(data.c_str(), 0700);
    fs::path file = data / "bgpconfigurations/default.yaml";
    ::chmod(file.c_str(), 0666);
    CHECK(failureOf([&] { store.list("BGPConfiguration"); }).first ==
          file.string() +
              ": writable by group or others (chmod go-w); svcadv does not use a data directory "
              "others can change");
    ::chmod(file.c_str(), 0600);
    CHECK(store.get(ref("default")));
    if (::geteuid() == 0) {  // only root can give a file away
        REQUIRE(::chown(file.c_str(), 65534, 65534) == 0);
        CHECK(failureOf([&] { store.get(ref("default")); }).first ==
              file.string() +
                  ": owned by uid 65534, not by uid 0 who runs svcadv; svcadv does not use a data "
                  "directory others can change");
    }
}

TEST_CASE("no symlink inside the data directory is followed, for reading or writing") {
    TempDir dir;
    fs::path data = dir.path / "data", outside = dir.path / "outside";
    FileDatastore store(data);
    store.create(ref("default"), test::bgpConfig("default"), {});
    fs::create_directories(outside);
    std::ofstream(outside / "victim.yaml") << "precious\n";
    fs::create_symlink(outside / "victim.yaml", data / "bgpconfigurations/planted.yaml");
    auto [message, code] = failureOf([&] { store.get(ref("planted")); });
    CHECK(code == ExitCode::Unreachable);
    CHECK(message == (data / "bgpconfigurations/planted.yaml").string() +
                         ": is a symlink; svcadv follows no symlink inside its data directory");
    CHECK(failureOf([&] { store.create(ref("planted"), test::bgpConfig("planted"), {}); }).first ==
          message);
    // A symlinked folder: nothing is written through it.
    fs::create_symlink(outside, data / "nodes");
    json node = {{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", "n1"}}}};
    CHECK(failureOf([&] {
              store.create({"Node", "", "n1"}, node, {});
          }).first == (data / "nodes").string() +
                          ": is a symlink; svcadv follows no symlink inside its data directory");
    CHECK_FALSE(fs::exists(outside / "n1.yaml"));
    CHECK(slurp(outside / "victim.yaml") == "precious\n");
    // The high-water mark is not followed either.
    fs::remove(data / "nodes");
    fs::remove(data / "bgpconfigurations/planted.yaml");
    fs::remove(data / ".resourceVersion");
    fs::create_symlink(outside / "victim.yaml", data / ".resourceVersion");
    CHECK(failureOf([&] { store.create(ref("x"), test::bgpConfig("x"), {}); }).second ==
          ExitCode::Unreachable);
    CHECK(slurp(outside / "victim.yaml") == "precious\n");
}

TEST_CASE("a data directory that cannot be read is an error, not an empty datastore") {
    TempDir dir;
    dir.write("not-a-directory", "x");
    FileDatastore store(dir.path / "not-a-directory");
    auto [message, code] = failureOf([&] { store.list("BGPConfiguration"); });
    CHECK(code == ExitCode::Unreachable);
    CHECK(message == "cannot open the data directory " + (dir.path / "not-a-directory").string() +
                         ": Not a directory");
    if (::geteuid() != 0) {  // root reads any directory
        FileDatastore locked(dir.path / "locked");
        locked.create(ref("default"), test::bgpConfig("default"), {});
        ::chmod((dir.path / "locked").c_str(), 0300);
        CHECK(failureOf([&] { locked.list("BGPConfiguration"); }).second == ExitCode::Unreachable);
        ::chmod((dir.path / "locked").c_str(), 0700);
    }
}

TEST_CASE(
    "a deferred import writes every file, across folders in parallel, and reports the "
    "first failure a single writer would meet") {
    TempDir dir;
    auto services = [](int count) {
        std::vector<std::pair<ResourceRef, json>> objects;
        for (int i = 0; i < count; ++i) {
            std::string ns = "ns-" + std::to_string(i % 7);
            std::string name = "svc-" + std::to_string(i);
            json service = {{"apiVersion", "v1"},
                            {"kind", "Service"},
                            {"metadata", {{"name", name}, {"namespace", ns}}},
                            {"spec", {{"clusterIP", "10.0.0.1"}}}};
            objects.emplace_back(ResourceRef{"Service", ns, name}, service);
        }
        return objects;
    };

    FileDatastore store(dir.path / "all", FileDatastore::Durability::Deferred);
    CHECK(store.importObjects(services(2100)) == 2100);
    FileDatastore reader(dir.path / "all");
    auto listed = reader.list("Service");
    REQUIRE(listed.size() == 2100);
    auto svc1234 = reader.get({"Service", "ns-2", "svc-1234"});
    REQUIRE(svc1234);
    CHECK((*svc1234)["spec"]["clusterIP"] == "10.0.0.1");

    // Directories where two files should go (in folders that different threads take): the
    // error names the one earlier in the import, whichever thread got there first.
    FileDatastore blocked(dir.path / "blocked", FileDatastore::Durability::Deferred);
    fs::create_directories(dir.path / "blocked/services/ns-6/svc-1999.yaml");
    fs::create_directories(dir.path / "blocked/services/ns-3/svc-1900.yaml");
    try {
        blocked.importObjects(services(2100));
        FAIL("the import succeeded");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("svc-1900.yaml") != std::string::npos);
        CHECK(std::string(e.what()).find("svc-1999.yaml") == std::string::npos);
    }
}
