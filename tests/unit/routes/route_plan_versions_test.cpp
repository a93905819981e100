// The route plan under each row of the version table (README "Calico versions"): the same cluster
// planned with the releases on both sides of each change. Expected routes follow routes.go and
// client.go at those tags and release branches.
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/routes/route_plan.h"

using namespace svcadv;
using namespace svcadv::test;

namespace {

PreviewOptions at(const char* version) {
    std::string problem;
    PreviewOptions options;
    options.semantics = calicoSemantics(*parseCalicoVersion(version, problem));
    return options;
}

// A core v1 Endpoints object: "node" entries are ready addresses on that node, at `ip`.
std::string coreEndpoints(const std::string& name, const std::vector<std::string>& nodes,
                          const std::string& ip = "192.168.9.9") {
    std::string text = "apiVersion: v1\nkind: Endpoints\nmetadata: {name: " + name +
                       ", namespace: ns}\nsubsets:\n- addresses:\n";
    for (const auto& node : nodes)
        text += "  - {ip: '" + ip + "', nodeName: " + node + "}\n";
    if (nodes.empty()) text += "  []\n";
    return text;
}

}  // namespace

TEST_CASE("the plan names the semantics it applied") {
    Cluster cluster;
    CHECK(semanticsName(plan(cluster).plan.semantics) == "calico-v3.33");
    CHECK(semanticsName(plan(cluster, at("3.30.4")).plan.semantics) == "calico-v3.30.4");
}

TEST_CASE("row endpoint source: up to 3.30 core Endpoints (ready addresses) decide") {
    Cluster cluster;
    // The slice says node a, the Endpoints object says node b: each release reads its own.
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"}),
                         coreEndpoints("web", {"b"})};
    CHECK(plan(cluster, at("3.30.7")).hostRoutes("b") ==
          Lines{"10.96.0.10/32 LocalEndpoint ns/web"});
    CHECK(plan(cluster, at("3.30.7")).hostRoutes("a").empty());
    CHECK(plan(cluster, at("3.31.0")).hostRoutes("a") ==
          Lines{"10.96.0.10/32 LocalEndpoint ns/web"});
    CHECK(plan(cluster, at("3.31.0")).hostRoutes("b").empty());

    // No Endpoints object at all: routes.go setRouteForSvc returns before deciding.
    Cluster slicesOnly;
    slicesOnly.documents = {service("web", kLocalLb), slice("web", {"a"})};
    auto old = plan(slicesOnly, at("3.29.0"));
    CHECK(old.decision("ns/web") == "NoEndpointSlices");
    CHECK(old.warningCodes() == Lines{"LocalNoReadyEndpoints ns/web"});
    CHECK(old.plan.warnings.front().message.find("no Endpoints") != std::string::npos);
}

TEST_CASE("row endpoint source: core Endpoints count addresses of clusterIP's family only") {
    Cluster cluster;
    cluster.documents = {service("web", kLocalLb), coreEndpoints("web", {"a"}, "fd00::9")};
    CHECK(plan(cluster, at("3.30.0")).decision("ns/web") == "NoReadyEndpoints");
    cluster.documents = {service("web", kLocalLb), coreEndpoints("web", {"a"}, "10.1.1.1")};
    CHECK(plan(cluster, at("3.30.0")).decision("ns/web") == "LocalEndpoint");
}

TEST_CASE("row not-ready endpoints: counted in 3.31.0-3.31.6 and 3.32.0-3.32.1") {
    Cluster cluster;
    cluster.documents = {service("web", kLocalLb), slice("web", {"a!"})};
    for (const char* counted : {"3.31.0", "3.31.6", "3.32.0", "3.32.1"}) {
        CAPTURE(counted);
        CHECK(plan(cluster, at(counted)).hostRoutes("a") ==
              Lines{"10.96.0.10/32 LocalEndpoint ns/web"});
    }
    for (const char* skipped : {"3.31.7", "3.32", "3.33"}) {
        CAPTURE(skipped);
        CHECK(plan(cluster, at(skipped)).hostRoutes("a").empty());
    }
}

TEST_CASE("row family filter: until 3.31.3 clusterIP's family, from 3.31.4 ipFamilies") {
    Cluster cluster;
    // A dual-stack service whose clusterIP is IPv6; only an IPv4 slice has the endpoint.
    cluster.spec = "{serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 'fd00:96::/108'}]}";
    cluster.documents = {
        service("web",
                "{type: LoadBalancer, externalTrafficPolicy: Local, clusterIP: 'fd00:96::10', "
                "clusterIPs: ['fd00:96::10', 10.96.0.10], ipFamilies: [IPv6, IPv4]}"),
        slice("web", {"a"}, "IPv4")};
    CHECK(plan(cluster, at("3.31.3")).decision("ns/web") == "NoReadyEndpoints");
    CHECK(plan(cluster, at("3.31.4")).hostRoutes("a") ==
          Lines{"10.96.0.10/32 LocalEndpoint ns/web", "fd00:96::10/128 LocalEndpoint ns/web"});
    // An FQDN slice's names carry no ':': before 3.31.4 they pass an IPv4 clusterIP's filter.
    Cluster fqdn;
    fqdn.documents = {service("web", kLocalLb), slice("web", {"a"}, "FQDN")};
    CHECK(plan(fqdn, at("3.31.3")).decision("ns/web") == "LocalEndpoint");
    CHECK(plan(fqdn, at("3.31.4")).decision("ns/web") == "NoReadyEndpoints");
}

TEST_CASE("row cluster-IP host routes: clusterIP only up to 3.30, every clusterIPs from 3.31") {
    Cluster cluster;
    cluster.spec = "{serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 'fd00:96::/108'}]}";
    std::string dual =
        "{type: LoadBalancer, externalTrafficPolicy: Local, clusterIP: 10.96.0.10, clusterIPs: "
        "[10.96.0.10, 'fd00:96::10'], ipFamilies: [IPv4, IPv6]}";
    cluster.documents = {service("web", dual), slice("web", {"a"}), coreEndpoints("web", {"a"})};
    CHECK(plan(cluster, at("3.30.7")).hostRoutes("a") ==
          Lines{"10.96.0.10/32 LocalEndpoint ns/web"});
    CHECK(plan(cluster, at("3.31.0")).hostRoutes("a") ==
          Lines{"10.96.0.10/32 LocalEndpoint ns/web", "fd00:96::10/128 LocalEndpoint ns/web"});
}

TEST_CASE("row LB aggregation: before 3.31 Disabled is not read (ranges global, no /32s)") {
    Cluster cluster;
    cluster.spec =
        "{serviceLoadBalancerIPs: [{cidr: 198.51.100.0/24}], "
        "serviceLoadBalancerAggregation: Disabled}";
    cluster.documents = {
        service("web",
                "{type: LoadBalancer, externalTrafficPolicy: Cluster, clusterIP: 10.96.0.10}",
                "{loadBalancer: {ingress: [{ip: 198.51.100.5}]}}"),
        slice("web", {"b"}), coreEndpoints("web", {"b"})};
    auto old = plan(cluster, at("3.30.7"));
    CHECK(old.routes("a") == Lines{"198.51.100.0/24 LoadBalancerCIDR"});
    CHECK(old.decision("ns/web") == "ClusterPolicyAggregated");
    auto now = plan(cluster, at("3.31.0"));
    CHECK(now.routes("a") == Lines{"198.51.100.5/32 AggregationDisabled ns/web"});
}

TEST_CASE("point 4: serviceLoadBalancerAggregation is compared == Enabled") {
    Cluster cluster;
    cluster.documents = {
        service("web",
                "{type: LoadBalancer, externalTrafficPolicy: Cluster, clusterIP: 10.96.0.10}",
                "{loadBalancer: {ingress: [{ip: 198.51.100.5}]}}"),
        slice("web", {"b"})};
    for (const char* value : {"disabled", "enabled", "Off"}) {
        CAPTURE(value);
        cluster.spec = std::string(
                           "{serviceLoadBalancerIPs: [{cidr: 198.51.100.0/24}], "
                           "serviceLoadBalancerAggregation: ") +
                       value + "}";
        // Anything but Enabled behaves as Disabled: no range, a /32 from every node.
        CHECK(plan(cluster).routes("a") == Lines{"198.51.100.5/32 AggregationDisabled ns/web"});
    }
    cluster.spec =
        "{serviceLoadBalancerIPs: [{cidr: 198.51.100.0/24}], serviceLoadBalancerAggregation: "
        "Enabled}";
    CHECK(plan(cluster).routes("a") == Lines{"198.51.100.0/24 LoadBalancerCIDR"});
}

TEST_CASE("row single-IP LB override: status ingress counts from 3.30.7, 3.31.5 and 3.32") {
    Cluster cluster;
    cluster.spec = "{serviceLoadBalancerIPs: [{cidr: 198.51.100.7/32}]}";
    cluster.documents = {
        service("web",
                "{type: LoadBalancer, externalTrafficPolicy: Cluster, clusterIP: 10.96.0.10}",
                "{loadBalancer: {ingress: [{ip: 198.51.100.7}]}}"),
        slice("web", {"b"}), coreEndpoints("web", {"b"})};
    for (const char* before : {"3.30.6", "3.31.4"})
        CHECK(plan(cluster, at(before)).decision("ns/web") == "ClusterPolicyAggregated");
    for (const char* after : {"3.30.7", "3.31.5", "3.32.0"}) {
        CAPTURE(after);
        CHECK(plan(cluster, at(after)).routes("a") ==
              Lines{"198.51.100.7/32 SingleIPCluster ns/web"});
    }
    // spec.loadBalancerIP counted in every release.
    cluster.documents[0] = service("web",
                                   "{type: LoadBalancer, externalTrafficPolicy: Cluster, "
                                   "clusterIP: 10.96.0.10, loadBalancerIP: 198.51.100.7}",
                                   "{loadBalancer: {ingress: [{ip: 198.51.100.7}]}}");
    CHECK(plan(cluster, at("3.26.0")).decision("ns/web") == "SingleIPCluster");
}

TEST_CASE("row single-IP externalIP override: none, LoadBalancer/NodePort, any type") {
    Cluster cluster;
    cluster.spec = "{serviceExternalIPs: [{cidr: 192.0.2.99/32}]}";
    auto with = [&](const char* type) {
        cluster.documents = {
            service("web", std::string("{type: ") + type +
                               ", externalTrafficPolicy: Cluster, clusterIP: 10.96.0.10, "
                               "externalIPs: [192.0.2.99]}"),
            slice("web", {"b"}), coreEndpoints("web", {"b"})};
        return cluster;
    };
    CHECK(plan(with("NodePort"), at("3.29.7")).decision("ns/web") == "ClusterPolicyAggregated");
    CHECK(plan(with("NodePort"), at("3.30.0")).decision("ns/web") == "SingleIPCluster");
    CHECK(plan(with("ClusterIP"), at("3.30.4")).decision("ns/web") == "ClusterPolicyAggregated");
    CHECK(plan(with("ClusterIP"), at("3.31.0")).decision("ns/web") == "ClusterPolicyAggregated");
    CHECK(plan(with("ClusterIP"), at("3.30.5")).decision("ns/web") == "SingleIPCluster");
    CHECK(plan(with("ClusterIP"), at("3.31.1")).decision("ns/web") == "SingleIPCluster");
}

TEST_CASE("row /32 external entries: global routes up to 3.29") {
    Cluster cluster;
    cluster.spec = "{serviceExternalIPs: [{cidr: 192.0.2.0/24}, {cidr: 192.0.2.99/32}]}";
    CHECK(plan(cluster, at("3.29.7")).routes("a") ==
          Lines{"192.0.2.0/24 ExternalCIDR", "192.0.2.99/32 ExternalCIDR"});
    CHECK(plan(cluster, at("3.30.0")).routes("a") == Lines{"192.0.2.0/24 ExternalCIDR"});
}

TEST_CASE("row empty cidr entry: up to 3.28 the whole list is dropped, with an error") {
    Cluster cluster;
    cluster.spec = "{serviceExternalIPs: [{cidr: 192.0.2.0/24}, {cidr: ''}]}";
    auto old = plan(cluster, at("3.28.5"));
    CHECK(old.routes("a").empty());
    CHECK(old.warningCodes() == Lines{"CidrListDropped"});
    CHECK(old.plan.warnings.front().error);
    auto now = plan(cluster, at("3.29.0"));
    CHECK(now.routes("a") == Lines{"192.0.2.0/24 ExternalCIDR"});
    CHECK(now.warningCodes() == Lines{"EmptyCidrEntry"});
}

TEST_CASE("row CALICO_ADVERTISE_CLUSTER_IPS: wiped by BGPConfiguration default up to 3.32") {
    Cluster cluster;
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    PreviewOptions old = at("3.32");
    old.advertiseClusterIPs = parseCidr("172.30.0.0/16").cidr;
    auto wiped = plan(cluster, old);
    CHECK(wiped.routes("a").empty());
    CHECK(wiped.warningCodes() == Lines{"AdvertiseClusterIPsIgnored"});
    PreviewOptions now = at("3.33");
    now.advertiseClusterIPs = old.advertiseClusterIPs;
    CHECK(plan(cluster, now).routes("b") == Lines{"172.30.0.0/16 ClusterCIDR"});
}
