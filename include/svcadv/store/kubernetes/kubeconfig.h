// Where the Kubernetes API is and how to authenticate, resolved as kubectl and calicoctl do:
// kubeconfig files (merged, first value wins), the chosen context, calicoctl's K8S_* variables, and
// the in-cluster service account. Pure: files and the environment come in through callbacks.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "svcadv/model/datastore_config.h"
#include "svcadv/util/document.h"

namespace svcadv {

struct KubeConnection {
    std::string server;  // https://host:port, without a trailing slash
    std::string contextName;
    // TLS
    std::string caFile;
    std::string caData;  // PEM text (decoded from certificate-authority-data)
    bool insecureSkipTlsVerify = false;
    std::string tlsServerName;
    std::string proxyUrl;
    // Authentication: at most one of token, client certificate, basic, exec is used.
    std::string token;
    std::string tokenFile;
    std::string clientCertFile, clientKeyFile;
    std::string clientCertData, clientKeyData;  // PEM text
    std::string username, password;
    std::optional<json> exec;  // the user's exec plugin configuration
    std::string execDir;       // the kubeconfig's folder: a relative command path starts there
    // A token, password or exec credential is sent to an http:// server only when the user said
    // so (--insecure-allow-http-credentials): over plain http anyone on the path can read it.
    bool allowHttpCredentials = false;
    // Where each setting came from, for error messages ("kubeconfig /home/x/.kube/config").
    std::string source;
};

// Reads a file's text; nullopt when it does not exist, throws when it cannot be read.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

// The kubeconfig files to read, in order: `settings.kubeconfig` (already resolved from
// --kubeconfig, CALICO_KUBECONFIG, KUBECONFIG or calicoctl's config file) split at ':' as kubectl
// splits KUBECONFIG, empty entries skipped; with none given, ~/.kube/config.
std::vector<std::string> kubeconfigFiles(const DatastoreSettings& settings,
                                         const EnvironmentLookup& env);

// The contexts the files define, each name once, in the order found. A file that is missing or
// does not parse adds nothing: the list offers names (completion), it does not connect.
std::vector<std::string> kubeconfigContextNames(const std::vector<std::string>& files,
                                                const FileReader& readFile);

// Resolves the connection from the kubeconfigFiles. calicoctl's K8S_API_ENDPOINT, K8S_CA_FILE,
// K8S_CERT_FILE, K8S_KEY_FILE, K8S_API_TOKEN and K8S_INSECURE_SKIP_TLS_VERIFY override the
// kubeconfig; with no kubeconfig and KUBERNETES_SERVICE_HOST set, the pod's service account is
// used. Throws an Unreachable error that says how to point svcadv at a cluster when nothing is
// configured.
KubeConnection resolveKubeConnection(const DatastoreSettings& settings,
                                     const EnvironmentLookup& env, const FileReader& readFile);

}  // namespace svcadv
