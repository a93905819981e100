// Kubeconfig resolution: any kubeconfig text resolves to a connection or an svcadv error (never
// a json type_error or out_of_range: those would be exit 7).
#include <cstddef>
#include <cstdint>
#include <string>

#include "svcadv/store/kubernetes/kubeconfig.h"
#include "svcadv/util/error.h"

using namespace svcadv;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    DatastoreSettings settings;
    settings.type = "kubernetes";
    settings.kubeconfig = "/fuzz/config";
    EnvironmentLookup env = [](const std::string&) -> std::optional<std::string> {
        return std::nullopt;
    };
    FileReader readFile = [&](const std::string& path) -> std::optional<std::string> {
        if (path == "/fuzz/config") return text;
        return std::string("fuzz");  // token and certificate files
    };
    try {
        resolveKubeConnection(settings, env, readFile);
    } catch (const Error&) {
    }
    kubeconfigContextNames({"/fuzz/config"}, readFile);
    return 0;
}
