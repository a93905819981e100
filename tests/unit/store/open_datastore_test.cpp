#include <doctest/doctest.h>

#include <cstdlib>

#include "svcadv/store/open_datastore.h"
#include "svcadv/util/error.h"
#include "temp_dir.h"

using namespace svcadv;
using test::TempDir;

namespace {

// The error loading `path` throws, checked for its exit code.
std::string configError(const std::string& path, ExitCode expected) {
    try {
        loadCalicoctlConfig(path);
    } catch (const Error& e) {
        CHECK(e.code() == expected);
        return e.what();
    }
    FAIL("expected an error for " << path);
    return "";
}

}  // namespace

TEST_CASE("loadCalicoctlConfig reads a CalicoAPIConfig document") {
    TempDir dir;
    std::string path = dir.write("calicoctl.cfg",
                                 "apiVersion: projectcalico.org/v3\nkind: CalicoAPIConfig\n"
                                 "spec:\n  datastoreType: kubernetes\n  kubeconfig: /k\n");
    auto config = loadCalicoctlConfig(path);
    REQUIRE(config);
    CHECK((*config)["spec"]["datastoreType"] == "kubernetes");
}

TEST_CASE("loadCalicoctlConfig: an explicit file must exist, be readable and be the right kind") {
    TempDir dir;
    std::string missing = (dir.path / "none.cfg").string();
    CHECK(configError(missing, ExitCode::Usage) == "--config: " + missing + ": no such file");
    CHECK(configError(dir.path.string(), ExitCode::Usage) ==
          "--config: " + dir.path.string() +
              ": cannot read a directory (give a regular file, or a pipe as '-')");
    std::string other = dir.write("other.cfg", "kind: Something\n");
    CHECK(configError(other, ExitCode::InvalidInput) ==
          other + ": expected a CalicoAPIConfig document");
    std::string list = dir.write("list.cfg", "- kind: CalicoAPIConfig\n");
    CHECK(configError(list, ExitCode::InvalidInput) ==
          list + ": expected a CalicoAPIConfig document");
    std::string broken = dir.write("broken.cfg", "kind: [CalicoAPIConfig\n");
    CHECK(configError(broken, ExitCode::InvalidInput).starts_with(broken + ": "));
}

TEST_CASE("openDatastore: the file backend at the data directory") {
    TempDir dir;
    DatastoreSettings settings;
    settings.type = "file";
    settings.dataDir = (dir.path / "data").string();
    auto store = openDatastore(settings);
    CHECK(store->description() == "file datastore " + settings.dataDir);
    CHECK(store->list("BGPConfiguration").empty());
}

TEST_CASE("openDatastore: the Kubernetes backend from the kubeconfig, without a request") {
    TempDir dir;
    std::string kubeconfig =
        dir.write("config",
                  "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
                  "clusters: [{name: k, cluster: {server: 'https://127.0.0.1:1'}}]\n"
                  "users: [{name: u, user: {token: t}}]\n"
                  "contexts: [{name: c, context: {cluster: k, user: u}}]\n");
    DatastoreSettings settings;
    settings.type = "kubernetes";
    settings.kubeconfig = kubeconfig;
    ::unsetenv("CALICO_API_GROUP");
    ::unsetenv("API_GROUP");
    CHECK(openDatastore(settings)->description() == "Kubernetes API https://127.0.0.1:1");

    ::setenv("CALICO_API_GROUP", "projectcalico.org/v2", 1);
    CHECK_THROWS_WITH_AS(openDatastore(settings),
                         "CALICO_API_GROUP: expected crd.projectcalico.org/v1 or "
                         "projectcalico.org/v3, got 'projectcalico.org/v2'",
                         Error);
    ::unsetenv("CALICO_API_GROUP");
}

TEST_CASE("openDatastore: etcdv3 opens the etcd datastore at the configured endpoints") {
    ::setenv("ETCD_ENDPOINTS", "http://127.0.0.1:1,http://127.0.0.1:2", 1);
    DatastoreSettings settings;
    settings.type = "etcdv3";
    settings.typeSource = "DATASTORE_TYPE";
    auto store = openDatastore(settings);
    // Opening connects to nothing yet; the description names every endpoint.
    CHECK(store->description().find("http://127.0.0.1:1") != std::string::npos);
    CHECK(store->description().find("http://127.0.0.1:2") != std::string::npos);
    ::unsetenv("ETCD_ENDPOINTS");
}
