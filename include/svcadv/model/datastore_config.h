// Which datastore a command talks to, resolved from flags, environment and calicoctl's config
// file with calicoctl's precedence: flag > environment > config file > defaults.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "svcadv/util/document.h"
#include "svcadv/util/environment.h"

namespace svcadv {

struct DatastoreFlags {
    std::string datastoreType;  // empty: not given
    std::string dataDir;
    std::string kubeconfig;
    std::string context;
};

struct DatastoreSettings {
    std::string type;  // "file", "kubernetes" or "etcdv3"
    std::string dataDir;
    std::string kubeconfig;
    std::string context;
    std::string typeSource;  // where the type came from, for messages ("--datastore-type", ...)
    std::chrono::milliseconds requestTimeout{30000};  // one request, retries included
    bool allowHttpCredentials = false;                // --insecure-allow-http-credentials
    // The Kubernetes settings of calicoctl's config file (k8sAPIEndpoint, k8sCAFile, k8sCertFile,
    // k8sKeyFile, k8sAPIToken, k8sInsecureSkipTLSVerify), below the K8S_* variables.
    std::map<std::string, std::string> calicoctlKubernetes;
    // The etcd settings of calicoctl's config file (etcdEndpoints, etcdUsername, etcdPassword,
    // etcdKeyFile, etcdCertFile, etcdCACertFile), below the ETCD_* variables.
    std::map<std::string, std::string> calicoctlEtcd;
};

// kubectl's --request-timeout (clientcmd.ParseTimeout): a whole number of seconds, or a Go duration
// ("30s", "1m30s", "1.5h", "500ms", "10us"), at most 24h. "0" means the default (30s).
// Throws a usage error naming the flag.
std::chrono::milliseconds parseRequestTimeout(const std::string& text);

// Calico's convention: CALICO_<NAME> first, then <NAME>.
std::optional<std::string> calicoEnv(const EnvironmentLookup& env, const std::string& name);

// `calicoctlConfig` is the parsed CalicoAPIConfig document, when one was found. Throws a usage
// error for an unknown datastore type, naming where it came from.
DatastoreSettings resolveDatastoreSettings(const DatastoreFlags& flags,
                                           const EnvironmentLookup& env,
                                           const std::optional<json>& calicoctlConfig);

}  // namespace svcadv
