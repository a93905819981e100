#include "svcadv/store/kubernetes/kubeconfig.h"

#include <map>
#include <set>

#include "svcadv/util/base64.h"
#include "svcadv/util/error.h"
#include "svcadv/util/log.h"
#include "svcadv/util/strings.h"

namespace svcadv {
namespace {

struct Entry {
    json value;
    std::string dir;     // the folder of the kubeconfig that defined it
    std::string source;  // that kubeconfig's path
};

std::string folderOf(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string resolvePath(const std::string& path, const std::string& dir) {
    if (path.empty() || path[0] == '/') return path;
    return dir + "/" + path;
}

std::string stringAt(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// Named lists (clusters, users, contexts): the first file to define a name wins.
void collect(std::map<std::string, Entry>& into, const json& config, const char* list,
             const char* inner, const std::string& path) {
    auto it = config.find(list);
    if (it == config.end() || !it->is_array()) return;
    for (const auto& item : *it) {
        if (!item.is_object()) continue;
        std::string name = stringAt(item, "name");
        if (name.empty() || into.count(name)) continue;
        json value = item.contains(inner) && item[inner].is_object() ? item[inner] : json::object();
        into[name] = {value, folderOf(path), path};
    }
}

Error notConfigured(const std::string& why) {
    return Error(ExitCode::Unreachable,
                 why +
                     "; point svcadv at a cluster with --kubeconfig or KUBECONFIG (and "
                     "--context), with calicoctl's K8S_API_ENDPOINT, or use the local datastore "
                     "with --datastore-type file --data-dir DIR");
}

}  // namespace

std::vector<std::string> kubeconfigFiles(const DatastoreSettings& settings,
                                         const EnvironmentLookup& env) {
    std::vector<std::string> files;
    if (!settings.kubeconfig.empty()) {
        for (const auto& file : split(settings.kubeconfig, ':')) {
            if (!file.empty()) files.push_back(file);
        }
    } else if (auto home = env("HOME")) {
        files.push_back(*home + "/.kube/config");
    }
    return files;
}

std::vector<std::string> kubeconfigContextNames(const std::vector<std::string>& files,
                                                const FileReader& readFile) {
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (const auto& file : files) {
        json config;
        try {
            std::optional<std::string> text = readFile(file);
            if (!text) continue;
            config = parseValue(*text, file);
        } catch (const std::exception&) {
            continue;
        }
        auto contexts = config.is_object() ? config.find("contexts") : config.end();
        if (contexts == config.end() || !contexts->is_array()) continue;
        for (const auto& item : *contexts) {
            std::string name = item.is_object() ? stringAt(item, "name") : "";
            if (!name.empty() && seen.insert(name).second) names.push_back(name);
        }
    }
    return names;
}

KubeConnection resolveKubeConnection(const DatastoreSettings& settings,
                                     const EnvironmentLookup& env, const FileReader& readFile) {
    bool explicitFiles = !settings.kubeconfig.empty();
    std::vector<std::string> files = kubeconfigFiles(settings, env);

    std::map<std::string, Entry> clusters, users, contexts;
    std::string currentContext;
    std::string firstSource;
    for (const auto& file : files) {
        std::optional<std::string> text = readFile(file);
        if (!text) {
            // kubectl skips missing files of a KUBECONFIG list, but not a single one named.
            if (explicitFiles && files.size() == 1)
                throw notConfigured("kubeconfig " + file + " does not exist");
            continue;
        }
        json config = parseValue(*text, file);
        if (!config.is_object()) throw invalidInput(file + ": not a kubeconfig");
        if (firstSource.empty()) firstSource = file;
        collect(clusters, config, "clusters", "cluster", file);
        collect(users, config, "users", "user", file);
        collect(contexts, config, "contexts", "context", file);
        if (currentContext.empty()) currentContext = stringAt(config, "current-context");
    }

    KubeConnection out;
    std::string contextName = settings.context.empty() ? currentContext : settings.context;
    if (!contextName.empty()) {
        auto context = contexts.find(contextName);
        if (context == contexts.end())
            throw usageError("context \"" + contextName + "\" does not exist in " +
                             (firstSource.empty() ? "any kubeconfig" : firstSource));
        out.contextName = contextName;
        out.source = "kubeconfig " + context->second.source;
        std::string clusterName = stringAt(context->second.value, "cluster");
        std::string userName = stringAt(context->second.value, "user");
        auto cluster = clusters.find(clusterName);
        if (cluster == clusters.end())
            throw invalidInput(context->second.source + ": context \"" + contextName +
                               "\" names cluster \"" + clusterName + "\", which is not defined");
        const json& c = cluster->second.value;
        out.server = stringAt(c, "server");
        out.caFile = resolvePath(stringAt(c, "certificate-authority"), cluster->second.dir);
        if (auto data = stringAt(c, "certificate-authority-data"); !data.empty())
            out.caData = decodeBase64(data);
        if (auto flag = c.find("insecure-skip-tls-verify"); flag != c.end() && !flag->is_null()) {
            // client-go refuses the file when this is no boolean ("tru@", "yes" as a string).
            if (!flag->is_boolean())
                throw invalidInput(cluster->second.source + ": cluster \"" + clusterName +
                                   "\": insecure-skip-tls-verify: expected true or false");
            out.insecureSkipTlsVerify = flag->get<bool>();
        }
        out.tlsServerName = stringAt(c, "tls-server-name");
        out.proxyUrl = stringAt(c, "proxy-url");
        if (auto user = users.find(userName); user != users.end()) {
            const json& u = user->second.value;
            const std::string& dir = user->second.dir;
            out.token = stringAt(u, "token");
            out.tokenFile = resolvePath(stringAt(u, "tokenFile"), dir);
            out.clientCertFile = resolvePath(stringAt(u, "client-certificate"), dir);
            out.clientKeyFile = resolvePath(stringAt(u, "client-key"), dir);
            if (auto data = stringAt(u, "client-certificate-data"); !data.empty())
                out.clientCertData = decodeBase64(data);
            if (auto data = stringAt(u, "client-key-data"); !data.empty())
                out.clientKeyData = decodeBase64(data);
            out.username = stringAt(u, "username");
            out.password = stringAt(u, "password");
            if (u.contains("exec") && u["exec"].is_object()) {
                out.exec = u["exec"];
                out.execDir = dir;
            }
        }
    }

    // calicoctl's settings override the kubeconfig: its variables, else its config file.
    auto calicoctl = [&](const char* variable,
                         const char* configKey) -> std::optional<std::string> {
        if (auto value = calicoEnv(env, variable)) return value;
        auto it = settings.calicoctlKubernetes.find(configKey);
        if (it != settings.calicoctlKubernetes.end() && !it->second.empty()) return it->second;
        return std::nullopt;
    };
    if (auto endpoint = calicoctl("K8S_API_ENDPOINT", "k8sAPIEndpoint")) {
        out.server = *endpoint;
        out.source =
            calicoEnv(env, "K8S_API_ENDPOINT") ? "K8S_API_ENDPOINT" : "the calicoctl config file";
    }
    if (auto file = calicoctl("K8S_CA_FILE", "k8sCAFile")) out.caFile = *file, out.caData.clear();
    if (auto file = calicoctl("K8S_CERT_FILE", "k8sCertFile")) out.clientCertFile = *file;
    if (auto file = calicoctl("K8S_KEY_FILE", "k8sKeyFile")) out.clientKeyFile = *file;
    if (auto token = calicoctl("K8S_API_TOKEN", "k8sAPIToken")) out.token = *token;
    if (auto insecure = calicoctl("K8S_INSECURE_SKIP_TLS_VERIFY", "k8sInsecureSkipTLSVerify"))
        out.insecureSkipTlsVerify = *insecure == "true" || *insecure == "1";

    // In a pod with no kubeconfig: the service account.
    if (out.server.empty()) {
        auto host = env("KUBERNETES_SERVICE_HOST");
        auto port = env("KUBERNETES_SERVICE_PORT");
        if (host && port) {
            std::string account = "/var/run/secrets/kubernetes.io/serviceaccount";
            bool ipv6 = host->find(':') != std::string::npos;
            out.server = "https://" + (ipv6 ? "[" + *host + "]" : *host) + ":" + *port;
            out.caFile = account + "/ca.crt";
            out.tokenFile = account + "/token";
            out.source = "the in-cluster service account";
        }
    }
    if (out.server.empty())
        throw notConfigured(firstSource.empty()
                                ? "no kubeconfig found"
                                : "the kubeconfig " + firstSource + " names no current context");
    while (!out.server.empty() && out.server.back() == '/')
        out.server.pop_back();
    logLine(kLogSettings, "kubernetes: server " + redactUrl(out.server) + " from " + out.source +
                              (out.contextName.empty() ? "" : ", context " + out.contextName));
    return out;
}

}  // namespace svcadv
