#include <doctest/doctest.h>

#include "svcadv/store/etcd/etcd_protocol.h"
#include "svcadv/util/error.h"

using namespace svcadv;
using namespace svcadv::etcd;

TEST_CASE("Calico's key layout") {
    CHECK(keyFor({"BGPConfiguration", "", "default"}) ==
          "/calico/resources/v3/projectcalico.org/bgpconfigurations/default");
    CHECK(keyPrefix("BGPConfiguration") ==
          "/calico/resources/v3/projectcalico.org/bgpconfigurations/");
    CHECK_THROWS_AS(keyFor({"BGPConfiguration", "", "a/b"}), Error);
    CHECK_THROWS_AS(keyFor({"BGPConfiguration", "", ""}), Error);
    CHECK_THROWS_AS(keyPrefix("Node"), Error);
    CHECK(prefixRangeEnd("/a/") == "/a0");
    CHECK(prefixRangeEnd(std::string("a\xff", 2)) == "b");
    CHECK(keyAfter("/a/x") == std::string("/a/x\0", 5));
}

TEST_CASE("request bodies: base64 keys, revisions as strings, guarded transactions") {
    json range = rangeRequest("/k/", "/k0", 500);
    CHECK(range == json{{"key", "L2sv"}, {"range_end", "L2sw"}, {"limit", "500"}});
    CHECK(rangeRequest("/k") == json{{"key", "L2s="}});
    CHECK(!rangeRequest("/k").contains("serializable"));  // linearizable reads

    json create = createTxn("/k", "v");
    CHECK(
        create["compare"][0] ==
        json{{"key", "L2s="}, {"result", "EQUAL"}, {"target", "CREATE"}, {"create_revision", "0"}});
    CHECK(create["success"][0]["request_put"] == json{{"key", "L2s="}, {"value", "dg=="}});
    CHECK(create["failure"][0]["request_range"]["key"] == "L2s=");

    json update = updateTxn("/k", "v", "42");
    CHECK(update["compare"][0]["target"] == "MOD");
    CHECK(update["compare"][0]["mod_revision"] == "42");
    CHECK(update["success"][0].contains("request_put"));

    json remove = deleteTxn("/k", "7");
    CHECK(remove["compare"][0]["mod_revision"] == "7");
    CHECK(remove["success"][0]["request_delete_range"] == json{{"key", "L2s="}});
}

TEST_CASE("answers: range pages and transaction outcomes, with the gateway's omitted zeros") {
    json page = json::parse(R"({"header":{"revision":"9"},
        "kvs":[{"key":"L2svYQ==","create_revision":"2","mod_revision":"5","version":"2",
                "value":"e30="}],"more":true,"count":"3"})");
    RangePage parsed = parseRange(page);
    REQUIRE(parsed.kvs.size() == 1);
    CHECK(parsed.kvs[0].key == "/k/a");
    CHECK(parsed.kvs[0].value == "{}");
    CHECK(parsed.kvs[0].modRevision == "5");
    CHECK(parsed.kvs[0].createRevision == "2");
    CHECK(parsed.more);
    CHECK(parseRange(json::parse(R"({"header":{"revision":"1"}})")).kvs.empty());
    CHECK_FALSE(parseRange(json::parse(R"({"header":{"revision":"1"}})")).more);

    CHECK(txnSucceeded(json::parse(R"({"succeeded":true,"responses":[]})")));
    json failed = json::parse(R"({"header":{"revision":"9"},"responses":[{"response_range":
        {"header":{"revision":"9"},"kvs":[{"key":"L2s=","mod_revision":"8","value":"e30="}]}}]})");
    CHECK_FALSE(txnSucceeded(failed));
    REQUIRE(txnFailureKvs(failed).size() == 1);
    CHECK(txnFailureKvs(failed)[0].modRevision == "8");
    CHECK(txnFailureKvs(json::parse(R"({"responses":[{"response_range":{}}]})")).empty());
    CHECK(txnRevision(failed) == "9");
    CHECK(txnRevision(json::parse(R"({"succeeded":true})")).empty());
}

TEST_CASE("answers with fields of the wrong type are invalid input, not internal errors") {
    for (const char* answer : {R"({"kvs":"x"})", R"({"kvs":[{"key":7}]})", R"({"more":"yes"})",
                               R"([1,2])", R"("text")"}) {
        CAPTURE(answer);
        CHECK_THROWS_WITH_AS(parseRange(json::parse(answer)),
                             doctest::Contains("etcd's answer to a range request"), Error);
    }
    for (const char* answer : {R"({"succeeded":"yes"})", R"({"responses":{"a":1}})", R"(7)"}) {
        CAPTURE(answer);
        bool refused = false;
        try {
            txnSucceeded(json::parse(answer));
            txnFailureKvs(json::parse(answer));
            txnRevision(json::parse(answer));
        } catch (const Error& e) {
            refused = e.code() == ExitCode::InvalidInput;
        }
        CHECK(refused);
    }
    CHECK_THROWS_AS(txnRevision(json::parse(R"({"header":"h"})")), Error);
}

TEST_CASE("stored values: v3 JSON without resourceVersion; the revision is the version") {
    json object = {{"apiVersion", "projectcalico.org/v3"},
                   {"kind", "BGPConfiguration"},
                   {"metadata", {{"name", "default"}, {"resourceVersion", "3"}}},
                   {"spec", {{"asNumber", 64512}}}};
    json stored = json::parse(storedValue(object));
    CHECK_FALSE(stored["metadata"].contains("resourceVersion"));
    CHECK(stored["spec"]["asNumber"] == 64512);

    KeyValue kv{"/calico/resources/v3/projectcalico.org/bgpconfigurations/default",
                storedValue(object), "4", "17"};
    json back = objectFromStored("BGPConfiguration", kv);
    CHECK(back["metadata"]["resourceVersion"] == "17");
    CHECK(back["spec"] == object["spec"]);

    // Put by hand with etcdctl: only a spec.
    KeyValue bare{"/calico/resources/v3/projectcalico.org/bgpconfigurations/edge",
                  R"({"spec":{"asNumber":65000}})", "5", "5"};
    json filled = objectFromStored("BGPConfiguration", bare);
    CHECK(filled["kind"] == "BGPConfiguration");
    CHECK(filled["apiVersion"] == "projectcalico.org/v3");
    CHECK(filled["metadata"]["name"] == "edge");

    KeyValue broken{"/calico/resources/v3/projectcalico.org/bgpconfigurations/x", "not json", "1",
                    "1"};
    CHECK_THROWS_WITH_AS(objectFromStored("BGPConfiguration", broken),
                         "etcd key /calico/resources/v3/projectcalico.org/bgpconfigurations/x: the "
                         "value is not JSON",
                         Error);
}
