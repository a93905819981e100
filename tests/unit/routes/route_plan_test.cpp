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

// ---- The route rules of each Calico release (calico_semantics.h), a test per row ----
// The route plan under each row of the version table (README "Calico versions"): the same cluster
// planned with the releases on both sides of each change. Expected routes follow routes.go and
// client.go at those tags and release branches.
namespace calico_versions {

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

}  // namespace calico_versions

// ---- Calico's own tests of this logic, ported ----
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
namespace calico_routes_test_port {

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

}  // namespace calico_routes_test_port
