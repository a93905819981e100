// Where etcd is and how to authenticate, resolved as calicoctl does: ETCD_ENDPOINTS,
// ETCD_USERNAME, ETCD_PASSWORD, ETCD_KEY_FILE, ETCD_CERT_FILE, ETCD_CA_CERT_FILE (each also as
// CALICO_ETCD_...) over the calicoctl config file's etcdEndpoints, etcdUsername, etcdPassword,
// etcdKeyFile, etcdCertFile, etcdCACertFile. Pure: the environment comes in as a lookup.
#pragma once

#include <string>
#include <vector>

#include "svcadv/model/datastore_config.h"
#include "svcadv/util/environment.h"

namespace svcadv {

struct EtcdConnection {
    std::vector<std::string> endpoints;  // http(s)://host:port, without a trailing slash
    std::string username, password;      // password: never printed
    std::string keyFile, certFile, caCertFile;
    std::string endpointsSource;  // where the endpoints came from, for messages
};

// calicoctl's default when nothing names an endpoint.
inline constexpr const char* kDefaultEtcdEndpoint = "http://127.0.0.1:2379";

// "http://a:2379, https://b:2379/" -> {"http://a:2379", "https://b:2379"}. Throws a usage error
// naming `source` for an empty list or an endpoint that is not an http(s) URL.
std::vector<std::string> parseEtcdEndpoints(const std::string& text, const std::string& source);

// Throws a usage error for a client certificate without its key (or the reverse), or a
// username without a password.
EtcdConnection resolveEtcdConnection(const DatastoreSettings& settings,
                                     const EnvironmentLookup& env);

}  // namespace svcadv
