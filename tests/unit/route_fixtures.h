// A compact way to write clusters for the route tests: a BGPConfiguration spec, nodes, and
// services and slices as YAML, planned with computeRoutePlan. Shared by the tests of routes/ and
// render/.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "svcadv/routes/route_plan.h"

namespace svcadv::test {

using namespace svcadv;

// A cluster written compactly: the BGPConfiguration spec, nodes ("name" or "name=labelValue" for
// the exclude label), services and slices as YAML documents.
struct Cluster {
    std::string spec = "{serviceClusterIPs: [{cidr: 10.96.0.0/12}]}";
    std::vector<std::string> nodes = {"a", "b", "c"};
    std::vector<std::string> documents;

    ClusterState state() const {
        std::string text =
            "apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\n"
            "metadata: {name: default}\nspec: " +
            spec + "\n";
        for (const auto& node : nodes) {
            auto eq = node.find('=');
            text +=
                "---\napiVersion: v1\nkind: Node\nmetadata:\n  name: " + node.substr(0, eq) + "\n";
            if (eq != std::string::npos)
                text += "  labels: {node.kubernetes.io/exclude-from-external-load-balancers: '" +
                        node.substr(eq + 1) + "'}\n";
        }
        for (const auto& document : documents)
            text += "---\n" + document + "\n";
        ClusterState out;
        readClusterObjects(out, text, "test.yaml");
        removeDuplicateObjects(out);
        return out;
    }
};

inline std::string service(const std::string& name, const std::string& spec,
                           const std::string& status = "{}") {
    return "apiVersion: v1\nkind: Service\nmetadata: {name: " + name +
           ", namespace: ns}\nspec: " + spec + "\nstatus: " + status;
}

// endpoints: "node" (ready), "node!" (ready: false), "node?" (no conditions)
inline std::string slice(const std::string& serviceName, std::vector<std::string> endpoints,
                         const std::string& addressType = "IPv4", const std::string& name = "") {
    std::string text = "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: " +
                       (name.empty() ? serviceName + "-x" : name) +
                       ", namespace: ns, labels: {kubernetes.io/service-name: " + serviceName +
                       "}}\naddressType: " + addressType + "\nendpoints:\n";
    for (auto& endpoint : endpoints) {
        std::string conditions = "{ready: true}";
        if (endpoint.back() == '!') conditions = "{ready: false}";
        if (endpoint.back() == '?') conditions = "{}";
        if (endpoint.back() == '!' || endpoint.back() == '?') endpoint.pop_back();
        text += "  - {addresses: [192.168.9.9], nodeName: " + endpoint +
                ", conditions: " + conditions + "}\n";
    }
    if (endpoints.empty()) text += "  []\n";
    return text;
}

struct Result {
    ClusterState state;
    RoutePlan plan;

    // "prefix reason [service]" lines of one node.
    std::vector<std::string> routes(const std::string& node) const {
        std::vector<std::string> out;
        for (const auto& entry : plan.nodes) {
            if (state.nodes[entry.node].name != node) continue;
            for (const auto& route : entry.routes) {
                for (const auto& source : route.sources) {
                    std::string line = route.prefix.str() + " " + reasonName(source.reason);
                    if (source.service >= 0) line += " " + state.services[source.service].key();
                    out.push_back(line);
                }
            }
        }
        return out;
    }
    // Only the host routes (a service as a source).
    std::vector<std::string> hostRoutes(const std::string& node) const {
        std::vector<std::string> out;
        for (const auto& line : routes(node)) {
            if (line.find(" ns/") != std::string::npos) out.push_back(line);
        }
        return out;
    }
    std::vector<std::string> warningCodes() const {
        std::vector<std::string> out;
        for (const auto& w : plan.warnings)
            out.push_back(warningName(w.code) + (w.service.empty() ? "" : " " + w.service));
        return out;
    }
    std::string decision(const std::string& key) const {
        for (std::size_t i = 0; i < state.services.size(); ++i) {
            if (state.services[i].key() == key) return reasonName(plan.services[i].rule);
        }
        return "?";
    }
};

inline Result plan(const Cluster& cluster, const PreviewOptions& options = {}) {
    Result result{cluster.state(), {}};
    result.plan = computeRoutePlan(result.state, options);
    return result;
}

using Lines = std::vector<std::string>;

inline const std::string kLocalLb =
    "{type: LoadBalancer, externalTrafficPolicy: Local, clusterIP: 10.96.0.10, ipFamilies: [IPv4]}";

// The LoadBalancer clusters of the reachability and route impact tests: the cluster range and the
// LoadBalancer range 198.51.100.0/24 (aggregation Enabled), nodes a, b, c, and one service.
inline Cluster lbRangeCluster() {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceLoadBalancerIPs: [{cidr: "
        "198.51.100.0/24}]}";
    return cluster;
}

// ns/web: a Local LoadBalancer at 198.51.100.7, its one endpoint on node a.
inline Cluster localLbCluster() {
    Cluster cluster = lbRangeCluster();
    cluster.documents = {
        service("web", kLocalLb, "{loadBalancer: {ingress: [{ip: 198.51.100.7}]}}"),
        slice("web", {"a"})};
    return cluster;
}

// ns/api: a Cluster-policy LoadBalancer at 198.51.100.11 (inside the range), its endpoint on b.
inline Cluster clusterLbCluster() {
    Cluster cluster = lbRangeCluster();
    cluster.documents = {
        service("api", "{type: LoadBalancer, clusterIP: 10.96.0.20, ipFamilies: [IPv4]}",
                "{loadBalancer: {ingress: [{ip: 198.51.100.11}]}}"),
        slice("api", {"b"})};
    return cluster;
}

}  // namespace svcadv::test
