// One test per rule of route-advertisement.md, each asserting the exact prefixes per node.
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/routes/route_plan.h"

using namespace svcadv;
using namespace svcadv::test;

TEST_CASE("global routes: every cluster cidr (single-IP too), external and LB ranges only") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 10.100.0.1/32}], "
        "serviceExternalIPs: [{cidr: 192.0.2.0/24}, {cidr: 192.0.2.99/32}], "
        "serviceLoadBalancerIPs: [{cidr: 198.51.100.0/24}, {cidr: 198.51.100.7/32}]}";
    auto result = plan(cluster);
    CHECK(result.routes("a") == Lines{"10.96.0.0/12 ClusterCIDR", "10.100.0.1/32 ClusterCIDR",
                                      "192.0.2.0/24 ExternalCIDR",
                                      "198.51.100.0/24 LoadBalancerCIDR"});
    CHECK(result.routes("c") == result.routes("a"));
}

TEST_CASE("aggregation Disabled drops the LB ranges from the global routes") {
    Cluster cluster;
    cluster.spec =
        "{serviceLoadBalancerIPs: [{cidr: 198.51.100.0/24}], "
        "serviceLoadBalancerAggregation: Disabled}";
    CHECK(plan(cluster).routes("a").empty());
}

TEST_CASE("no BGPConfiguration named default: no service routes at all") {
    Cluster cluster;
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    ClusterState state = cluster.state();
    state.bgpConfigurations.front().resource.metadata.name = "other";
    RoutePlan result = computeRoutePlan(state, {});
    CHECK_FALSE(result.configured);
    for (const auto& node : result.nodes)
        CHECK(node.routes.empty());
}

TEST_CASE("exclusion: only the value 'true' excludes; other values warn") {
    Cluster cluster;
    cluster.nodes = {"a=true", "b=True", "c=", "d=false", "e=yes", "f"};
    auto result = plan(cluster);
    CHECK(result.routes("a").empty());
    for (const char* node : {"b", "c", "d", "e", "f"})
        CHECK(result.routes(node) == Lines{"10.96.0.0/12 ClusterCIDR"});
    CHECK(result.warningCodes() == Lines{"AmbiguousExcludeLabel", "AmbiguousExcludeLabel",
                                         "AmbiguousExcludeLabel", "AmbiguousExcludeLabel"});
    CHECK(result.plan.nodes.front().excluded);
}

TEST_CASE("--advertise-cluster-ips replaces serviceClusterIPs entirely") {
    Cluster cluster;
    cluster.spec = "{serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 10.200.0.0/16}]}";
    PreviewOptions options;
    options.advertiseClusterIPs = parseCidr("172.30.0.0/16").cidr;
    CHECK(plan(cluster, options).routes("a") == Lines{"172.30.0.0/16 ClusterCIDR"});
}

TEST_CASE("Local: only nodes with a ready endpoint advertise the service's /32s") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceLoadBalancerIPs: [{cidr: "
        "198.51.100.0/24}]}";
    cluster.documents = {
        service("web", kLocalLb, "{loadBalancer: {ingress: [{ip: 198.51.100.5}]}}"),
        slice("web", {"a", "a", "b!"})};
    auto result = plan(cluster);
    CHECK(result.hostRoutes("a") ==
          Lines{"10.96.0.10/32 LocalEndpoint ns/web", "198.51.100.5/32 LocalEndpoint ns/web"});
    CHECK(result.hostRoutes("b").empty());
    CHECK(result.hostRoutes("c").empty());
    CHECK(result.decision("ns/web") == "LocalEndpoint");
}

TEST_CASE("readiness: an endpoint is ready unless conditions.ready is false") {
    Cluster cluster;
    cluster.documents = {service("web", kLocalLb), slice("web", {"a?", "b!", "c"})};
    auto result = plan(cluster);
    CHECK(result.hostRoutes("a") == Lines{"10.96.0.10/32 LocalEndpoint ns/web"});
    CHECK(result.hostRoutes("b").empty());
    CHECK(result.hostRoutes("c") == Lines{"10.96.0.10/32 LocalEndpoint ns/web"});
}

TEST_CASE("excluded nodes never advertise host routes; all endpoints there warn") {
    Cluster cluster;
    cluster.nodes = {"a=true", "b"};
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    auto result = plan(cluster);
    CHECK(result.hostRoutes("a").empty());
    CHECK(result.hostRoutes("b").empty());
    CHECK(result.warningCodes() == Lines{"LocalOnlyExcluded ns/web"});
}

TEST_CASE("no EndpointSlice: nothing, even for the single-IP override") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceExternalIPs: [{cidr: "
        "192.0.2.7/32}]}";
    cluster.documents = {
        service("web", kLocalLb),
        service("ext",
                "{type: ClusterIP, clusterIP: 10.96.0.11, externalIPs: [192.0.2.7], "
                "externalTrafficPolicy: Cluster}")};
    auto result = plan(cluster);
    CHECK(result.hostRoutes("a").empty());
    CHECK(result.decision("ns/web") == "NoEndpointSlices");
    CHECK(result.decision("ns/ext") == "NoEndpointSlices");
    CHECK(result.warningCodes() == Lines{"LocalNoReadyEndpoints ns/web"});
}

TEST_CASE("no ready endpoint anywhere: NoReadyEndpoints and a warning for Local") {
    Cluster cluster;
    cluster.documents = {service("web", kLocalLb), slice("web", {"a!", "b!"})};
    auto result = plan(cluster);
    CHECK(result.decision("ns/web") == "NoReadyEndpoints");
    CHECK(result.hostRoutes("a").empty());
    CHECK(result.warningCodes() == Lines{"LocalNoReadyEndpoints ns/web"});
}

TEST_CASE("single-IP override: Cluster LB whose ingress IP is a /32 entry goes everywhere") {
    Cluster cluster;
    cluster.nodes = {"a", "b=true"};
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceLoadBalancerIPs: [{cidr: "
        "198.51.100.7/32}]}";
    cluster.documents = {service("lb", "{type: LoadBalancer, clusterIP: 10.96.0.20}",
                                 "{loadBalancer: {ingress: [{ip: 198.51.100.7}]}}"),
                         slice("lb", {"b!"})};
    auto result = plan(cluster);
    // Endpoints are not looked at: the only one is not ready and on an excluded node.
    CHECK(result.hostRoutes("a") ==
          Lines{"10.96.0.20/32 SingleIPCluster ns/lb", "198.51.100.7/32 SingleIPCluster ns/lb"});
    CHECK(result.hostRoutes("b").empty());
}

TEST_CASE("single-IP override via spec.loadBalancerIP, which itself is never advertised") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceLoadBalancerIPs: [{cidr: "
        "198.51.100.7/32}]}";
    cluster.documents = {
        service("lb", "{type: LoadBalancer, clusterIP: 10.96.0.20, loadBalancerIP: 198.51.100.7}"),
        slice("lb", {"a"})};
    auto result = plan(cluster);
    CHECK(result.hostRoutes("c") == Lines{"10.96.0.20/32 SingleIPCluster ns/lb"});
}

TEST_CASE("single-IP override via externalIPs applies to any type, but not to Local") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceExternalIPs: [{cidr: "
        "192.0.2.7/32}]}";
    cluster.documents = {
        service("ext",
                "{type: ClusterIP, clusterIP: 10.96.0.11, externalIPs: [192.0.2.7], "
                "externalTrafficPolicy: Cluster}"),
        slice("ext", {"a"}),
        service("loc",
                "{type: NodePort, clusterIP: 10.96.0.12, externalIPs: [192.0.2.7], "
                "externalTrafficPolicy: Local}"),
        slice("loc", {"b"})};
    auto result = plan(cluster);
    CHECK(result.hostRoutes("c") ==
          Lines{"10.96.0.11/32 SingleIPCluster ns/ext", "192.0.2.7/32 SingleIPCluster ns/ext"});
    CHECK(result.hostRoutes("b") ==
          Lines{"10.96.0.11/32 SingleIPCluster ns/ext", "10.96.0.12/32 LocalEndpoint ns/loc",
                "192.0.2.7/32 SingleIPCluster ns/ext", "192.0.2.7/32 LocalEndpoint ns/loc"});
}

TEST_CASE("ClusterIP type with empty policy is not Cluster: no single-IP override") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceExternalIPs: [{cidr: "
        "192.0.2.7/32}]}";
    cluster.documents = {service("ext", "{clusterIP: 10.96.0.11, externalIPs: [192.0.2.7]}"),
                         slice("ext", {"a"})};
    auto result = plan(cluster);
    CHECK(result.decision("ns/ext") == "ClusterPolicyAggregated");
    CHECK(result.hostRoutes("a").empty());
}

TEST_CASE("Cluster policy with aggregation Enabled: ranges only") {
    Cluster cluster;
    cluster.documents = {service("api", "{type: LoadBalancer, clusterIP: 10.96.0.30}"),
                         slice("api", {"a"})};
    auto result = plan(cluster);
    CHECK(result.decision("ns/api") == "ClusterPolicyAggregated");
    CHECK(result.hostRoutes("a").empty());
}

TEST_CASE("aggregation Disabled: a ready endpoint anywhere puts the /32s on every node") {
    Cluster cluster;
    cluster.nodes = {"a", "b", "c=true"};
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceLoadBalancerIPs: [{cidr: "
        "198.51.100.0/24}], serviceLoadBalancerAggregation: Disabled}";
    cluster.documents = {service("api", "{type: LoadBalancer, clusterIP: 10.96.0.30}",
                                 "{loadBalancer: {ingress: [{ip: 198.51.100.30}]}}"),
                         slice("api", {"c"}),
                         service("idle", "{type: LoadBalancer, clusterIP: 10.96.0.31}"),
                         slice("idle", {"a!"})};
    auto result = plan(cluster);
    Lines expected{"10.96.0.30/32 AggregationDisabled ns/api",
                   "198.51.100.30/32 AggregationDisabled ns/api"};
    CHECK(result.hostRoutes("a") == expected);
    CHECK(result.hostRoutes("b") == expected);
    CHECK(result.hostRoutes("c").empty());
    CHECK(result.decision("ns/idle") == "NoReadyEndpoints");
    CHECK(result.warningCodes().empty());
}

TEST_CASE("headless and ExternalName services: nothing, external IPs included") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceExternalIPs: [{cidr: "
        "192.0.2.0/24}]}";
    cluster.documents = {
        service("db", "{clusterIP: None, externalIPs: [192.0.2.9], externalTrafficPolicy: Local}"),
        slice("db", {"a"}), service("ext", "{type: ExternalName, externalName: x.example.com}"),
        slice("ext", {"a"})};
    auto result = plan(cluster);
    CHECK(result.decision("ns/db") == "Headless");
    CHECK(result.decision("ns/ext") == "UnsupportedType");
    CHECK(result.hostRoutes("a").empty());
    CHECK(result.warningCodes().empty());
}

TEST_CASE("addressType must be one of ipFamilies (or the clusterIP's family)") {
    Cluster cluster;
    cluster.documents = {
        service("v4",
                "{type: LoadBalancer, externalTrafficPolicy: Local, clusterIP: 10.96.0.40, "
                "ipFamilies: [IPv4]}"),
        slice("v4", {"a"}, "IPv6"),
        service("nofam",
                "{type: LoadBalancer, externalTrafficPolicy: Local, clusterIP: 10.96.0.41}"),
        slice("nofam", {"b"}, "IPv4", "nofam-4"), slice("nofam", {"c"}, "IPv6", "nofam-6")};
    auto result = plan(cluster);
    CHECK(result.decision("ns/v4") == "NoReadyEndpoints");
    CHECK(result.hostRoutes("a").empty());
    CHECK(result.hostRoutes("b") == Lines{"10.96.0.41/32 LocalEndpoint ns/nofam"});
    CHECK(result.hostRoutes("c").empty());
}

TEST_CASE("dual stack: a /128 per IPv6 address, RFC 5952 form, IPv4 routes first") {
    Cluster cluster;
    cluster.spec = "{serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 'FD00:0010:0096::/112'}]}";
    cluster.documents = {
        service("ds",
                "{type: LoadBalancer, externalTrafficPolicy: Local, clusterIP: 10.96.0.50, "
                "clusterIPs: [10.96.0.50, 'FD00:10:96:0:0:0:0:32'], ipFamilies: [IPv4, IPv6]}"),
        slice("ds", {"a"}, "IPv6")};
    auto result = plan(cluster);
    CHECK(result.routes("a") ==
          Lines{"10.96.0.0/12 ClusterCIDR", "10.96.0.50/32 LocalEndpoint ns/ds",
                "fd00:10:96::/112 ClusterCIDR", "fd00:10:96::32/128 LocalEndpoint ns/ds"});
}

TEST_CASE("allow lists: external and ingress IPs outside every cidr are skipped and warned") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceExternalIPs: [{cidr: "
        "192.0.2.0/24}], serviceLoadBalancerIPs: [{cidr: 198.51.100.0/24}]}";
    cluster.documents = {
        service("web",
                "{type: LoadBalancer, externalTrafficPolicy: Local, clusterIP: 10.96.0.60, "
                "externalIPs: [192.0.2.60, 203.0.113.60], loadBalancerIP: 198.51.100.61}",
                "{loadBalancer: {ingress: [{ip: 198.51.100.60}, {ip: 203.0.113.61}, "
                "{hostname: lb.example.com}]}}"),
        slice("web", {"a"})};
    auto result = plan(cluster);
    CHECK(result.hostRoutes("a") == Lines{"10.96.0.60/32 LocalEndpoint ns/web",
                                          "192.0.2.60/32 LocalEndpoint ns/web",
                                          "198.51.100.60/32 LocalEndpoint ns/web"});
    CHECK(result.warningCodes() == Lines{"IPNotInAllowList ns/web", "IPNotInAllowList ns/web"});
}

TEST_CASE("no cluster cidr: clusterIPs are not advertised even for Local services") {
    Cluster cluster;
    cluster.spec = "{serviceExternalIPs: [{cidr: 192.0.2.0/24}]}";
    cluster.documents = {
        service("web",
                "{type: NodePort, externalTrafficPolicy: Local, clusterIP: 10.96.0.70, "
                "externalIPs: [192.0.2.70]}"),
        slice("web", {"a"})};
    auto result = plan(cluster);
    CHECK(result.routes("a") ==
          Lines{"192.0.2.0/24 ExternalCIDR", "192.0.2.70/32 LocalEndpoint ns/web"});
    const auto& addresses = result.plan.services.front().addresses;
    REQUIRE(addresses.size() == 2);
    CHECK(addresses[0].skipped == Reason::ClusterIPsNotAdvertised);
}

TEST_CASE("a clusterIP outside the cluster cidrs is still advertised, with a warning") {
    Cluster cluster;
    cluster.documents = {service("odd",
                                 "{type: LoadBalancer, externalTrafficPolicy: Local, "
                                 "clusterIP: 172.20.0.5}"),
                         slice("odd", {"b"})};
    auto result = plan(cluster);
    CHECK(result.hostRoutes("b") == Lines{"172.20.0.5/32 LocalEndpoint ns/odd"});
    CHECK(result.warningCodes() == Lines{"ClusterIPOutsideRanges ns/odd"});
}

TEST_CASE("two services sharing an IP are both sources of the prefix") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceExternalIPs: [{cidr: "
        "192.0.2.0/24}]}";
    cluster.documents = {
        service("one",
                "{type: NodePort, externalTrafficPolicy: Local, clusterIP: 10.96.0.80, "
                "externalIPs: [192.0.2.80]}"),
        slice("one", {"a"}),
        service("two",
                "{type: NodePort, externalTrafficPolicy: Local, clusterIP: 10.96.0.81, "
                "externalIPs: [192.0.2.80]}"),
        slice("two", {"a"})};
    auto result = plan(cluster);
    REQUIRE(result.plan.prefixes.size() == 5);
    CHECK(result.hostRoutes("a") ==
          Lines{"10.96.0.80/32 LocalEndpoint ns/one", "10.96.0.81/32 LocalEndpoint ns/two",
                "192.0.2.80/32 LocalEndpoint ns/one", "192.0.2.80/32 LocalEndpoint ns/two"});
}

TEST_CASE("prefixes list the ECMP next hops, sorted by node name") {
    Cluster cluster;
    cluster.nodes = {"zeta", "alpha", "mid=true"};
    cluster.documents = {service("web", kLocalLb), slice("web", {"zeta", "alpha", "mid"})};
    auto result = plan(cluster);
    REQUIRE(result.plan.prefixes.size() == 2);
    std::vector<std::string> names;
    for (int node : result.plan.prefixes[1].nodes)
        names.push_back(result.state.nodes[node].name);
    CHECK(result.plan.prefixes[1].prefix.str() == "10.96.0.10/32");
    CHECK(names == Lines{"alpha", "zeta"});
}

TEST_CASE("configuration smells and fan-out are warned") {
    Cluster cluster;
    cluster.nodes = {"a", "b", "c"};
    cluster.spec =
        "{serviceClusterIPs: [{cidr: ''}, {cidr: 10.96.0.0/12}, {cidr: 10.96.0.0/16}], "
        "serviceExternalIPs: [{cidr: 192.0.2.9}]}";
    PreviewOptions options;
    options.maxPaths = 2;
    auto result = plan(cluster, options);
    CHECK(result.warningCodes() == Lines{"CidrListDropped", "EcmpFanoutAbove", "EcmpFanoutAbove",
                                         "EmptyCidrEntry", "OverlappingCidrs"});
    // The bare IP fails net.ParseCIDR: the external list is gone, the cluster list stays.
    CHECK(result.routes("a") == Lines{"10.96.0.0/12 ClusterCIDR", "10.96.0.0/16 ClusterCIDR"});
}

// Point 1: a cidr entry without a mask drops its whole list (client.go updateGlobalRoutes).
TEST_CASE("a bare-IP serviceClusterIPs entry: no cluster range and no cluster-IP route at all") {
    Cluster cluster;
    cluster.spec = "{serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 10.96.0.10}]}";
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    auto result = plan(cluster);
    CHECK(result.routes("a").empty());
    CHECK(result.plan.services.front().addresses.front().skipped ==
          Reason::ClusterIPsNotAdvertised);
    REQUIRE(result.warningCodes() == Lines{"CidrListDropped"});
    const auto& warning = result.plan.warnings.front();
    CHECK(warning.error);
    CHECK(warning.message ==
          "serviceClusterIPs[1] '10.96.0.10' is not a CIDR (no mask): calico-node's "
          "net.ParseCIDR fails and it drops the whole serviceClusterIPs list: no cluster range "
          "and no cluster-IP host route at all");
}

TEST_CASE("a bare-IP serviceExternalIPs entry: no range, no external IP, single-IP included") {
    Cluster cluster;
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceExternalIPs: [{cidr: 192.0.2.0/24}, "
        "{cidr: 198.51.100.9/32}, {cidr: 203.0.113.10}]}";
    cluster.documents = {
        service("web",
                "{type: NodePort, externalTrafficPolicy: Local, clusterIP: 10.96.0.10, "
                "externalIPs: [192.0.2.5, 198.51.100.9, 203.0.113.10]}"),
        slice("web", {"a"})};
    auto result = plan(cluster);
    CHECK(result.routes("a") ==
          Lines{"10.96.0.0/12 ClusterCIDR", "10.96.0.10/32 LocalEndpoint ns/web"});
    CHECK(result.warningCodes() == Lines{"CidrListDropped"});
    CHECK(result.plan.warnings.front().message.find("serviceExternalIPs[2] '203.0.113.10'") == 0);
}

TEST_CASE("a bare-IP LB entry: whole list with aggregation Enabled, that entry when Disabled") {
    Cluster cluster;
    std::string list = "serviceLoadBalancerIPs: [{cidr: 198.51.100.0/24}, {cidr: 198.51.100.7}]";
    cluster.spec = "{" + list + "}";
    cluster.documents = {
        service("web", kLocalLb, "{loadBalancer: {ingress: [{ip: 198.51.100.5}]}}"),
        slice("web", {"a"})};
    auto enabled = plan(cluster);
    // Local services' LB IPs go with the list.
    CHECK(enabled.hostRoutes("a").empty());
    CHECK(enabled.routes("b").empty());
    CHECK(enabled.warningCodes() == Lines{"CidrListDropped"});
    cluster.spec = "{" + list + ", serviceLoadBalancerAggregation: Disabled}";
    auto disabled = plan(cluster);
    CHECK(disabled.hostRoutes("a") == Lines{"198.51.100.5/32 LocalEndpoint ns/web"});
    CHECK(disabled.warningCodes() == Lines{"BareIPEntry"});
    CHECK_FALSE(disabled.plan.warnings.front().error);
}

// Point 2: host bits set reach BIRD as written; it refuses the prefix on every node.
TEST_CASE("host bits set: every node's BIRD configuration fails to load, said per node") {
    Cluster cluster;
    cluster.nodes = {"a", "b=true"};
    cluster.spec = "{serviceClusterIPs: [{cidr: 10.96.0.1/16}]}";
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    auto result = plan(cluster);
    // Never masked silently: no 10.96.0.0/16 route is shown; the host routes stay (the range
    // still allows them), and the excluded node fails too (its reject filter holds the entry).
    CHECK(result.routes("a") == Lines{"10.96.0.10/32 LocalEndpoint ns/web"});
    REQUIRE(result.warningCodes() == Lines{"BirdRejectsPrefix", "BirdRejectsPrefix"});
    CHECK(result.plan.warnings[0].node == "a");
    CHECK(result.plan.warnings[1].node == "b");
    CHECK(result.plan.warnings[0].error);
    CHECK(result.plan.warnings[0].message.find("bird.cfg (IPv4)") != std::string::npos);
    CHECK(result.plan.warnings[0].message.find("write 10.96.0.0/16") != std::string::npos);
    // LB entries that are no global route (aggregation Disabled) are only masked for matching.
    cluster.spec =
        "{serviceLoadBalancerIPs: [{cidr: 198.51.100.7/24}], serviceLoadBalancerAggregation: "
        "Disabled}";
    CHECK(plan(cluster).warningCodes() == Lines{"MalformedCidrEntry"});
}

TEST_CASE("every node excluded: configured ranges have no advertiser") {
    Cluster cluster;
    cluster.nodes = {"a=true"};
    auto result = plan(cluster);
    CHECK(result.warningCodes() == Lines{"NoAdvertisingNodes"});
    CHECK(result.plan.prefixes.empty());
}

TEST_CASE("an input without the BGPConfiguration default is warned about, with the fix") {
    Cluster cluster;
    ClusterState state = cluster.state();
    state.bgpConfigurations.clear();
    RoutePlan result = computeRoutePlan(state, {});
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings[0].code == WarningCode::NoDefaultBgpConfiguration);
    CHECK(result.warnings[0].message.find(
              "kubectl get nodes,svc,endpointslices,bgpconfigurations") != std::string::npos);
    // Configured: no such warning.
    CHECK(plan(cluster).warningCodes().empty());
}

TEST_CASE("CALICO_ADVERTISE_CLUSTER_IPS that Go's ParseCIDR refuses: no cluster route at all") {
    // client.go onClusterIPsUpdate: updateGlobalRoutes fails on the unparsable CIDR, so
    // clusterCIDRs stays empty: no range, and AdvertiseClusterIPs() is false (no cluster-IP
    // host routes either), whatever serviceClusterIPs say.
    Cluster cluster;
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    PreviewOptions options;
    options.unparsableAdvertiseClusterIPs = "10.96.0.0/12,fd00::/108";
    auto result = plan(cluster, options);
    for (const char* node : {"a", "b", "c"})
        CHECK(result.routes(node).empty());
    CHECK(result.warningCodes() == Lines{"CidrListDropped"});
    CHECK(result.plan.warnings[0].message.find(
              "CALICO_ADVERTISE_CLUSTER_IPS '10.96.0.0/12,fd00::/108' is not a CIDR") !=
          std::string::npos);
}
