// The BIRD configuration of one node, against the text Calico's own templates produce: the
// expected fragments come from confd's compiled test output (confd/tests/compiled_templates/mesh/
// static-routes and mesh/communities, release-v3.33) and the templates under
// node/filesystem/etc/calico/confd/templates.
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/render/bird_render.h"

using namespace svcadv;
using namespace svcadv::test;

namespace {

std::string render(const Result& result, const std::string& node, BirdOptions options = {}) {
    PlanView view{result.state, result.plan};
    return birdConfig(view, node, result.plan.rejectCidrs, CommunityIndex(result.state), options);
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("static routes, their export and the reject cidrs as confd lists them") {
    // mesh/static-routes/input.yaml: its bird_aggr.cfg and bird_ipam.cfg list these ranges, and
    // a host route among them in confd's key order ("10.101.0.0-16" < "10.96.0.10-32").
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.101.0.0/16}, {}, {cidr: 'fd00:96::/112'}], "
        "serviceLoadBalancerIPs: [{cidr: 80.15.0.0/24}, {}]}";
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    auto result = plan(cluster);
    std::string v4 = render(result, "a");
    CHECK(has(v4,
              "template static static_template {\n   # Static routes.\n"
              "   route 10.101.0.0/16 blackhole;\n   route 10.96.0.10/32 blackhole;\n"
              "   route 80.15.0.0/24 blackhole;\n}\n\n"
              "protocol static from static_template {\n}\n"));
    CHECK(has(v4,
              "  # Export static routes.\n  if ( net ~ 10.101.0.0/16 ) then { accept; }\n"
              "  if ( net ~ 10.96.0.10/32 ) then { accept; }\n"
              "  if ( net ~ 80.15.0.0/24 ) then { accept; }\n}"));
    CHECK(has(v4,
              "filter calico_kernel_programming {\n\n  # Don't program static routes into "
              "kernel.\n  if ( net ~ 10.101.0.0/16 ) then { reject; }\n"
              "  if ( net ~ 80.15.0.0/24 ) then { reject; }\n\n"
              "  if (defined(source) && (source = RTS_BGP) && !defined(krt_metric)) then {\n"
              "      krt_metric = 1024;"));
    CHECK_FALSE(has(v4, "fd00"));
    std::string v6 = render(result, "a", BirdOptions{6, "", {}});
    CHECK(has(v6, "   route fd00:96::/112 blackhole;\n"));
    CHECK(has(v6, "  if ( net ~ fd00:96::/112 ) then { reject; }\n"));
    CHECK(has(v6, "# No v6 BGPFilters configured\n"));
    CHECK_FALSE(has(v6, "10.101"));
}

TEST_CASE("a node's host routes join the static routes in confd's key order") {
    Cluster cluster;
    cluster.spec = "{serviceClusterIPs: [{cidr: 10.96.0.0/12}]}";
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    auto result = plan(cluster);
    // "10.96.0.0-12" sorts before "10.96.0.10-32" ('-' < '1').
    CHECK(has(render(result, "a"),
              "   route 10.96.0.0/12 blackhole;\n   route 10.96.0.10/32 blackhole;\n"));
    CHECK_FALSE(has(render(result, "b"), "10.96.0.10/32"));
}

TEST_CASE("an excluded node keeps its reject cidrs and has no static routes") {
    Cluster cluster;
    cluster.nodes = {"a=true", "b"};
    auto result = plan(cluster);
    std::string text = render(result, "a");
    CHECK(has(text, "   # No IP blocks or static routes for this host.\n}\n\n# Aggregation"));
    CHECK_FALSE(has(text, "protocol static"));
    CHECK(has(text, "  if ( net ~ 10.96.0.0/12 ) then { reject; }\n"));
    CHECK(has(text, "# The node is excluded from service advertisement"));
}

TEST_CASE("apply_communities as mesh/communities compiles it") {
    Cluster cluster;
    cluster.spec =
        "{communities: [{name: bgp-comm-standard, value: '100:6532'}, "
        "{name: bgp-comm-large, value: '100:555:107'}], prefixAdvertisements: ["
        "{cidr: 192.168.0.0/16, communities: [bgp-comm-standard, '5663:12', bgp-comm-large]}, "
        "{cidr: 'fd00:96::/112', communities: [bgp-comm-large, bgp-comm-large]}], "
        "listenPort: 177}";
    auto result = plan(cluster);
    std::string v4 = render(result, "a");
    CHECK(has(v4,
              "function apply_communities ()\n{\n      if ( net ~ 192.168.0.0/16 ) then {\n"
              "          bgp_large_community.add((100, 555, 107));\n"
              "          bgp_community.add((100, 6532));\n"
              "          bgp_community.add((5663, 12));\n      }\n}\n"));
    CHECK(has(v4, "# BGP listen configuration\nlisten bgp port 177;\n"));
    std::string v6 = render(result, "a", BirdOptions{6, "", {}});
    CHECK(has(v6,
              "      if ( net ~ fd00:96::/112 ) then {\n"
              "          bgp_large_community.add((100, 555, 107));\n      }\n"));
}

TEST_CASE("peers as calico-node renders a global BGPPeer; the AS decides internal_peer") {
    Cluster cluster;
    cluster.spec = "{asNumber: 65010, serviceClusterIPs: [{cidr: 10.96.0.0/12}]}";
    auto result = plan(cluster);
    BirdOptions options{4,
                        "192.0.2.1",
                        {parseBirdPeer("--bird-peer", "192.0.2.254,65000"),
                         parseBirdPeer("--bird-peer", "192.0.2.253,65010"),
                         parseBirdPeer("--bird-peer", "2001:db8::1,65000")}};
    std::string text = render(result, "a", options);
    CHECK(has(text, "router id 192.0.2.1;\n"));
    CHECK(has(text, "  local as 65010;\n"));
    CHECK(has(text,
              "protocol bgp Global_192_0_2_254 from bgp_template {\n"
              "  neighbor 192.0.2.254 as 65000;\n  ttl security off;\n  multihop;\n"
              "  import filter {\n    if (defined(bgp_local_pref)&&(bgp_local_pref > "
              "2147482623)) then\n      preference = 200;\n    accept;\n  };\n"));
    CHECK(has(text, "    calico_export_to_bgp_peers(false);\n    reject;\n"));
    CHECK(has(text, "protocol bgp Global_192_0_2_253 from bgp_template"));
    CHECK(has(text, "    calico_export_to_bgp_peers(true);\n"));
    CHECK_FALSE(has(text, "2001:db8::1"));
    options.family = 6;
    CHECK(has(render(result, "a", options), "protocol bgp Global_2001_db8__1 from bgp_template"));
    CHECK(has(render(result, "a"), "# No BGP peers configured for this node\n"));
}

TEST_CASE("logSeverityScreen, ignoredInterfaces and route priorities reach the template") {
    Cluster cluster;
    cluster.spec =
        "{logSeverityScreen: Debug, ignoredInterfaces: [eth9], ipv4NormalRoutePriority: 500}";
    std::string text = render(plan(cluster), "a");
    CHECK(has(text, "  debug all;\n  interface -\"eth9\", -\"cali*\", -\"kube-ipvs*\", \"*\";\n}"));
    CHECK(has(text, "  debug all;\n  description"));
    CHECK(has(text, "      krt_metric = 500;\n"));
    cluster.spec = "{logSeverityScreen: Warning}";
    CHECK_FALSE(has(render(plan(cluster), "a"), "debug"));
}

TEST_CASE("bad peers and unknown nodes are usage errors") {
    CHECK_THROWS_WITH(parseBirdPeer("--bird-peer", "192.0.2.1"),
                      "--bird-peer: expected ADDRESS,AS, got '192.0.2.1'");
    CHECK_THROWS_WITH(parseBirdPeer("--bird-peer", "x,1"), "--bird-peer: 'x' is not an IP address");
    CHECK_THROWS_WITH(parseBirdPeer("--bird-peer", "192.0.2.1,0"),
                      "--bird-peer: '0' is not an AS number (1 to 4294967295)");
    CHECK_THROWS_WITH(parseBirdPeer("--bird-peer", "192.0.2.1,4294967296"),
                      "--bird-peer: '4294967296' is not an AS number (1 to 4294967295)");
    Cluster cluster;
    CHECK_THROWS_WITH(render(plan(cluster), "zz"), "--node: node 'zz' is not in the input");
}
