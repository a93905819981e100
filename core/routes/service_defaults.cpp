#include "svcadv/routes/service_defaults.h"

#include <algorithm>

#include "svcadv/util/cidr.h"

namespace svcadv {
namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ",") + item;
    return "[" + out + "]";
}

// The types that get cluster IPs (the registry's needsClusterIP).
bool needsClusterIP(const std::string& type) {
    return type == "ClusterIP" || type == "NodePort" || type == "LoadBalancer";
}

// Kubernetes' service.ExternallyAccessible, on the defaulted type.
bool externallyAccessible(const ServiceInfo& service) {
    return service.type == "LoadBalancer" || service.type == "NodePort" ||
           (service.type == "ClusterIP" && !service.externalIPs.empty());
}

}  // namespace

std::vector<std::string> defaultService(ServiceInfo& service) {
    std::vector<std::string> applied;
    // SetDefaults_Service, at decoding.
    if (service.type.empty()) {
        service.type = "ClusterIP";
        applied.push_back("type: ClusterIP");
    }
    if (service.externalTrafficPolicy.empty() && externallyAccessible(service)) {
        service.externalTrafficPolicy = "Cluster";
        applied.push_back("externalTrafficPolicy: Cluster");
    }
    // The registry on create: the plural from the singular (an old client's manifest)...
    if (service.clusterIPs.empty() && !service.clusterIP.empty()) {
        service.clusterIPs = {service.clusterIP};
        applied.push_back("clusterIPs: " + joined(service.clusterIPs));
    }
    if (!needsClusterIP(service.type)) return applied;
    if (service.clusterIP.empty()) {
        // Allocated from the cluster's service range on create: no file can tell which.
        applied.push_back(
            "clusterIP: allocated by the API server on create, unknown here (previewed as none)");
        return applied;
    }
    // ...then one family per cluster IP not already given one. "None" (headless) has no family:
    // the API server then uses the cluster's primary family, which no file tells.
    std::size_t before = service.ipFamilies.size();
    for (std::size_t i = 0; i < service.clusterIPs.size(); ++i) {
        auto ip = parseIp(service.clusterIPs[i]);
        if (!ip) break;  // "None", or an address the API server would refuse
        if (i >= service.ipFamilies.size())
            service.ipFamilies.push_back(ip->family == 6 ? "IPv6" : "IPv4");
    }
    if (service.ipFamilies.size() != before)
        applied.push_back("ipFamilies: " + joined(service.ipFamilies));
    return applied;
}

std::size_t applyServiceDefaults(ClusterState& state) {
    std::size_t changed = 0;
    for (auto& service : state.services) {
        service.defaulted = defaultService(service);
        if (!service.defaulted.empty()) ++changed;
    }
    return changed;
}

std::optional<PreviewWarning> serviceDefaultsWarning(const ClusterState& state) {
    auto count = std::count_if(state.services.begin(), state.services.end(),
                               [](const ServiceInfo& s) { return !s.defaulted.empty(); });
    if (count == 0) return std::nullopt;
    std::string services = count == 1 ? "1 service" : std::to_string(count) + " services";
    return PreviewWarning{WarningCode::ServiceDefaulted, "", "", "",
                          services +
                              " from files never went through an API server: defaulted as it "
                              "would on create (--explain NAMESPACE/NAME shows what was set)"};
}

}  // namespace svcadv
