// Calico's own tests of the route generator, ported onto static snapshots: every case of
// confd/pkg/backends/calico/routes_test.go (release-v3.33) whose outcome a snapshot determines.
// Each names the Go Describe/It it comes from; the expected routes are the ones that test asserts
// (routes.go's svcRouteMap and the client's static routes), with its fixtures:
//   buildSimpleService   foo/bar  ClusterIP, Local, clusterIPs [127.0.0.1, ::1],
//                        externalIPs [45.12.70.5, 172.217.3.5], ipFamilies [IPv4]
//   buildSimpleService2  foo/rem  the same with 127.0.0.5 / ::5
//   buildSimpleService3  foo/lb   LoadBalancer, Local, loadBalancerIP and ingress 172.217.4.10
//   buildSimpleService4  foo/ext  LoadBalancer, Local, externalIPs [45.12.70.7]
//   client               clusterCIDRs [10.0.0.0/16], externalIPNets [104.244.42.129/32,
//                        172.217.3.0/24]; the route generator's node is "foobar".
// Sequences of events (add, then delete) become one snapshot per state. Cases about informer
// bookkeeping only (cache revisions, reference counts of one route from two sources) have no
// snapshot equivalent beyond the route set, which is what is checked.
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/routes/route_plan.h"

using namespace svcadv;
using namespace svcadv::test;

namespace {

const std::string kClientSpec =
    "{serviceClusterIPs: [{cidr: 10.0.0.0/16}], "
    "serviceExternalIPs: [{cidr: 104.244.42.129/32}, {cidr: 172.217.3.0/24}]}";

std::string simpleService(const std::string& name, const std::string& clusterIP,
                          const std::string& clusterIPv6, const std::string& type = "ClusterIP") {
    return service(name, "{type: " + type + ", clusterIP: " + clusterIP + ", clusterIPs: [" +
                             clusterIP + ", '" + clusterIPv6 +
                             "'], externalTrafficPolicy: Local, externalIPs: [45.12.70.5, "
                             "172.217.3.5], ipFamilies: [IPv4]}");
}

// The routes a node has beyond the global ones (the service's routes).
Lines serviceRoutes(const Result& result, const std::string& node) {
    Lines out;
    for (const auto& line : result.hostRoutes(node))
        out.push_back(line.substr(0, line.find(' ')));
    return out;
}

const Lines kExpectedSvcRoutes = {"127.0.0.1/32", "172.217.3.5/32", "::1/128"};

Cluster clientCluster() {
    Cluster cluster;
    cluster.spec = kClientSpec;
    cluster.nodes = {"foobar", "other"};
    return cluster;
}

}  // namespace

// Describe("(un)setRouteForSvc") It("should set and unset routes for a service"), both contexts
// (svc = svc, ep = nil and svc = nil, ep = ep): expectedSvcRouteMap.
TEST_CASE("routes_test.go (un)setRouteForSvc: should set and unset routes for a service") {
    Cluster cluster = clientCluster();
    cluster.documents = {simpleService("bar", "127.0.0.1", "::1"), slice("bar", {"foobar?"})};
    auto result = plan(cluster);
    CHECK(serviceRoutes(result, "foobar") == kExpectedSvcRoutes);
    CHECK(serviceRoutes(result, "other").empty());
    // unsetRouteForSvc: the endpoint slice gone.
    cluster.documents.pop_back();
    CHECK(serviceRoutes(plan(cluster), "foobar").empty());
}

// Describe("getEndpointsForService") It("should get corresponding endpoints for service"): slices
// are found by their kubernetes.io/service-name label, not by their own name.
TEST_CASE("routes_test.go getEndpointsForService: slices found by the service-name label") {
    Cluster cluster = clientCluster();
    cluster.documents = {simpleService("bar", "127.0.0.1", "::1"),
                         slice("bar", {"foobar?"}, "IPv4", "bar-zx8q1")};
    CHECK(serviceRoutes(plan(cluster), "foobar") == kExpectedSvcRoutes);
}

// Describe("multiple EndpointSlices for one service") It("keeps advertising while any slice still
// has a ready local endpoint") and It("withdraws once no slice has a ready local endpoint").
TEST_CASE("routes_test.go multiple EndpointSlices: any slice with a ready local endpoint") {
    Cluster cluster = clientCluster();
    cluster.documents = {simpleService("bar", "127.0.0.1", "::1"),
                         slice("bar", {"foobar"}, "IPv4", "bar-a"),
                         slice("bar", {"foobar!"}, "IPv4", "bar-b")};
    CHECK(serviceRoutes(plan(cluster), "foobar") == kExpectedSvcRoutes);
    cluster.documents[1] = slice("bar", {"foobar!"}, "IPv4", "bar-a");
    CHECK(serviceRoutes(plan(cluster), "foobar").empty());
}

// Describe("resourceInformerHandlers") It("should remove advertised IPs when endpoints are
// deleted"): no endpoints, then only an IPv6 endpoint (ipFamilies [IPv4]), withdraw; an IPv4
// endpoint advertises again.
TEST_CASE("routes_test.go should remove advertised IPs when endpoints are deleted") {
    Cluster cluster = clientCluster();
    cluster.documents = {simpleService("bar", "127.0.0.1", "::1"), slice("bar", {})};
    CHECK(serviceRoutes(plan(cluster), "foobar").empty());
    cluster.documents[1] = slice("bar", {"foobar?"}, "IPv6");
    CHECK(serviceRoutes(plan(cluster), "foobar").empty());
    cluster.documents[1] = slice("bar", {"foobar?"}, "IPv4");
    CHECK(serviceRoutes(plan(cluster), "foobar") == kExpectedSvcRoutes);
}

// It("should withdraw and re-advertise routes as the local endpoint's readiness changes").
TEST_CASE("routes_test.go readiness changes withdraw and re-advertise") {
    Cluster cluster = clientCluster();
    cluster.documents = {simpleService("bar", "127.0.0.1", "::1"), slice("bar", {"foobar!"})};
    CHECK(serviceRoutes(plan(cluster), "foobar").empty());
    cluster.documents[1] = slice("bar", {"foobar"});
    CHECK(serviceRoutes(plan(cluster), "foobar") == kExpectedSvcRoutes);
}

// Context("onSvc[Add|Delete]") It("should handle two services advertising the same route
// correctly..."): 172.217.3.5/32 is one route with two sources while both exist.
TEST_CASE("routes_test.go two services advertising the same route") {
    Cluster cluster = clientCluster();
    cluster.documents = {simpleService("bar", "127.0.0.1", "::1"), slice("bar", {"foobar?"}),
                         simpleService("rem", "127.0.0.5", "::5"), slice("rem", {"foobar?"})};
    auto both = plan(cluster);
    CHECK(serviceRoutes(both, "foobar") == Lines{"127.0.0.1/32", "127.0.0.5/32", "172.217.3.5/32",
                                                 "172.217.3.5/32", "::1/128", "::5/128"});
    int shared = 0;
    for (const auto& entry : both.plan.nodes) {
        for (const auto& route : entry.routes)
            shared += route.prefix.str() == "172.217.3.5/32" ? 1 : 0;
    }
    CHECK(shared == 1);           // one route, advertised once
    cluster.documents.resize(2);  // onSvcDelete(svc2)
    CHECK(serviceRoutes(plan(cluster), "foobar") == kExpectedSvcRoutes);
}

// Context("onSvcUpdate") It("... then remove them for unsupported service type"): ExternalName.
TEST_CASE("routes_test.go onSvcUpdate: an unsupported type withdraws the routes") {
    Cluster cluster = clientCluster();
    cluster.documents = {simpleService("bar", "127.0.0.1", "::1", "ExternalName"),
                         slice("bar", {"foobar?"})};
    auto result = plan(cluster);
    CHECK(serviceRoutes(result, "foobar").empty());
    CHECK(result.decision("ns/bar") == "UnsupportedType");
}

// Context("On BGP configuration changes from the syncer") It("should only advertise external IPs
// within the configured ranges"): 45.12.0.0/16 allows 45.12.70.5 only, and is itself a global
// (reject and static) route; with 172.217.3.5/32 instead only 172.217.3.5 is allowed and the
// /32 is no global route.
TEST_CASE("routes_test.go should only advertise external IPs within the configured ranges") {
    Cluster cluster = clientCluster();
    cluster.documents = {simpleService("bar", "127.0.0.1", "::1"), slice("bar", {"foobar?"})};
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.0.0.0/16}], "
        "serviceExternalIPs: [{cidr: 45.12.0.0/16}]}";
    auto first = plan(cluster);
    CHECK(serviceRoutes(first, "foobar") == Lines{"45.12.70.5/32", "127.0.0.1/32", "::1/128"});
    CHECK(first.routes("other") == Lines{"10.0.0.0/16 ClusterCIDR", "45.12.0.0/16 ExternalCIDR"});
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.0.0.0/16}], "
        "serviceExternalIPs: [{cidr: 172.217.3.5/32}]}";
    auto second = plan(cluster);
    CHECK(serviceRoutes(second, "foobar") == kExpectedSvcRoutes);
    CHECK(second.routes("other") == Lines{"10.0.0.0/16 ClusterCIDR"});
}

// It("should not advertise cluster IPs unless a range is specified").
TEST_CASE("routes_test.go should not advertise cluster IPs unless a range is specified") {
    Cluster cluster = clientCluster();
    cluster.documents = {simpleService("bar", "127.0.0.1", "::1"), slice("bar", {"foobar?"})};
    cluster.spec = "{serviceExternalIPs: [{cidr: 104.244.42.129/32}, {cidr: 172.217.3.0/24}]}";
    CHECK(serviceRoutes(plan(cluster), "foobar") == Lines{"172.217.3.5/32"});
}

// It("should handle duplicate prefixes BGPConfiguration and Service generated routes"): a /32
// external entry is no global route; the service's externalIP is advertised by the service.
TEST_CASE("routes_test.go duplicate prefixes from BGPConfiguration and a Service") {
    Cluster cluster = clientCluster();
    cluster.spec = "{serviceExternalIPs: [{cidr: 45.12.70.5/32}]}";
    CHECK(plan(cluster).routes("foobar").empty());
    cluster.documents = {simpleService("bar", "127.0.0.1", "::1"), slice("bar", {"foobar?"}),
                         simpleService("rem", "127.0.0.5", "::5"), slice("rem", {"foobar?"})};
    CHECK(plan(cluster).routes("foobar") ==
          Lines{"45.12.70.5/32 LocalEndpoint ns/bar", "45.12.70.5/32 LocalEndpoint ns/rem"});
}

// It("should handle /32 routes for LoadBalancerIPs"): svc3 (Local) with a /32 LB entry.
TEST_CASE("routes_test.go should handle /32 routes for LoadBalancerIPs") {
    Cluster cluster = clientCluster();
    cluster.spec = "{serviceLoadBalancerIPs: [{cidr: 172.217.4.10/32}]}";
    CHECK(plan(cluster).routes("foobar").empty());
    cluster.documents = {
        service("lb",
                "{type: LoadBalancer, clusterIP: 127.0.0.10, clusterIPs: [127.0.0.10, '::a'], "
                "externalTrafficPolicy: Local, loadBalancerIP: 172.217.4.10, ipFamilies: [IPv4]}",
                "{loadBalancer: {ingress: [{ip: 172.217.4.10}]}}"),
        slice("lb", {"foobar?"})};
    CHECK(plan(cluster).routes("foobar") == Lines{"172.217.4.10/32 LocalEndpoint ns/lb"});
}

// It("should handle /32 routes for LoadBalancerIPs assigned from IPPool (status only, no
// spec.loadBalancerIP)"): a Cluster service, advertised per service (CI-1944).
TEST_CASE("routes_test.go /32 LoadBalancerIPs assigned from an IPPool (status only)") {
    Cluster cluster = clientCluster();
    cluster.spec = "{serviceLoadBalancerIPs: [{cidr: 192.168.1.50/32}]}";
    cluster.documents = {
        service("lb-cluster",
                "{type: LoadBalancer, clusterIP: 127.0.0.20, clusterIPs: [127.0.0.20], "
                "externalTrafficPolicy: Cluster, ipFamilies: [IPv4]}",
                "{loadBalancer: {ingress: [{ip: 192.168.1.50}]}}"),
        slice("lb-cluster", {"foobar?"})};
    auto result = plan(cluster);
    CHECK(result.routes("foobar") == Lines{"192.168.1.50/32 SingleIPCluster ns/lb-cluster"});
    CHECK(result.routes("other") == result.routes("foobar"));
}

// It("should handle /32 routes for externalIPs"): svc4 (Local LoadBalancer) with a /32 entry.
TEST_CASE("routes_test.go should handle /32 routes for externalIPs") {
    Cluster cluster = clientCluster();
    cluster.spec = "{serviceExternalIPs: [{cidr: 45.12.70.7/32}]}";
    CHECK(plan(cluster).routes("foobar").empty());
    cluster.documents = {
        service("ext",
                "{type: LoadBalancer, clusterIP: 127.0.0.11, clusterIPs: [127.0.0.11, '::b'], "
                "externalTrafficPolicy: Local, externalIPs: [45.12.70.7], ipFamilies: [IPv4]}"),
        slice("ext", {"foobar?"})};
    CHECK(plan(cluster).routes("foobar") == Lines{"45.12.70.7/32 LocalEndpoint ns/ext"});
}

// Describe("advertiseThisService with ServiceLoadBalancerAggregation"), Context("when
// ServiceLoadBalancerAggregation is Enabled"): It("should skip Cluster services ..."),
// It("should advertise Cluster services with /32 LB IP from status.loadBalancer.ingress ..."),
// It("... with /128 LB IP ..."), It("should still advertise Local services ...").
TEST_CASE("routes_test.go aggregation Enabled: Cluster skipped, /32 and /128 ingress, Local") {
    Cluster cluster;
    cluster.nodes = {"test-node"};
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.0.0.0/16}], serviceLoadBalancerIPs: "
        "[{cidr: 192.168.1.0/32}, {cidr: 'fd00::1/128'}], "
        "serviceLoadBalancerAggregation: Enabled}";
    cluster.documents = {
        service("skip",
                "{type: LoadBalancer, clusterIP: 10.0.0.1, externalTrafficPolicy: Cluster}"),
        slice("skip", {"test-node?"}),
        service("v4",
                "{type: LoadBalancer, clusterIP: 10.0.0.1, externalTrafficPolicy: Cluster, "
                "ipFamilies: [IPv4]}",
                "{loadBalancer: {ingress: [{ip: 192.168.1.0}]}}"),
        slice("v4", {"test-node?"}),
        service("v6",
                "{type: LoadBalancer, clusterIP: 'fd00::1', externalTrafficPolicy: Cluster, "
                "ipFamilies: [IPv6]}",
                "{loadBalancer: {ingress: [{ip: 'fd00::1'}]}}"),
        slice("v6", {"test-node?"}, "IPv6"),
        service("local",
                "{type: LoadBalancer, clusterIP: 10.0.0.1, externalTrafficPolicy: Local, "
                "ipFamilies: [IPv4]}"),
        slice("local", {"test-node?"})};
    auto result = plan(cluster);
    CHECK(result.decision("ns/skip") == "ClusterPolicyAggregated");
    CHECK(result.decision("ns/v4") == "SingleIPCluster");
    CHECK(result.decision("ns/v6") == "SingleIPCluster");
    CHECK(result.decision("ns/local") == "LocalEndpoint");
}

// Context("when ServiceLoadBalancerAggregation is Disabled"): It("should advertise Cluster
// services when aggregation is disabled"), It("should not advertise Cluster services without
// endpoints").
TEST_CASE("routes_test.go aggregation Disabled: Cluster advertised, not without endpoints") {
    Cluster cluster;
    cluster.nodes = {"test-node"};
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.0.0.0/16}], serviceLoadBalancerAggregation: "
        "Disabled}";
    std::string spec =
        "{type: LoadBalancer, clusterIP: 10.0.0.1, externalTrafficPolicy: Cluster, "
        "ipFamilies: [IPv4]}";
    cluster.documents = {service("with", spec), slice("with", {"elsewhere?"}),
                         service("without", spec), slice("without", {})};
    auto result = plan(cluster);
    CHECK(result.decision("ns/with") == "AggregationDisabled");
    CHECK(result.routes("test-node") ==
          Lines{"10.0.0.0/16 ClusterCIDR", "10.0.0.1/32 AggregationDisabled ns/with"});
    CHECK(result.decision("ns/without") == "NoReadyEndpoints");
}

// Context("IP version compatibility"): It("should not advertise IPv4 service with IPv6
// endpoints"), It("should advertise IPv6 service with IPv6 endpoints"), It("should advertise
// dual-stuck service when get IPv4 endpointSlice"), It("... IPv6 endpointSlice").
TEST_CASE("routes_test.go IP version compatibility") {
    Cluster cluster;
    cluster.nodes = {"test-node"};
    cluster.spec = "{serviceLoadBalancerAggregation: Disabled}";
    std::string dual =
        "{type: LoadBalancer, clusterIP: '2001:db8::1', clusterIPs: ['2001:db8::1', "
        "1.1.1.1], externalTrafficPolicy: Cluster, ipFamilies: [IPv6, IPv4]}";
    cluster.documents = {
        service("v4v6",
                "{type: LoadBalancer, clusterIP: 10.0.0.1, externalTrafficPolicy: "
                "Cluster, ipFamilies: [IPv4]}"),
        slice("v4v6", {"x?"}, "IPv6"),
        service("v6v6",
                "{type: LoadBalancer, clusterIP: '2001:db8::1', externalTrafficPolicy: "
                "Cluster, ipFamilies: [IPv6]}"),
        slice("v6v6", {"x?"}, "IPv6"),
        service("dual4", dual),
        slice("dual4", {"x?"}, "IPv4"),
        service("dual6", dual),
        slice("dual6", {"x?"}, "IPv6")};
    auto result = plan(cluster);
    CHECK(result.decision("ns/v4v6") == "NoReadyEndpoints");
    CHECK(result.decision("ns/v6v6") == "AggregationDisabled");
    CHECK(result.decision("ns/dual4") == "AggregationDisabled");
    CHECK(result.decision("ns/dual6") == "AggregationDisabled");
}

// Describe("Endpoint readiness gating for BGP advertisement"), Context("externalTrafficPolicy=
// Local"): the five Its; Context("externalTrafficPolicy=Cluster") (aggregation Disabled): the two.
TEST_CASE("routes_test.go endpoint readiness gating") {
    Cluster cluster;
    cluster.nodes = {"test-node", "remote"};
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.0.0.0/16}], serviceLoadBalancerAggregation: "
        "Disabled}";
    auto local = [&](std::vector<std::string> endpoints) {
        cluster.documents = {service("test-svc",
                                     "{type: LoadBalancer, clusterIP: 10.0.0.1, clusterIPs: "
                                     "[10.0.0.1], externalTrafficPolicy: Local, ipFamilies: "
                                     "[IPv4]}"),
                             slice("test-svc", std::move(endpoints))};
        return serviceRoutes(plan(cluster), "test-node");
    };
    const Lines advertised{"10.0.0.1/32"};
    CHECK(local({"test-node!"}).empty());                     // only local endpoint not ready
    CHECK(local({"test-node"}) == advertised);                // local endpoint ready
    CHECK(local({"test-node?"}) == advertised);               // nil Ready counts as ready
    CHECK(local({"test-node!", "remote"}).empty());           // remote ready, local not
    CHECK(local({"test-node", "test-node!"}) == advertised);  // a ready one beside a not-ready
    auto clusterPolicy = [&](std::vector<std::string> endpoints) {
        cluster.documents = {service("test-svc",
                                     "{type: LoadBalancer, clusterIP: 10.0.0.1, clusterIPs: "
                                     "[10.0.0.1], externalTrafficPolicy: Cluster, ipFamilies: "
                                     "[IPv4]}"),
                             slice("test-svc", std::move(endpoints))};
        return serviceRoutes(plan(cluster), "test-node");
    };
    CHECK(clusterPolicy({"remote!", "test-node!"}).empty());    // all endpoints not ready
    CHECK(clusterPolicy({"remote!", "remote"}) == advertised);  // at least one ready
}
