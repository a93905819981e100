#include "svcadv/store/snapshot_directory.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "svcadv/store/file/file_datastore.h"
#include "svcadv/util/error.h"
#include "temp_dir.h"

using namespace svcadv;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

using Objects = std::vector<std::pair<ResourceRef, json>>;

std::pair<ResourceRef, json> node(const std::string& name, const std::string& version = "") {
    json object = {{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", name}}}};
    if (!version.empty()) object["metadata"]["resourceVersion"] = version;
    return {ResourceRef{"Node", "", name}, object};
}

// The entries of a directory, hidden ones included.
std::vector<std::string> entries(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("a new snapshot directory is built aside and renamed into place, leaving nothing else") {
    TempDir dir;
    std::string target = (dir.path / "snap").string();
    CHECK(writeSnapshotDirectory(target + "/", Objects{node("a", "41"), node("b")}) == 2);
    CHECK(entries(dir.path) == std::vector<std::string>{"snap"});
    FileDatastore written(target);
    auto nodes = written.list("Node");
    REQUIRE(nodes.size() == 2);
    CHECK(nodes[0]["metadata"]["resourceVersion"] == "41");
    // An object without a version gets a fresh one, above every version stored.
    CHECK(std::stoull(nodes[1]["metadata"]["resourceVersion"].get<std::string>()) > 0);
    json created = written.create({"Node", "", "c"}, node("c").second, {});
    CHECK(std::stoull(created["metadata"]["resourceVersion"].get<std::string>()) > 41);
}

TEST_CASE("an empty directory is replaced whole, a directory with files is written into") {
    TempDir dir;
    fs::create_directories(dir.path / "empty");
    writeSnapshotDirectory((dir.path / "empty").string(), Objects{node("a")});
    CHECK(FileDatastore(dir.path / "empty").list("Node").size() == 1);
    CHECK(entries(dir.path) == std::vector<std::string>{"empty"});

    std::string kept = (dir.path / "kept").string();
    writeSnapshotDirectory(kept, Objects{node("old"), node("a", "1")});
    writeSnapshotDirectory(kept, Objects{node("a", "7")});
    auto nodes = FileDatastore(kept).list("Node");
    REQUIRE(nodes.size() == 2);
    CHECK(nodes[0]["metadata"]["name"] == "a");
    CHECK(nodes[0]["metadata"]["resourceVersion"] == "7");
    CHECK(nodes[1]["metadata"]["name"] == "old");
}

TEST_CASE("a snapshot that fails to write leaves neither the directory nor its staging copy") {
    TempDir dir;
    Objects objects{node("a"), node("x/y")};
    CHECK_THROWS_AS(writeSnapshotDirectory((dir.path / "snap").string(), std::move(objects)),
                    Error);
    CHECK(entries(dir.path).empty());
}
