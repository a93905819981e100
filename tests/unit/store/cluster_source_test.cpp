#include <doctest/doctest.h>

#include <filesystem>

#include "memory_datastore.h"
#include "svcadv/store/cluster_source.h"
#include "svcadv/store/file/file_datastore.h"
#include "temp_dir.h"

using namespace svcadv;
using test::TempDir;
using Paths = std::vector<std::string>;

namespace {

std::string node(const std::string& name) {
    return "apiVersion: v1\nkind: Node\nmetadata: {name: " + name + "}\n";
}

std::string service(const std::string& name, const std::string& type) {
    return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name +
           "\n  namespace: shop\n  managedFields: [{manager: kubectl}]\nspec: {type: " + type +
           "}\n";
}

const char* kDefault =
    "apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: default}\n"
    "spec: {serviceClusterIPs: [{cidr: 10.96.0.0/12}]}\n";

}  // namespace

TEST_CASE("expandInputPaths: manifests under a directory, recursively and sorted, hidden skipped") {
    TempDir dir;
    std::string root = dir.path.string();
    dir.write("b.yaml", "");
    dir.write("a/z.json", "");
    dir.write("a/y.yml", "");
    dir.write("README.md", "");
    dir.write(".hidden.yaml", "");
    dir.write(".git/config.yaml", "");
    dir.write("a/.cache/x.yaml", "");
    CHECK(expandInputPaths({root}) ==
          Paths{root + "/a/y.yml", root + "/a/z.json", root + "/b.yaml"});
}

TEST_CASE("expandInputPaths: files and stdin are taken as given, in the order given") {
    TempDir dir;
    std::string notes = dir.write("notes.txt", "");
    std::string hidden = dir.write(".x.yaml", "");
    CHECK(expandInputPaths({notes, "-", hidden}) == Paths{notes, "-", hidden});
    std::string missing = (dir.path / "none").string();
    CHECK_THROWS_WITH_AS(expandInputPaths({missing}),
                         ("--from " + missing + ": no such file or directory").c_str(), Error);
}

TEST_CASE("loadClusterFromPaths: every file's objects, a later copy replacing an earlier one") {
    TempDir dir;
    dir.write("cluster/1-nodes.yaml", node("n1") + "---\n" + node("n2"));
    dir.write("cluster/2-services.yaml", service("web", "NodePort"));
    dir.write("cluster/3-config.yaml", kDefault);
    std::string later = dir.write("later.json", R"({"kind":"List","items":[
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},
         "spec":{"type":"LoadBalancer"}},
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}]})");
    std::vector<std::size_t> progress;
    ClusterState state = loadClusterFromPaths({(dir.path / "cluster").string(), later},
                                              [&](std::size_t n) { progress.push_back(n); });
    CHECK(state.nodes.size() == 2);
    REQUIRE(state.services.size() == 1);
    CHECK(state.services[0].type == "LoadBalancer");
    CHECK(state.defaultBgpConfiguration());
    CHECK(state.ignoredObjects == 1);
    // The count runs on across files.
    CHECK(progress == std::vector<std::size_t>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("loadClusterFromPaths: errors name the file") {
    TempDir dir;
    std::string bad = dir.write("bad.yaml", "apiVersion: v1\nkind: Node\nmetadata: {}\n");
    CHECK_THROWS_WITH_AS(loadClusterFromPaths({bad}),
                         (bad + ": document 1: metadata.name is missing").c_str(), Error);
}

TEST_CASE("saveSnapshot writes the snapshot kinds without managedFields; it reads back alike") {
    TempDir dir;
    std::string input = dir.write("dump.yaml", node("n1") + "---\n" + service("web", "NodePort") +
                                                   "---\n" + kDefault +
                                                   "---\napiVersion: v1\nkind: Pod\n"
                                                   "metadata: {name: p}\n");
    std::string target = (dir.path / "snapshot").string();
    SnapshotReport report = saveSnapshot(target, {input}, nullptr);
    CHECK(report.written == 3);
    CHECK(report.skipped == 1);
    using PerKind = std::vector<std::pair<std::string, std::size_t>>;
    CHECK(report.perKind == PerKind{{"BGPConfiguration", 1},
                                    {"Node", 1},
                                    {"Service", 1},
                                    {"EndpointSlice", 0},
                                    {"Endpoints", 0},
                                    {"ClusterInformation", 0}});

    FileDatastore snapshot(target);
    auto stored = snapshot.get({"Service", "shop", "web"});
    REQUIRE(stored);
    CHECK_FALSE((*stored)["metadata"].contains("managedFields"));

    ClusterState fromFiles = loadClusterFromPaths({target});
    ClusterState fromStore = loadClusterFromDatastore(snapshot);
    ClusterState original = loadClusterFromPaths({input});
    for (const ClusterState* state : {&fromFiles, &fromStore}) {
        REQUIRE(state->nodes.size() == 1);
        CHECK(state->nodes[0].name == original.nodes[0].name);
        REQUIRE(state->services.size() == 1);
        CHECK(state->services[0].key() == "shop/web");
        CHECK(state->services[0].type == "NodePort");
        REQUIRE(state->defaultBgpConfiguration());
        CHECK(state->defaultBgpConfiguration()->spec.serviceClusterIPs->at(0).cidr ==
              "10.96.0.0/12");
    }
}

TEST_CASE("saveSnapshot from a datastore, and nothing written when an object is refused") {
    TempDir dir;
    FileDatastore source(dir.path / "source");
    source.create({"Node", "", "n1"}, parseValue(node("n1"), "n1"), {});
    SnapshotReport report = saveSnapshot((dir.path / "copy").string(), {}, &source);
    CHECK(report.written == 1);
    CHECK(FileDatastore(dir.path / "copy").get({"Node", "", "n1"}));

    std::string bad = dir.write("bad.yaml", node("n2") +
                                                "---\napiVersion: v1\nkind: Service\n"
                                                "metadata: {name: s}\n"
                                                "spec: {externalIPs: 5}\n");
    CHECK_THROWS_AS(saveSnapshot((dir.path / "never").string(), {bad}, nullptr), Error);
    CHECK_FALSE(std::filesystem::exists(dir.path / "never" / "nodes"));
}

TEST_CASE("Services from files and local snapshots are defaulted; an API server's are not") {
    TempDir dir;
    std::string input = dir.write("web.yaml", service("web", "LoadBalancer"));
    ClusterState fromFiles = loadClusterFromPaths({input});
    REQUIRE(fromFiles.services.size() == 1);
    CHECK(fromFiles.services[0].externalTrafficPolicy == "Cluster");
    CHECK_FALSE(fromFiles.services[0].defaulted.empty());

    std::string target = (dir.path / "snapshot").string();
    saveSnapshot(target, {input}, nullptr);
    FileDatastore snapshot(target);
    // The snapshot keeps the object as read; reading it back defaults it.
    CHECK_FALSE(
        (*snapshot.get({"Service", "shop", "web"}))["spec"].contains("externalTrafficPolicy"));
    ClusterState fromSnapshot = loadClusterFromDatastore(snapshot);
    CHECK(fromSnapshot.services.at(0).externalTrafficPolicy == "Cluster");

    // Any other datastore stands for an API server, whose objects are already defaulted: what
    // it returns is taken as it is.
    test::MemoryDatastore live;
    live.objects["Service/shop/web"] = parseValue(service("web", "LoadBalancer"), "web");
    ClusterState fromLive = loadClusterFromDatastore(live);
    REQUIRE(fromLive.services.size() == 1);
    CHECK(fromLive.services[0].externalTrafficPolicy.empty());
    CHECK(fromLive.services[0].defaulted.empty());
}
