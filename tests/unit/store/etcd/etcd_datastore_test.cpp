#include <doctest/doctest.h>

#include <functional>
#include <map>

#include "svcadv/store/etcd/etcd_datastore.h"
#include "svcadv/store/etcd/etcd_protocol.h"
#include "svcadv/util/error.h"

using namespace svcadv;
using namespace svcadv::etcd;

namespace {

// An in-memory etcd behind the gateway's JSON: revisions, ranges with limits, and the compares
// the datastore uses. `beforeTxn` lets a test slip in another writer.
struct FakeEtcd {
    struct Stored {
        std::string value;
        long create = 0, mod = 0;
    };
    std::map<std::string, Stored> keys;
    long revision = 1;
    std::vector<json> ranges;  // the range requests seen
    std::function<void()> beforeTxn;

    void put(const std::string& key, const std::string& value) {
        ++revision;
        auto& s = keys[key];
        if (s.create == 0) s.create = revision;
        s.mod = revision;
        s.value = value;
    }
    json kvJson(const std::string& key) const {
        const Stored& s = keys.at(key);
        return {{"key", encodeBase64(key)},
                {"value", encodeBase64(s.value)},
                {"create_revision", std::to_string(s.create)},
                {"mod_revision", std::to_string(s.mod)}};
    }
    json range(const json& body) {
        ranges.push_back(body);
        std::string key = decodeBase64(body.value("key", ""));
        std::string end = decodeBase64(body.value("range_end", ""));
        long limit = std::stol(body.value("limit", "0"));
        json out = {{"header", {{"revision", std::to_string(revision)}}}};
        json kvs = json::array();
        bool more = false;
        for (auto it = keys.lower_bound(key); it != keys.end(); ++it) {
            if (end.empty() ? it->first != key : it->first >= end) break;
            if (limit > 0 && static_cast<long>(kvs.size()) == limit) {
                more = true;
                break;
            }
            kvs.push_back(kvJson(it->first));
        }
        if (!kvs.empty()) out["kvs"] = kvs;
        if (more) out["more"] = true;
        return out;
    }
    json txn(const json& body) {
        if (beforeTxn) std::exchange(beforeTxn, nullptr)();
        const json& cmp = body["compare"][0];
        std::string key = decodeBase64(cmp["key"].get<std::string>());
        auto it = keys.find(key);
        bool ok = cmp["target"] == "CREATE"
                      ? it == keys.end()
                      : it != keys.end() && std::to_string(it->second.mod) == cmp["mod_revision"];
        json out = {{"header", {{"revision", std::to_string(revision)}}}};
        if (!ok) {
            out["responses"] = {{{"response_range", range(body["failure"][0]["request_range"])}}};
            return out;
        }
        const json& op = body["success"][0];
        if (op.contains("request_put")) {
            put(key, decodeBase64(op["request_put"]["value"].get<std::string>()));
        } else {
            ++revision;
            keys.erase(key);
        }
        out["header"]["revision"] = std::to_string(revision);
        out["succeeded"] = true;
        return out;
    }
};

class FakeTransport : public EtcdTransport {
  public:
    explicit FakeTransport(FakeEtcd& etcd) : etcd_(etcd) {}
    json call(const std::string& path, const json& body) override {
        if (path == "/v3/kv/range") return etcd_.range(body);
        if (path == "/v3/kv/txn") return etcd_.txn(body);
        if (path == "/v3/maintenance/status") return {{"version", "3.4.23"}};
        FAIL("unexpected path " << path);
        return {};
    }
    std::string endpoints() const override { return "http://fake:2379"; }

  private:
    FakeEtcd& etcd_;
};

const ResourceRef kDefault{"BGPConfiguration", "", "default"};
const std::string kDefaultKey = "/calico/resources/v3/projectcalico.org/bgpconfigurations/default";

json bgpConfiguration(const std::string& name, int asNumber) {
    return {{"apiVersion", "projectcalico.org/v3"},
            {"kind", "BGPConfiguration"},
            {"metadata", {{"name", name}}},
            {"spec", {{"asNumber", asNumber}}}};
}

std::unique_ptr<EtcdDatastore> datastoreOn(FakeEtcd& etcd, long pageSize = 500) {
    return std::make_unique<EtcdDatastore>(std::make_unique<FakeTransport>(etcd), pageSize);
}

}  // namespace

TEST_CASE("create stores the v3 JSON without resourceVersion; get shows the mod_revision") {
    FakeEtcd etcd;
    auto store = datastoreOn(etcd);
    CHECK(store->description() == "etcdv3 datastore at http://fake:2379");
    CHECK_FALSE(store->get(kDefault));
    json created = store->create(kDefault, bgpConfiguration("default", 64512), {});
    CHECK(created["metadata"]["resourceVersion"] == "2");
    CHECK(created["metadata"].contains("uid"));
    CHECK(created["metadata"].contains("creationTimestamp"));
    json stored = json::parse(etcd.keys.at(kDefaultKey).value);
    CHECK_FALSE(stored["metadata"].contains("resourceVersion"));
    CHECK(stored["spec"]["asNumber"] == 64512);
    auto got = store->get(kDefault);
    REQUIRE(got);
    CHECK((*got)["metadata"]["resourceVersion"] == "2");
    CHECK((*got)["metadata"]["uid"] == created["metadata"]["uid"]);

    CHECK_THROWS_WITH_AS(store->create(kDefault, bgpConfiguration("default", 1), {}),
                         "resource already exists: BGPConfiguration(default)", AlreadyExistsError);
}

TEST_CASE("update and delete are guarded by the resourceVersion") {
    FakeEtcd etcd;
    auto store = datastoreOn(etcd);
    json created = store->create(kDefault, bgpConfiguration("default", 1), {});
    json next = bgpConfiguration("default", 2);
    next["metadata"]["resourceVersion"] = "1";  // stale
    CHECK_THROWS_AS(store->update(kDefault, next, {}), ConflictError);
    next["metadata"]["resourceVersion"] = created["metadata"]["resourceVersion"];
    json updated = store->update(kDefault, next, {});
    CHECK(updated["metadata"]["resourceVersion"] == "3");
    CHECK(updated["metadata"]["uid"] == created["metadata"]["uid"]);  // kept

    // Another writer between the read and the transaction: a conflict, not a lost write.
    json racing = bgpConfiguration("default", 4);
    etcd.beforeTxn = [&] { etcd.put(kDefaultKey, bgpConfiguration("default", 9).dump()); };
    CHECK_THROWS_AS(store->update(kDefault, racing, {}), ConflictError);
    CHECK(json::parse(etcd.keys.at(kDefaultKey).value)["spec"]["asNumber"] == 9);

    CHECK_THROWS_AS(store->update({"BGPConfiguration", "", "missing"}, racing, {}), NotFoundError);
    json removed = store->remove(kDefault, {});
    CHECK(removed["spec"]["asNumber"] == 9);
    CHECK(etcd.keys.empty());
    CHECK_THROWS_AS(store->remove(kDefault, {}), NotFoundError);
}

TEST_CASE("modify re-reads and re-applies after another writer got in between") {
    FakeEtcd etcd;
    auto store = datastoreOn(etcd);
    store->create(kDefault, bgpConfiguration("default", 1), {});
    etcd.beforeTxn = [&] {
        json other = bgpConfiguration("default", 1);
        other["spec"]["listenPort"] = 1790;
        etcd.put(kDefaultKey, other.dump());
    };
    int runs = 0;
    auto stored = store->modify(kDefault,
                                [&](const std::optional<json>& current) -> std::optional<json> {
                                    ++runs;
                                    json next = *current;
                                    next["spec"]["asNumber"] = 65000;
                                    return next;
                                },
                                {});
    CHECK(runs == 2);
    json final = json::parse(etcd.keys.at(kDefaultKey).value);
    CHECK(final["spec"]["asNumber"] == 65000);
    CHECK(final["spec"]["listenPort"] == 1790);  // the other writer's change survived
    CHECK((*stored)["metadata"]["resourceVersion"] == std::to_string(etcd.revision));
}

TEST_CASE("list pages through the prefix, sorted by name, and skips foreign keys") {
    FakeEtcd etcd;
    for (const char* name : {"e", "b", "a", "d", "c"})
        etcd.put(keyPrefix("BGPConfiguration") + name, bgpConfiguration(name, 1).dump());
    etcd.put(keyPrefix("BGPConfiguration") + "deeper/x", "{}");
    etcd.put("/calico/resources/v3/projectcalico.org/bgppeers/p", "{}");
    auto store = datastoreOn(etcd, 2);
    auto items = store->list("BGPConfiguration");
    std::vector<std::string> names;
    for (const auto& item : items)
        names.push_back(item["metadata"]["name"]);
    CHECK(names == std::vector<std::string>{"a", "b", "c", "d", "e"});
    CHECK(etcd.ranges.size() == 3);  // 2 + 2 + (1 and the foreign key)
    CHECK(etcd.ranges[1]["limit"] == "2");
}

TEST_CASE("dry runs write nothing") {
    FakeEtcd etcd;
    auto store = datastoreOn(etcd);
    WriteOptions dry{DryRun::Server};
    store->create(kDefault, bgpConfiguration("default", 1), dry);
    CHECK(etcd.keys.empty());
    store->create(kDefault, bgpConfiguration("default", 1), {});
    long revision = etcd.revision;
    store->update(kDefault, bgpConfiguration("default", 2), dry);
    store->remove(kDefault, dry);
    CHECK(etcd.revision == revision);
    CHECK_THROWS_AS(store->create(kDefault, bgpConfiguration("default", 1), dry),
                    AlreadyExistsError);
}

TEST_CASE("Kubernetes kinds are not in etcd: the error says where they come from") {
    FakeEtcd etcd;
    auto store = datastoreOn(etcd);
    try {
        store->list("Node");
        FAIL("listing nodes from etcd succeeded");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Unreachable);
        CHECK(std::string(e.what()).find("Kubernetes API") != std::string::npos);
        CHECK(std::string(e.what()).find("--from") != std::string::npos);
    }
    CHECK_THROWS_AS(store->get({"Service", "default", "web"}), Error);
}

TEST_CASE("cluster versions: etcd's, and Calico's from ClusterInformation default") {
    FakeEtcd etcd;
    auto store = datastoreOn(etcd);
    CHECK(*store->clusterVersions() == json{{"etcd", "3.4.23"}});
    etcd.put("/calico/resources/v3/projectcalico.org/clusterinformations/default",
             R"({"spec":{"calicoVersion":"v3.28.0"}})");
    CHECK(*store->clusterVersions() == json{{"etcd", "3.4.23"}, {"calico", "v3.28.0"}});
}
