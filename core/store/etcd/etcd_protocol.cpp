#include "svcadv/store/etcd/etcd_protocol.h"

#include "svcadv/util/bounded_reader.h"
#include "svcadv/util/error.h"

namespace svcadv::etcd {
namespace {

json compare(const std::string& key, const char* target, const char* field,
             const std::string& revision) {
    return {{"key", encodeBase64(key)}, {"result", "EQUAL"}, {"target", target}, {field, revision}};
}

// A failed transaction reads the key back: present means it changed, absent means it is gone.
json readBack(const std::string& key) {
    return json::array({{{"request_range", {{"key", encodeBase64(key)}}}}});
}

// The gateway prints 64-bit numbers as strings and leaves out zero values.
std::string revisionText(const json& kv, const char* field) {
    if (!kv.contains(field)) return "0";
    const json& value = kv[field];
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// etcd's answers are input like any other: a field of the wrong type (a proxy's error page turned
// JSON, a server that is not etcd) is a clear error, not nlohmann's type_error as an internal bug.
template <class Read>
auto fromAnswer(const char* what, Read read) {
    try {
        return read();
    } catch (const json::exception& e) {
        throw invalidInput(std::string("etcd's answer to ") + what +
                           " is not what etcd sends: " + e.what());
    }
}

KeyValue toKeyValue(const json& kv) {
    return {decodeBase64(kv.value("key", "")), decodeBase64(kv.value("value", "")),
            revisionText(kv, "create_revision"), revisionText(kv, "mod_revision")};
}

}  // namespace

std::string keyPrefix(const std::string& kind) {
    if (kind == "BGPConfiguration") return std::string(kResourcesPrefix) + "bgpconfigurations/";
    if (kind == "ClusterInformation") return std::string(kResourcesPrefix) + "clusterinformations/";
    throw usageError("resource type '" + kind + "' is not stored in the etcdv3 datastore");
}

std::string keyFor(const ResourceRef& ref) {
    if (ref.name.empty()) throw usageError("resource name may not be empty");
    if (ref.name.find('/') != std::string::npos)
        throw invalidInput("resource name '" + ref.name + "' may not contain '/'");
    return keyPrefix(ref.kind) + ref.name;
}

std::string prefixRangeEnd(const std::string& prefix) {
    std::string end = prefix;
    while (!end.empty()) {
        auto& last = reinterpret_cast<unsigned char&>(end.back());
        if (last < 0xFF) {
            ++last;
            return end;
        }
        end.pop_back();
    }
    return std::string(1, '\0');  // every key: etcd's "from key" range
}

std::string keyAfter(const std::string& key) {
    return key + std::string(1, '\0');
}

json rangeRequest(const std::string& key, const std::string& rangeEnd, long limit) {
    json body = {{"key", encodeBase64(key)}};
    if (!rangeEnd.empty()) body["range_end"] = encodeBase64(rangeEnd);
    if (limit > 0) body["limit"] = std::to_string(limit);
    return body;
}

json createTxn(const std::string& key, const std::string& value) {
    return {{"compare", json::array({compare(key, "CREATE", "create_revision", "0")})},
            {"success",
             json::array({{{"request_put",
                            {{"key", encodeBase64(key)}, {"value", encodeBase64(value)}}}}})},
            {"failure", readBack(key)}};
}

json updateTxn(const std::string& key, const std::string& value, const std::string& modRevision) {
    return {{"compare", json::array({compare(key, "MOD", "mod_revision", modRevision)})},
            {"success",
             json::array({{{"request_put",
                            {{"key", encodeBase64(key)}, {"value", encodeBase64(value)}}}}})},
            {"failure", readBack(key)}};
}

json deleteTxn(const std::string& key, const std::string& modRevision) {
    return {{"compare", json::array({compare(key, "MOD", "mod_revision", modRevision)})},
            {"success", json::array({{{"request_delete_range", {{"key", encodeBase64(key)}}}}})},
            {"failure", readBack(key)}};
}

RangePage parseRange(const json& response) {
    return fromAnswer("a range request", [&] {
        RangePage page;
        for (const auto& kv : response.value("kvs", json::array()))
            page.kvs.push_back(toKeyValue(kv));
        page.more = response.value("more", false);
        return page;
    });
}

bool txnSucceeded(const json& response) {
    return fromAnswer("a transaction", [&] { return response.value("succeeded", false); });
}

std::vector<KeyValue> txnFailureKvs(const json& response) {
    json responses =
        fromAnswer("a transaction", [&] { return response.value("responses", json::array()); });
    if (!responses.is_array())
        throw invalidInput(
            "etcd's answer to a transaction is not what etcd sends: responses is "
            "not a list");
    for (const auto& answer : responses) {
        if (answer.is_object() && answer.contains("response_range"))
            return parseRange(answer["response_range"]).kvs;
    }
    return {};
}

std::string txnRevision(const json& response) {
    if (!response.is_object() || !response.contains("header")) return "";
    const json& header = response["header"];
    if (!header.is_object())
        throw invalidInput(
            "etcd's answer to a transaction is not what etcd sends: its header is "
            "not an object");
    return revisionText(header, "revision");
}

std::string storedValue(json object) {
    if (object.contains("metadata")) object["metadata"].erase("resourceVersion");
    return object.dump();
}

json objectFromStored(const std::string& kind, const KeyValue& kv) {
    json object;
    try {
        object = readJsonValue(kv.value, "etcd key " + kv.key);
    } catch (const std::exception&) {
        throw invalidInput("etcd key " + kv.key + ": the value is not JSON");
    }
    if (!object.is_object())
        throw invalidInput("etcd key " + kv.key + ": the value is not an object");
    if (!object.contains("metadata") || !object["metadata"].is_object())
        object["metadata"] = json::object();
    json& meta = object["metadata"];
    if (!meta.contains("name")) meta["name"] = kv.key.substr(kv.key.rfind('/') + 1);
    if (!object.contains("kind")) object["kind"] = kind;
    if (!object.contains("apiVersion")) object["apiVersion"] = "projectcalico.org/v3";
    meta["resourceVersion"] = kv.modRevision;
    return object;
}

}  // namespace svcadv::etcd
