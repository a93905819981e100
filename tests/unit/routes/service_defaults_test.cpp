// Kubernetes' Service defaulting for objects that never went through an API server. The expected
// values come from Kubernetes: pkg/apis/core/v1/defaults.go SetDefaults_Service,
// pkg/api/v1/service ExternallyAccessible, and the registry's normalizeClusterIPs and
// initIPFamilyFields (pkg/registry/core/service/storage).
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/routes/service_defaults.h"

using namespace svcadv;
using namespace svcadv::test;

namespace {

ServiceInfo serviceFrom(const std::string& spec) {
    Cluster cluster;
    cluster.documents = {service("web", spec)};
    return cluster.state().services.at(0);
}

}  // namespace

TEST_CASE("type defaults to ClusterIP; clusterIPs and ipFamilies follow clusterIP") {
    ServiceInfo web = serviceFrom("{clusterIP: 10.96.0.10}");
    CHECK(defaultService(web) ==
          Lines{"type: ClusterIP", "clusterIPs: [10.96.0.10]", "ipFamilies: [IPv4]"});
    CHECK(web.type == "ClusterIP");
    CHECK(web.clusterIPs == Lines{"10.96.0.10"});
    CHECK(web.ipFamilies == Lines{"IPv4"});
    CHECK(web.externalTrafficPolicy.empty());  // not externally accessible
}

TEST_CASE("ipFamilies: one per cluster IP not already given one, IPv6 included") {
    ServiceInfo dual = serviceFrom(
        "{type: ClusterIP, clusterIP: 'fd00::10', clusterIPs: ['fd00::10', 10.96.0.10]}");
    CHECK(defaultService(dual) == Lines{"ipFamilies: [IPv6,IPv4]"});
    ServiceInfo given = serviceFrom(
        "{type: ClusterIP, clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10, 'fd00::10'], "
        "ipFamilies: [IPv4]}");
    CHECK(defaultService(given) == Lines{"ipFamilies: [IPv4,IPv6]"});
}

TEST_CASE("externalTrafficPolicy: Cluster on externally accessible services only") {
    for (const char* type : {"NodePort", "LoadBalancer"}) {
        ServiceInfo s = serviceFrom(std::string("{type: ") + type + ", clusterIP: 10.96.0.10}");
        defaultService(s);
        CHECK(s.externalTrafficPolicy == "Cluster");
    }
    // A ClusterIP service (here by default) with externalIPs is externally accessible too.
    ServiceInfo external = serviceFrom("{clusterIP: 10.96.0.10, externalIPs: [192.0.2.1]}");
    CHECK(defaultService(external) == Lines{"type: ClusterIP", "externalTrafficPolicy: Cluster",
                                            "clusterIPs: [10.96.0.10]", "ipFamilies: [IPv4]"});
    // An ExternalName service with externalIPs is not.
    ServiceInfo named = serviceFrom("{type: ExternalName, externalIPs: [192.0.2.1]}");
    CHECK(defaultService(named).empty());
    CHECK(named.externalTrafficPolicy.empty());
    // A policy that is set stays.
    ServiceInfo local =
        serviceFrom("{type: LoadBalancer, clusterIP: 10.96.0.10, externalTrafficPolicy: Local}");
    defaultService(local);
    CHECK(local.externalTrafficPolicy == "Local");
}

TEST_CASE("a service the API server already defaulted needs nothing") {
    ServiceInfo live = serviceFrom(
        "{type: LoadBalancer, clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10], ipFamilies: "
        "[IPv4], externalTrafficPolicy: Local}");
    ServiceInfo copy = live;
    CHECK(defaultService(live).empty());
    CHECK(live.clusterIPs == copy.clusterIPs);
    CHECK(live.ipFamilies == copy.ipFamilies);
}

TEST_CASE("headless and unallocated cluster IPs: no family can be inferred") {
    ServiceInfo headless = serviceFrom("{clusterIP: None}");
    CHECK(defaultService(headless) == Lines{"type: ClusterIP", "clusterIPs: [None]"});
    CHECK(headless.ipFamilies.empty());
    // No clusterIP at all: the API server allocates one, which no file can tell.
    ServiceInfo fresh = serviceFrom("{type: LoadBalancer}");
    Lines applied = defaultService(fresh);
    REQUIRE(applied.size() == 2);
    CHECK(applied[0] == "externalTrafficPolicy: Cluster");
    CHECK(applied[1].starts_with("clusterIP: allocated by the API server on create"));
    CHECK(fresh.clusterIPs.empty());
}

TEST_CASE("applyServiceDefaults records per service; the warning counts them") {
    Cluster cluster;
    cluster.documents = {
        service("web", "{clusterIP: 10.96.0.10}"),
        service("live",
                "{type: ClusterIP, clusterIP: 10.96.0.11, clusterIPs: [10.96.0.11], "
                "ipFamilies: [IPv4]}")};
    ClusterState state = cluster.state();
    CHECK_FALSE(serviceDefaultsWarning(state).has_value());
    CHECK(applyServiceDefaults(state) == 1);
    // Read back sorted by name: live, then web.
    CHECK(state.services[0].key() == "ns/live");
    CHECK(state.services[0].defaulted.empty());
    CHECK(state.services[1].defaulted.size() == 3);
    auto warning = serviceDefaultsWarning(state);
    REQUIRE(warning.has_value());
    CHECK(warning->code == WarningCode::ServiceDefaulted);
    CHECK(warning->message.starts_with("1 service from files never went through an API server"));
}

TEST_CASE("the preview of a manifest: the defaulted service is planned, and warned about") {
    // A Local LoadBalancer as `kubectl create --dry-run=client` would leave it after a clusterIP
    // was filled in by hand: no clusterIPs, no ipFamilies.
    Cluster cluster;
    cluster.documents = {
        service("web", "{type: LoadBalancer, externalTrafficPolicy: Local, clusterIP: 10.96.0.10}"),
        slice("web", {"a"})};
    ClusterState state = cluster.state();
    applyServiceDefaults(state);
    RoutePlan result = computeRoutePlan(state, {});
    Result view{state, result};
    CHECK(view.hostRoutes("a") == Lines{"10.96.0.10/32 LocalEndpoint ns/web"});
    CHECK(view.warningCodes() == Lines{"ServiceDefaulted"});
}
