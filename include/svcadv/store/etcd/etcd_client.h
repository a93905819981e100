// HTTP to etcd's v3 JSON gateway over libcurl: one POST goes to one endpoint and fails over to
// the next on a connection error or a 5xx answer, all within --request-timeout; the
// username/password token is fetched from /v3/auth/authenticate, sent in the Authorization
// header and fetched again when etcd rejects it. Failures become Unreachable errors that name
// the endpoints; nothing it throws contains a password or token.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "svcadv/store/etcd/etcd_config.h"
#include "svcadv/util/document.h"

namespace svcadv {

// What the datastore needs from etcd: a JSON call to a gateway path. An interface so that the
// datastore's logic is unit-tested against an in-memory etcd.
class EtcdTransport {
  public:
    virtual ~EtcdTransport() = default;
    // POSTs `body` to `path` ("/v3/kv/range") and returns the answer. Throws an svcadv::Error
    // when no endpoint gives a 2xx answer.
    virtual json call(const std::string& path, const json& body) = 0;
    // "http://a:2379, http://b:2379", for messages.
    virtual std::string endpoints() const = 0;
};

// What to do with one endpoint's answer.
enum class EtcdAnswer { Ok, TryNextEndpoint, Reauthenticate, Fail };
// `status` 0: no HTTP answer (connection refused, reset, timed out). `grpcCode` is the gateway's
// "code" (16 Unauthenticated: an expired or unknown token).
EtcdAnswer classifyEtcdAnswer(long status, int grpcCode, bool usesPassword);

// The message of a gateway error body ({"error": "...", "code": N}), else "HTTP <status>".
std::string etcdErrorMessage(long status, const std::string& body);
int etcdErrorCode(const std::string& body);

std::string joinEndpoints(const std::vector<std::string>& endpoints);

class EtcdClient : public EtcdTransport {
  public:
    EtcdClient(EtcdConnection connection, std::chrono::milliseconds timeout);
    ~EtcdClient() override;
    EtcdClient(const EtcdClient&) = delete;
    EtcdClient& operator=(const EtcdClient&) = delete;

    json call(const std::string& path, const json& body) override;
    std::string endpoints() const override;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace svcadv
