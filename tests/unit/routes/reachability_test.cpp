// Which advertised route reaches an address: host routes before covering ranges, the most
// specific range, and addresses no route covers.
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/routes/reachability.h"

using namespace svcadv;
using namespace svcadv::test;

namespace {
IpAddress ip(const char* text) {
    return *parseIp(text);
}
}  // namespace

TEST_CASE("covering route: the most specific route of a node that covers the address") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceExternalIPs: [{cidr: 10.96.0.0/16}]}";
    auto result = plan(cluster);
    const auto& routes = result.plan.nodes.front().routes;
    CHECK(coveringRoute(routes, ip("10.96.1.1"))->str() == "10.96.0.0/16");
    CHECK(coveringRoute(routes, ip("10.100.1.1"))->str() == "10.96.0.0/12");
    CHECK_FALSE(coveringRoute(routes, ip("192.0.2.1")).has_value());
}

TEST_CASE("advertised prefixes: a host route, a range, nothing; none when no node advertises") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceLoadBalancerIPs: [{cidr: "
        "198.51.100.0/24}]}";
    cluster.documents = {
        service("web", kLocalLb, "{loadBalancer: {ingress: [{ip: 198.51.100.7}]}}"),
        slice("web", {"a"})};
    auto result = plan(cluster);
    AdvertisedPrefixes reached(result.plan);
    CHECK(reached.covering(ip("198.51.100.7"))->str() == "198.51.100.7/32");
    CHECK(reached.covering(ip("198.51.100.8"))->str() == "198.51.100.0/24");
    CHECK_FALSE(reached.covering(ip("203.0.113.1")).has_value());

    cluster.nodes = {"a=true"};
    AdvertisedPrefixes none(plan(cluster).plan);
    CHECK_FALSE(none.covering(ip("198.51.100.8")).has_value());
}

namespace {

const NodeReach& on(const AddressReach& address, const ClusterState& state,
                    const std::string& node) {
    for (const auto& entry : address.nodes) {
        if (state.nodes[entry.node].name == node) return entry;
    }
    FAIL("no node " << node);
    throw 0;
}

ServiceReachability reachOf(const Result& result, const std::string& key) {
    for (std::size_t i = 0; i < result.state.services.size(); ++i) {
        if (result.state.services[i].key() == key)
            return assessServiceReachability(result.state, result.plan, static_cast<int>(i));
    }
    FAIL("no service " << key);
    throw 0;
}

}  // namespace

TEST_CASE("reachability: a Cluster LoadBalancer inside the range is reached on every node") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceLoadBalancerIPs: [{cidr: "
        "198.51.100.0/24}]}";
    cluster.documents = {
        service("api", "{type: LoadBalancer, clusterIP: 10.96.0.20, ipFamilies: [IPv4]}",
                "{loadBalancer: {ingress: [{ip: 198.51.100.11}]}}"),
        slice("api", {"b"})};
    auto result = plan(cluster);
    auto reach = reachOf(result, "ns/api");
    CHECK_FALSE(reach.local);
    REQUIRE(reach.addresses.size() == 2);
    const auto& lb = reach.addresses[1];
    CHECK(lb.ip == "198.51.100.11");
    CHECK(lb.reachable());
    CHECK(on(lb, result.state, "a").route->str() == "198.51.100.0/24");
    CHECK(on(lb, result.state, "a").canServe);  // kube-proxy forwards to b
    CHECK(reach.fixes.empty());
    REQUIRE(reach.endpoints.size() == 1);
    CHECK(reach.endpoints[0].node == "b");
    CHECK(reach.endpoints[0].ready);
}

TEST_CASE(
    "reachability: an ingress IP outside the LB ranges still arrives through an external "
    "range") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceExternalIPs: [{cidr: "
        "203.0.113.0/24}]}";
    cluster.documents = {service("web", kLocalLb, "{loadBalancer: {ingress: [{ip: 203.0.113.9}]}}"),
                         slice("web", {"a"})};
    auto result = plan(cluster);
    auto reach = reachOf(result, "ns/web");
    CHECK(reach.local);
    const auto& lb = reach.addresses[1];
    CHECK(on(lb, result.state, "a").route->str() == "203.0.113.0/24");
    CHECK(on(lb, result.state, "a").canServe);
    CHECK(on(lb, result.state, "b").route->str() == "203.0.113.0/24");
    CHECK_FALSE(on(lb, result.state, "b").canServe);  // Local: no endpoint on b, dropped
    CHECK(lb.reachable());
    // Not in the LoadBalancer list: the fix names the list and the address.
    REQUIRE(reach.fixes.empty());
}

TEST_CASE("reachability: outside every range, the fix is the cidr add that advertises it") {
    Cluster cluster;
    cluster.documents = {
        service("web", "{type: LoadBalancer, clusterIP: 10.96.0.30, ipFamilies: [IPv4]}",
                "{loadBalancer: {ingress: [{ip: 203.0.113.9}]}}"),
        slice("web", {"a"})};
    auto result = plan(cluster);
    auto reach = reachOf(result, "ns/web");
    CHECK_FALSE(reach.addresses[1].reachable());
    REQUIRE(reach.fixes.size() == 1);
    CHECK(reach.fixes[0] ==
          "loadBalancerIP 203.0.113.9 is outside every advertised range: svcadv cidr add "
          "--load-balancer-ips 203.0.113.9/32 (or the range of the pool it comes from)");
}

TEST_CASE("reachability: a Local service whose only endpoint is terminating and not ready") {
    Cluster cluster;
    cluster.documents = {
        service("cart", kLocalLb),
        "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: cart-x, "
        "namespace: ns, labels: {kubernetes.io/service-name: cart}}\naddressType: IPv4\n"
        "endpoints:\n  - {addresses: [192.168.9.9], nodeName: a, conditions: {ready: false, "
        "serving: true, terminating: true}}\n"};
    auto result = plan(cluster);
    auto reach = reachOf(result, "ns/cart");
    REQUIRE(reach.endpoints.size() == 1);
    CHECK_FALSE(reach.endpoints[0].ready);
    CHECK(reach.endpoints[0].serving);
    CHECK(reach.endpoints[0].terminating);
    REQUIRE(reach.fixes.size() == 1);
    CHECK(reach.fixes[0].find("no ready endpoint (its endpoints are terminating)") !=
          std::string::npos);
    REQUIRE(reach.warnings.size() == 1);
    CHECK(reach.warnings[0].code == WarningCode::LocalNoReadyEndpoints);
}
