// One test per rule of route-advertisement.md, each asserting the exact prefixes per node.
#include <doctest/doctest.h>

#include <map>

#include "svcadv/preview_render.h"
#include "svcadv/route_plan.h"

using namespace svcadv;

namespace {

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

std::string service(const std::string& name, const std::string& spec,
                    const std::string& status = "{}") {
    return "apiVersion: v1\nkind: Service\nmetadata: {name: " + name +
           ", namespace: ns}\nspec: " + spec + "\nstatus: " + status;
}

// endpoints: "node" (ready), "node!" (ready: false), "node?" (no conditions)
std::string slice(const std::string& serviceName, std::vector<std::string> endpoints,
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
            out.push_back(w.code + (w.service.empty() ? "" : " " + w.service));
        return out;
    }
    std::string decision(const std::string& key) const {
        for (std::size_t i = 0; i < state.services.size(); ++i) {
            if (state.services[i].key() == key) return reasonName(plan.services[i].rule);
        }
        return "?";
    }
};

Result plan(const Cluster& cluster, const PreviewOptions& options = {}) {
    Result result{cluster.state(), {}};
    result.plan = computeRoutePlan(result.state, options);
    return result;
}

using Lines = std::vector<std::string>;

const std::string kLocalLb =
    "{type: LoadBalancer, externalTrafficPolicy: Local, clusterIP: 10.96.0.10, ipFamilies: [IPv4]}";

}  // namespace

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
    CHECK(result.warningCodes() == Lines{"BareIPEntry", "EcmpFanoutAbove", "EcmpFanoutAbove",
                                         "EmptyCidrEntry", "OverlappingCidrs"});
    // The bare IP is a /32 entry to calico-node: not a global route.
    CHECK(result.routes("a") == Lines{"10.96.0.0/12 ClusterCIDR", "10.96.0.0/16 ClusterCIDR"});
}

TEST_CASE("every node excluded: configured ranges have no advertiser") {
    Cluster cluster;
    cluster.nodes = {"a=true"};
    auto result = plan(cluster);
    CHECK(result.warningCodes() == Lines{"NoAdvertisingNodes"});
    CHECK(result.plan.prefixes.empty());
}

TEST_CASE("explain: per node, each address and its deciding rule") {
    Cluster cluster;
    cluster.nodes = {"a", "b", "c=true"};
    cluster.documents = {service("web", kLocalLb), slice("web", {"a", "c"})};
    auto result = plan(cluster);
    json explanation = explainDocument({result.state, result.plan}, "ns/web");
    std::vector<std::string> lines;
    for (const auto& node : explanation["nodes"]) {
        for (const auto& address : node["addresses"])
            lines.push_back(node["name"].get<std::string>() + " " +
                            address["prefix"].get<std::string>() + " " +
                            address["reason"].get<std::string>());
    }
    CHECK(lines == Lines{"a 10.96.0.10/32 LocalEndpoint", "b 10.96.0.10/32 NoLocalEndpoint",
                         "c 10.96.0.10/32 NodeExcluded"});
    CHECK_THROWS_WITH(explainDocument({result.state, result.plan}, "ns/nope"),
                      "--explain: service 'ns/nope' is not in the input");
}

TEST_CASE("diff: excluding a node withdraws its routes; nothing else changes") {
    Cluster cluster;
    cluster.documents = {service("web", kLocalLb), slice("web", {"a", "b"})};
    auto before = plan(cluster);
    cluster.nodes = {"a=true", "b", "c"};
    auto after = plan(cluster);
    auto changes = diffPlans({before.state, before.plan}, {after.state, after.plan}, {});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].node == "a");
    CHECK(changes[0].added.empty());
    REQUIRE(changes[0].withdrawn.size() == 2);
    CHECK(changes[0].withdrawn[0]["prefix"] == "10.96.0.0/12");
    CHECK(changes[0].withdrawn[1]["prefix"] == "10.96.0.10/32");
    CHECK(changes[0].withdrawn[1]["sources"][0]["reason"] == "LocalEndpoint");
}

TEST_CASE("the streamed JSON is the RoutePreview document, filters included") {
    Cluster cluster;
    cluster.nodes = {"a", "b=true", "c"};
    cluster.spec = "{serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 'fd00::/112'}]}";
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"}), service("q\"x", kLocalLb),
                         slice("q\"x", {"c"})};
    auto result = plan(cluster, PreviewOptions{std::nullopt, 1});
    for (PreviewFilter filter :
         {PreviewFilter{}, PreviewFilter{{"a"}, ""}, PreviewFilter{{}, "ns/web"}}) {
        PlanView view{result.state, result.plan};
        CHECK(json::parse(previewJson(view, filter)) == previewDocument(view, filter));
    }
}

TEST_CASE("the BIRD fragment holds the node's routes per family") {
    Cluster cluster;
    cluster.spec = "{serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 'fd00::/112'}]}";
    auto result = plan(cluster);
    std::string bird = birdFragment({result.state, result.plan}, "a");
    CHECK(bird.find("protocol static svcadv_services_v4 {\n  ipv4;\n  route 10.96.0.0/12 "
                    "blackhole;\n}") != std::string::npos);
    CHECK(bird.find("  ipv6;\n  route fd00::/112 blackhole;\n}") != std::string::npos);
    CHECK(bird.find("if ( net ~ fd00::/112 ) then accept;") != std::string::npos);
}

#include "svcadv/node_exclusion.h"

TEST_CASE("exclusion readings: Calico on 'true' only, MetalLB on presence") {
    Cluster cluster;
    cluster.nodes = {"b=True", "a", "c=true"};
    auto readings = readExclusions(cluster.state());
    REQUIRE(readings.size() == 3);
    CHECK(readings[0].node == "a");
    CHECK_FALSE(readings[0].metallbExcludes);
    CHECK_FALSE(readings[1].calicoExcludes);
    CHECK(readings[1].metallbExcludes);
    CHECK(readings[2].calicoExcludes);
}

TEST_CASE("exclusion impact: withdrawn routes, next hops, orphaned prefixes, stranded services") {
    Cluster cluster;
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    ClusterState before = cluster.state();
    ClusterState after = before;
    for (auto& node : after.nodes) {
        if (node.name == "a") node.excludeLabel = "true";
    }
    ExclusionImpact impact = assessExclusion(before, after);
    REQUIRE(impact.changes.size() == 1);
    CHECK(impact.changes[0].withdrawn.size() == 2);
    CHECK(impact.orphanedPrefixes == Lines{"10.96.0.10/32"});
    CHECK(impact.strandedServices == Lines{"ns/web"});
    CHECK(impact.needsForce());
    REQUIRE(impact.fanout.size() == 2);
    CHECK(impact.fanout[0].prefix == "10.96.0.0/12");
    CHECK(impact.fanout[0].before == 3);
    CHECK(impact.fanout[0].after == 2);
    // Excluding a node without endpoints changes next hops only.
    ClusterState other = before;
    for (auto& node : other.nodes) {
        if (node.name == "c") node.excludeLabel = "true";
    }
    CHECK_FALSE(assessExclusion(before, other).needsForce());
}

TEST_CASE("label change plan: what each node needs") {
    Cluster cluster;
    cluster.nodes = {"a", "b=true", "c=", "d=True"};
    ClusterState state = cluster.state();
    auto set = planLabelChange(state, {"a", "b", "c", "zz"}, false, false);
    CHECK(set.toWrite == Lines{"a"});
    CHECK(set.unchanged == Lines{"Node b is already excluded"});
    REQUIRE(set.refused.size() == 1);
    CHECK(set.refused[0].find("node c has") == 0);
    CHECK(set.missing == Lines{"zz"});
    CHECK(set.after.nodes[0].excluded());
    CHECK_FALSE(state.nodes[0].excluded());
    auto overwrite = planLabelChange(state, {"c", "d"}, false, true);
    CHECK(overwrite.toWrite == Lines{"c", "d"});
    auto remove = planLabelChange(state, {"a", "b", "d"}, true, false);
    CHECK(remove.toWrite == Lines{"b", "d"});
    CHECK(remove.unchanged.size() == 1);
}
