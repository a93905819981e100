// The reject cidrs of confd client.go updateGlobalRoutes, fed by onClusterIPsUpdate,
// onExternalIPsUpdate and onLoadBalancerIPsUpdate (filterNonSingleIPsFromCIDRs, the aggregation
// test `== Enabled`). Calico's compiled test output mesh/static-routes/bird_ipam.cfg lists them
// in confd's key order.
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/routes/reject_routes.h"

using namespace svcadv;
using namespace svcadv::test;

namespace {

Lines rejects(const Cluster& cluster, const std::optional<Cidr>& advertise = {}) {
    Lines out;
    for (const auto& entry : rejectCidrs(cluster.state(), advertise)) {
        std::string line = entry.cidr;
        for (auto source : entry.sources)
            line += std::string(" ") + rejectSourceName(source);
        out.push_back(line);
    }
    return out;
}

}  // namespace

TEST_CASE("every cluster cidr, external and LB ranges; single external and LB IPs are not") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 10.100.0.1/32}, {}], "
        "serviceExternalIPs: [{cidr: 192.0.2.0/24}, {cidr: 192.0.2.99/32}], "
        "serviceLoadBalancerIPs: [{cidr: 198.51.100.0/24}, {cidr: 198.51.100.7/32}, "
        "{cidr: 'fd00:1::/112'}, {cidr: 'fd00:1::7/128'}]}";
    CHECK(rejects(cluster) ==
          Lines{"10.100.0.1/32 serviceClusterIPs", "10.96.0.0/12 serviceClusterIPs",
                "192.0.2.0/24 serviceExternalIPs", "198.51.100.0/24 serviceLoadBalancerIPs",
                "fd00:1::/112 serviceLoadBalancerIPs"});
}

TEST_CASE("LB ranges only when aggregation is exactly Enabled or unset") {
    Cluster cluster;
    for (auto [value, expected] :
         {std::pair{"", true}, {"Enabled", true}, {"Disabled", false}, {"disabled", false}}) {
        cluster.spec = "{serviceLoadBalancerIPs: [{cidr: 198.51.100.0/24}]" +
                       std::string(*value ? ", serviceLoadBalancerAggregation: " : "") + value +
                       "}";
        CAPTURE(value);
        CHECK(rejects(cluster).size() == (expected ? 1u : 0u));
    }
}

TEST_CASE("a list with an entry ParseCIDR refuses is dropped whole; host bits pass as written") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 10.100.0.1}], "
        "serviceExternalIPs: [{cidr: 192.0.2.1/24}]}";
    CHECK(rejects(cluster) == Lines{"192.0.2.1/24 serviceExternalIPs"});
}

TEST_CASE("CALICO_ADVERTISE_CLUSTER_IPS replaces serviceClusterIPs; one cidr twice is one entry") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceExternalIPs: [{cidr: 10.0.0.0/8}]}";
    CHECK(rejects(cluster, parseCidr("10.0.0.0/8").cidr) ==
          Lines{"10.0.0.0/8 CALICO_ADVERTISE_CLUSTER_IPS serviceExternalIPs"});
}

TEST_CASE("excluded nodes and clusters without a configuration") {
    Cluster cluster;
    cluster.spec = "{}";
    CHECK(rejects(cluster).empty());
    CHECK(confdRouteKey("fd00::/112") == "fd00::-112");
}
