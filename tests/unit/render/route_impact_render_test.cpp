// The route impact as text and as the RouteImpact document, and the refusal's list.
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/render/route_impact_render.h"

using namespace svcadv;
using namespace svcadv::test;

namespace {

struct Dropped {
    ClusterState state;
    RouteImpact impact;
};

// The LoadBalancer range taken out from under ns/api.
Dropped droppedRange() {
    Cluster cluster;
    cluster.nodes = {"a", "b"};
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceLoadBalancerIPs: [{cidr: "
        "198.51.100.0/24}]}";
    cluster.documents = {
        service("api", "{type: LoadBalancer, clusterIP: 10.96.0.20, ipFamilies: [IPv4]}",
                "{loadBalancer: {ingress: [{ip: 198.51.100.11}]}}"),
        slice("api", {"b"})};
    Dropped out{cluster.state(), {}};
    BGPConfiguration after = *out.state.defaultBgpConfiguration();
    after.spec.serviceLoadBalancerIPs.reset();
    out.impact = assessConfigChange(out.state, after);
    return out;
}

}  // namespace

TEST_CASE("route impact text: list changes, per-node routes, ECMP and stranded addresses") {
    Dropped dropped = droppedRange();
    std::string text = routeImpactText(dropped.impact, dropped.state);
    CHECK(text.find("Route impact on BGPConfiguration(default):\n"
                    "  serviceLoadBalancerIPs: -198.51.100.0/24\n") == 0);
    CHECK(text.find("a     -       198.51.100.0/24  LoadBalancerCIDR  -") != std::string::npos);
    CHECK(text.find("ECMP 198.51.100.0/24: 2 -> 0 next hops\n") != std::string::npos);
    CHECK(text.find("Unreachable after: ns/api loadBalancerIP 198.51.100.11 (was reached through "
                    "198.51.100.0/24)\n") != std::string::npos);
}

TEST_CASE("RouteImpact document: apiVersion, kind, the diff's node shape, needsForce") {
    Dropped dropped = droppedRange();
    json document = routeImpactDocument(dropped.impact, dropped.state);
    CHECK(document["apiVersion"] == "svcadv/v1");
    CHECK(document["kind"] == "RouteImpact");
    CHECK(document["lists"][0]["removed"][0] == "198.51.100.0/24");
    CHECK(document["nodes"].size() == 2);
    CHECK(document["unreachable"][0]["route"] == "198.51.100.0/24");
    CHECK(document["strandedRanges"][0]["addresses"][0]["service"] == "ns/api");
    CHECK(document["needsForce"] == true);
}

TEST_CASE("a refusal is a title and one line per stranded thing") {
    CHECK(strandingRefusal("change it", {"x", "y"}) ==
          "refusing to change it, it strands:\n  - x\n  - y\n(use --force to do it anyway)");
}
