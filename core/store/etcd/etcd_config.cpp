#include "svcadv/store/etcd/etcd_config.h"

#include "svcadv/util/error.h"

namespace svcadv {
namespace {

std::string trimmed(const std::string& text) {
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

}  // namespace

std::vector<std::string> parseEtcdEndpoints(const std::string& text, const std::string& source) {
    std::vector<std::string> endpoints;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        std::string endpoint = trimmed(text.substr(start, comma - start));
        start = comma + 1;
        if (endpoint.empty()) continue;
        while (endpoint.size() > 1 && endpoint.back() == '/')
            endpoint.pop_back();
        bool http = endpoint.rfind("http://", 0) == 0 && endpoint.size() > 7;
        bool https = endpoint.rfind("https://", 0) == 0 && endpoint.size() > 8;
        if (!http && !https)
            throw usageError(source + ": etcd endpoint '" + endpoint +
                             "' is not an http:// or https:// URL");
        endpoints.push_back(endpoint);
    }
    if (endpoints.empty()) throw usageError(source + ": no etcd endpoint given");
    return endpoints;
}

EtcdConnection resolveEtcdConnection(const DatastoreSettings& settings,
                                     const EnvironmentLookup& env) {
    // Per setting: the ETCD_* variable (CALICO_ETCD_* first), else the calicoctl config file.
    auto setting = [&](const std::string& variable, const std::string& configKey,
                       std::string* source) -> std::string {
        if (auto value = env("CALICO_" + variable)) {
            if (source) *source = "CALICO_" + variable;
            return *value;
        }
        if (auto value = env(variable)) {
            if (source) *source = variable;
            return *value;
        }
        auto it = settings.calicoctlEtcd.find(configKey);
        if (it != settings.calicoctlEtcd.end()) {
            if (source) *source = "the calicoctl config file's " + configKey;
            return it->second;
        }
        return "";
    };
    EtcdConnection connection;
    std::string endpoints = setting("ETCD_ENDPOINTS", "etcdEndpoints", &connection.endpointsSource);
    if (endpoints.empty()) {
        endpoints = kDefaultEtcdEndpoint;
        connection.endpointsSource = "the default etcd endpoint";
    }
    connection.endpoints = parseEtcdEndpoints(endpoints, connection.endpointsSource);
    connection.username = setting("ETCD_USERNAME", "etcdUsername", nullptr);
    connection.password = setting("ETCD_PASSWORD", "etcdPassword", nullptr);
    connection.keyFile = setting("ETCD_KEY_FILE", "etcdKeyFile", nullptr);
    connection.certFile = setting("ETCD_CERT_FILE", "etcdCertFile", nullptr);
    connection.caCertFile = setting("ETCD_CA_CERT_FILE", "etcdCACertFile", nullptr);
    if (connection.keyFile.empty() != connection.certFile.empty())
        throw usageError(
            "ETCD_CERT_FILE and ETCD_KEY_FILE go together: a client certificate needs its key");
    if (!connection.username.empty() && connection.password.empty())
        throw usageError("ETCD_USERNAME is set but ETCD_PASSWORD is not");
    return connection;
}

}  // namespace svcadv
