#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "svcadv/store/split_datastore.h"
#include "svcadv/util/error.h"

using namespace svcadv;

namespace {

// A datastore that records every call as "<name>:<verb> <kind>" and answers with objects that say
// which datastore they came from.
class RecordingDatastore : public Datastore {
  public:
    RecordingDatastore(std::string name, std::vector<std::string>& calls, json versions = nullptr)
        : name_(std::move(name)), calls_(calls), versions_(std::move(versions)) {}

    std::string description() const override { return name_ + " datastore"; }
    std::optional<json> get(const ResourceRef& ref) override { return answer("get", ref.kind); }
    std::vector<json> list(const std::string& kind) override { return {answer("list", kind)}; }
    json create(const ResourceRef& ref, json, const WriteOptions&) override {
        return answer("create", ref.kind);
    }
    json update(const ResourceRef& ref, json, const WriteOptions&) override {
        return answer("update", ref.kind);
    }
    json remove(const ResourceRef& ref, const WriteOptions&) override {
        return answer("remove", ref.kind);
    }
    json mergePatch(const ResourceRef& ref, const json&, const WriteOptions&) override {
        return answer("mergePatch", ref.kind);
    }
    std::optional<json> modify(const ResourceRef& ref, const Mutation&,
                               const WriteOptions&) override {
        return answer("modify", ref.kind);
    }
    std::optional<json> clusterVersions() override {
        calls_.push_back(name_ + ":clusterVersions");
        if (versions_.is_null()) return std::nullopt;
        return versions_;
    }

  private:
    json answer(const std::string& verb, const std::string& kind) {
        calls_.push_back(name_ + ":" + verb + " " + kind);
        return json{{"from", name_}};
    }

    std::string name_;
    std::vector<std::string>& calls_;
    json versions_;
};

struct Fixture {
    std::vector<std::string> calls;
    int opened = 0;
    SplitDatastore store{std::make_unique<RecordingDatastore>(
                             "etcd", calls, json{{"etcd", "3.4.23"}, {"calico", "v3.30.0"}}),
                         [this]() -> std::unique_ptr<Datastore> {
                             ++opened;
                             return std::make_unique<RecordingDatastore>(
                                 "kubernetes", calls,
                                 json{{"kubernetes", "v1.31.0"}, {"calico", "v3.99.0"}});
                         }};
};

}  // namespace

TEST_CASE("SplitDatastore: Calico kinds go to etcd without opening Kubernetes") {
    Fixture f;
    WriteOptions options;
    ResourceRef ref{"BGPConfiguration", "", "default"};
    CHECK((*f.store.get(ref))["from"] == "etcd");
    CHECK(f.store.list("BGPConfiguration").at(0)["from"] == "etcd");
    f.store.create(ref, json::object(), options);
    f.store.update(ref, json::object(), options);
    f.store.mergePatch(ref, json::object(), options);
    f.store.modify(
        ref, [](const std::optional<json>& current) { return current; }, options);
    f.store.remove(ref, options);
    f.store.get({"ClusterInformation", "", "default"});
    CHECK(f.calls == std::vector<std::string>{
                         "etcd:get BGPConfiguration", "etcd:list BGPConfiguration",
                         "etcd:create BGPConfiguration", "etcd:update BGPConfiguration",
                         "etcd:mergePatch BGPConfiguration", "etcd:modify BGPConfiguration",
                         "etcd:remove BGPConfiguration", "etcd:get ClusterInformation"});
    CHECK(f.opened == 0);
}

TEST_CASE("SplitDatastore: Nodes, Services and EndpointSlices go to Kubernetes, opened once") {
    Fixture f;
    CHECK(f.store.list("Node").at(0)["from"] == "kubernetes");
    CHECK(f.store.list("Service").at(0)["from"] == "kubernetes");
    CHECK((*f.store.get({"EndpointSlice", "default", "web-abc"}))["from"] == "kubernetes");
    f.store.modify({"Node", "", "node-1"}, [](const std::optional<json>& c) { return c; }, {});
    CHECK(f.calls == std::vector<std::string>{"kubernetes:list Node", "kubernetes:list Service",
                                              "kubernetes:get EndpointSlice",
                                              "kubernetes:modify Node"});
    CHECK(f.opened == 1);
}

TEST_CASE("SplitDatastore: clusterVersions never opens Kubernetes for the version alone") {
    Fixture f;
    auto versions = f.store.clusterVersions();
    REQUIRE(versions);
    CHECK(*versions == json{{"etcd", "3.4.23"}, {"calico", "v3.30.0"}});
    CHECK(f.opened == 0);

    // Once open, Kubernetes' version is added; Calico's stays etcd's.
    f.store.list("Node");
    versions = f.store.clusterVersions();
    REQUIRE(versions);
    CHECK(*versions == json{{"etcd", "3.4.23"}, {"calico", "v3.30.0"}, {"kubernetes", "v1.31.0"}});
}

TEST_CASE("SplitDatastore: description names both sides") {
    Fixture f;
    CHECK(f.store.description() ==
          "etcd datastore, with Nodes, Services and EndpointSlices from the Kubernetes API");
    f.store.list("Node");
    CHECK(f.store.description() ==
          "etcd datastore, with Nodes, Services and EndpointSlices from kubernetes datastore");
}

TEST_CASE("SplitDatastore: no kubeconfig is an error that says where Nodes come from") {
    std::vector<std::string> calls;
    SplitDatastore store(std::make_unique<RecordingDatastore>("etcd", calls),
                         []() -> std::unique_ptr<Datastore> {
                             throw Error(ExitCode::Unreachable, "no kubeconfig found");
                         });
    // BGPConfigurations still work.
    CHECK((*store.get({"BGPConfiguration", "", "default"}))["from"] == "etcd");
    try {
        store.list("Node");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Unreachable);
        std::string message = e.what();
        CHECK(message.find("come from the Kubernetes API in etcd mode") != std::string::npos);
        CHECK(message.find("no kubeconfig was usable: no kubeconfig found") != std::string::npos);
        CHECK(message.find("--from") != std::string::npos);
    }
    CHECK(calls == std::vector<std::string>{"etcd:get BGPConfiguration"});
}
