#include "svcadv/model/datastore_config.h"

#include "svcadv/util/error.h"

namespace svcadv {

std::chrono::milliseconds parseRequestTimeout(const std::string& text) {
    auto fail = [&]() -> std::chrono::milliseconds {
        throw usageError("--request-timeout: invalid duration '" + text +
                         "' (examples: 30s, 1m, 500ms)");
    };
    if (text.empty()) return fail();
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        return fail();
    }
    std::string unit = text.substr(used);
    double ms = unit == "ms"                  ? value
                : unit == "s" || unit.empty() ? value * 1000
                : unit == "m"                 ? value * 60000
                : unit == "h"                 ? value * 3600000
                                              : -1;
    if (ms < 0) return fail();
    if (ms == 0) return std::chrono::milliseconds(30000);
    return std::chrono::milliseconds(static_cast<long long>(ms));
}

std::optional<std::string> calicoEnv(const EnvironmentLookup& env, const std::string& name) {
    if (auto value = env("CALICO_" + name)) return value;
    return env(name);
}

DatastoreSettings resolveDatastoreSettings(const DatastoreFlags& flags,
                                           const EnvironmentLookup& env,
                                           const std::optional<json>& calicoctlConfig) {
    DatastoreSettings settings;
    json configSpec =
        calicoctlConfig ? calicoctlConfig->value("spec", json::object()) : json::object();
    auto fromConfig = [&](const char* key) -> std::optional<std::string> {
        if (configSpec.contains(key) && configSpec[key].is_string() &&
            !configSpec[key].get<std::string>().empty()) {
            return configSpec[key].get<std::string>();
        }
        return std::nullopt;
    };

    auto envDataDir = env("SVCADV_DATA_DIR");
    if (!flags.datastoreType.empty()) {
        settings.type = flags.datastoreType, settings.typeSource = "--datastore-type";
    } else if (auto type = calicoEnv(env, "DATASTORE_TYPE")) {
        settings.type = *type, settings.typeSource = "DATASTORE_TYPE";
    } else if (auto type = fromConfig("datastoreType")) {
        settings.type = *type, settings.typeSource = "the calicoctl config file";
    } else if (!flags.dataDir.empty() || envDataDir) {
        // Naming a data directory is asking for the local datastore.
        settings.type = "file",
        settings.typeSource = flags.dataDir.empty() ? "SVCADV_DATA_DIR" : "--data-dir";
    } else if (calicoEnv(env, "ETCD_ENDPOINTS")) {
        settings.type = "etcdv3", settings.typeSource = "ETCD_ENDPOINTS";
    } else {
        settings.type = "kubernetes",
        settings.typeSource = "the default when no datastore is configured";
    }
    if (settings.type != "file" && settings.type != "kubernetes" && settings.type != "etcdv3") {
        throw usageError(settings.typeSource + ": unknown datastore type '" + settings.type +
                         "' (expected kubernetes, etcdv3 or file)");
    }

    if (!flags.dataDir.empty()) {
        settings.dataDir = flags.dataDir;
    } else if (envDataDir) {
        settings.dataDir = *envDataDir;
    } else if (auto xdg = env("XDG_DATA_HOME")) {
        settings.dataDir = *xdg + "/svcadv";
    } else {
        settings.dataDir = env("HOME").value_or(".") + "/.local/share/svcadv";
    }

    if (!flags.kubeconfig.empty()) {
        settings.kubeconfig = flags.kubeconfig;
    } else if (auto kubeconfig = calicoEnv(env, "KUBECONFIG")) {
        settings.kubeconfig = *kubeconfig;
    } else if (auto kubeconfig = fromConfig("kubeconfig")) {
        settings.kubeconfig = *kubeconfig;
    }
    for (const char* key : {"k8sAPIEndpoint", "k8sCAFile", "k8sCertFile", "k8sKeyFile",
                            "k8sAPIToken", "k8sInsecureSkipTLSVerify"}) {
        if (configSpec.contains(key) && configSpec[key].is_boolean())
            settings.calicoctlKubernetes[key] = configSpec[key].get<bool>() ? "true" : "false";
        else if (auto value = fromConfig(key))
            settings.calicoctlKubernetes[key] = *value;
    }
    for (const char* key : {"etcdEndpoints", "etcdUsername", "etcdPassword", "etcdKeyFile",
                            "etcdCertFile", "etcdCACertFile"}) {
        if (auto value = fromConfig(key)) settings.calicoctlEtcd[key] = *value;
    }
    if (!flags.context.empty()) {
        settings.context = flags.context;
    } else if (auto context = calicoEnv(env, "K8S_CURRENT_CONTEXT")) {
        settings.context = *context;
    }
    return settings;
}

}  // namespace svcadv
