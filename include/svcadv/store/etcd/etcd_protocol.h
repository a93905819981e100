// etcd's v3 HTTP/JSON gateway (etcd 3.4: /v3/kv/range, /v3/kv/txn, /v3/kv/deleterange) as pure
// functions: Calico's key layout, the request bodies, and reading the answers back into the v3
// objects users see. Keys and values travel base64-encoded; revisions travel as decimal strings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "svcadv/model/datastore.h"
#include "svcadv/util/base64.h"
#include "svcadv/util/document.h"

namespace svcadv::etcd {

// Calico's layout (storage.md): /calico/resources/v3/projectcalico.org/<plural>/<name>.
inline constexpr const char* kResourcesPrefix = "/calico/resources/v3/projectcalico.org/";
// The prefix of a kind's keys, with its trailing '/'. Throws a usage error for kinds etcd does
// not hold.
std::string keyPrefix(const std::string& kind);
std::string keyFor(const ResourceRef& ref);
// The end of the range of all keys that start with `prefix` (the prefix with its last byte
// incremented), as etcdctl --prefix does.
std::string prefixRangeEnd(const std::string& prefix);
// The first key after `key`: where the next page of a paginated range starts.
std::string keyAfter(const std::string& key);

// Request bodies. A `limit` of 0 means no limit. Reads are linearizable (etcd's default).
json rangeRequest(const std::string& key, const std::string& rangeEnd = "", long limit = 0);
// Put `value` only when the key does not exist (create_revision == 0); else read it back.
json createTxn(const std::string& key, const std::string& value);
// Put `value` only when the key's mod_revision is `modRevision`; else read the key back, so
// the answer says whether it changed or vanished.
json updateTxn(const std::string& key, const std::string& value, const std::string& modRevision);
// Delete only when the key's mod_revision is `modRevision`; else read it back.
json deleteTxn(const std::string& key, const std::string& modRevision);

struct KeyValue {
    std::string key, value;  // decoded
    std::string createRevision, modRevision;
};
struct RangePage {
    std::vector<KeyValue> kvs;
    bool more = false;  // the limit cut the range short
};
RangePage parseRange(const json& response);
bool txnSucceeded(const json& response);
// The key-values a failed txn's request_range found (empty: the key does not exist).
std::vector<KeyValue> txnFailureKvs(const json& response);
// The store revision a transaction's answer carries in its header ("" without a header).
std::string txnRevision(const json& response);
// Each reader above refuses an answer whose fields have the wrong types with an InvalidInput error.

// The value stored for an object: its v3 JSON without resourceVersion (the key's revision is
// the version), as calicoctl writes it.
std::string storedValue(json object);
// The object a stored value stands for: resourceVersion = the key's mod_revision; kind,
// apiVersion and name filled in when a hand-written value lacks them. A value that is not a
// JSON object is an InvalidInput error naming the key.
json objectFromStored(const std::string& kind, const KeyValue& kv);

}  // namespace svcadv::etcd
