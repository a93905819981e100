// The version table of README "Calico versions": one test per row, each checking the releases on
// both sides of the change (read at the tags and release branches of projectcalico/calico).
#include "svcadv/routes/calico_semantics.h"

#include <doctest/doctest.h>

using namespace svcadv;

namespace {

CalicoSemantics at(const char* text) {
    std::string problem;
    auto version = parseCalicoVersion(text, problem);
    INFO(text << ": " << problem);
    REQUIRE(version);
    return calicoSemantics(*version);
}

std::string refusal(const char* text) {
    std::string problem;
    CHECK_FALSE(parseCalicoVersion(text, problem));
    return problem;
}

}  // namespace

TEST_CASE("version parsing: X.Y, X.Y.Z, a v prefix, build suffixes, master") {
    std::string problem;
    CHECK(parseCalicoVersion("3.31", problem)->str() == "v3.31");
    CHECK(parseCalicoVersion("v3.31.4", problem)->str() == "v3.31.4");
    CHECK(parseCalicoVersion("v3.31.0-0.dev", problem)->str() == "v3.31.0");
    CHECK(parseCalicoVersion("v3.30.2+build7", problem)->str() == "v3.30.2");
    CHECK(parseCalicoVersion("master", problem)->master);
    CHECK(semanticsName(at("v3.30.4")) == "calico-v3.30.4");
    CHECK(semanticsName(latestCalicoSemantics()) == "calico-v3.33");
}

TEST_CASE("version parsing: malformed and unsupported versions are refused with the range") {
    for (const char* text : {"", "3", "v3.", "3.x", "3.31.4.1", "three", "3..1", "3.31.-1"})
        CHECK(refusal(text).find("is not a Calico version") != std::string::npos);
    CHECK(refusal("3.25.1") ==
          "v3.25.1 is not supported: svcadv reproduces v3.26 to v3.33 and master");
    CHECK(refusal("4.0").find("is not supported") != std::string::npos);
    CHECK(refusal("3.34").find("use --calico-version master") != std::string::npos);
}

// Row: endpoint source. routes.go up to v3.30.x watches "endpoints" (core v1); v3.31.0 switched
// the informer to discovery.k8s.io/v1 "endpointslices".
TEST_CASE("row endpoint source: core Endpoints up to 3.30, EndpointSlices from 3.31.0") {
    CHECK(at("3.26.0").endpointSource == EndpointSource::CoreEndpoints);
    CHECK(at("3.30").endpointSource == EndpointSource::CoreEndpoints);
    CHECK(at("3.30.7").endpointSource == EndpointSource::CoreEndpoints);
    CHECK(at("3.31.0").endpointSource == EndpointSource::EndpointSlices);
    CHECK(at("master").endpointSource == EndpointSource::EndpointSlices);
}

// Row: not-ready endpoints. advertiseThisService skips Conditions.Ready == false from v3.31.7 and
// on release-v3.32 after v3.32.1 (#13253); v3.31.0-v3.31.6 and v3.32.0-v3.32.1 count them all.
TEST_CASE("row not-ready endpoints: skipped in 3.31.7+, 3.32.2+ and 3.33 only") {
    for (const char* counted : {"3.31.0", "3.31.6", "3.32.0", "3.32.1"})
        CHECK_FALSE(at(counted).skipNotReadyEndpoints);
    for (const char* skipped : {"3.31.7", "3.31", "3.32.2", "3.32", "3.33", "master"})
        CHECK(at(skipped).skipNotReadyEndpoints);
}

// Row: family filter. v3.31.0-v3.31.3 compare each address with spec.clusterIP's family
// (strings.Contains ":"); v3.31.4 matches the slice's addressType against spec.ipFamilies.
TEST_CASE("row family filter: clusterIP's family until 3.31.3, ipFamilies from 3.31.4") {
    CHECK(at("3.30.5").familyFilter == EndpointFamilyFilter::ClusterIPFamily);
    CHECK(at("3.31.3").familyFilter == EndpointFamilyFilter::ClusterIPFamily);
    CHECK(at("3.31.4").familyFilter == EndpointFamilyFilter::IpFamilies);
    CHECK(at("3.32.0").familyFilter == EndpointFamilyFilter::IpFamilies);
}

// Row: cluster-IP host routes. getAllRoutesForService appends svc.Spec.ClusterIP up to v3.30.x,
// svc.Spec.ClusterIPs... from v3.31.0.
TEST_CASE("row cluster-IP host routes: clusterIP up to 3.30, every clusterIPs from 3.31") {
    CHECK_FALSE(at("3.30.7").allClusterIPs);
    CHECK(at("3.31.0").allClusterIPs);
}

// Row: serviceLoadBalancerAggregation. ShouldAggregateLoadBalancerServices appears in v3.31.0.
TEST_CASE("row LB aggregation: read from 3.31; before, LB ranges are always aggregated") {
    CHECK_FALSE(at("3.29.7").loadBalancerAggregation);
    CHECK_FALSE(at("3.30.7").loadBalancerAggregation);
    CHECK(at("3.31.0").loadBalancerAggregation);
}

// Row: single-IP LB override. hasAnySingleLoadBalancerIP (status.loadBalancer.ingress) arrives in
// v3.30.7, v3.31.5 and v3.32.0; before, isSingleLoadBalancerIP(spec.loadBalancerIP) only.
TEST_CASE("row single-IP LB override: ingress IPs from 3.30.7, 3.31.5 and 3.32") {
    for (const char* before : {"3.29.7", "3.30.6", "3.31.0", "3.31.4"})
        CHECK_FALSE(at(before).singleLoadBalancerIPFromIngress);
    for (const char* after : {"3.30.7", "3.30", "3.31.5", "3.32.0", "master"})
        CHECK(at(after).singleLoadBalancerIPFromIngress);
}

// Row: single-IP externalIP override. isSingleExternalIP arrives in v3.30.0 for LoadBalancer and
// NodePort services; v3.30.5 and v3.31.1 apply it to any type (slices.ContainsFunc); v3.31.0 still
// has the type check.
TEST_CASE("row single-IP externalIP override: none, then LoadBalancer/NodePort, then any type") {
    CHECK(at("3.29.7").singleExternalIPOverride == SingleExternalIPOverride::None);
    CHECK(at("3.30.0").singleExternalIPOverride == SingleExternalIPOverride::LoadBalancerNodePort);
    CHECK(at("3.30.4").singleExternalIPOverride == SingleExternalIPOverride::LoadBalancerNodePort);
    CHECK(at("3.31.0").singleExternalIPOverride == SingleExternalIPOverride::LoadBalancerNodePort);
    CHECK(at("3.30.5").singleExternalIPOverride == SingleExternalIPOverride::AnyType);
    CHECK(at("3.31.1").singleExternalIPOverride == SingleExternalIPOverride::AnyType);
    CHECK(at("3.32.0").singleExternalIPOverride == SingleExternalIPOverride::AnyType);
}

// Row: /32 serviceExternalIPs entries. onExternalIPsUpdate programs every entry up to v3.29.x;
// v3.30.0 filters them (filterNonSingleIPsFromCIDRs).
TEST_CASE("row /32 external entries: global routes up to 3.29, filtered from 3.30") {
    CHECK(at("3.29.7").singleExternalIPsGlobal);
    CHECK_FALSE(at("3.30.0").singleExternalIPsGlobal);
}

// Row: empty cidr entry. getService*IPsKVPair skips CIDR == "" from v3.29.0; before, it is joined
// into the list and net.ParseCIDR("") fails.
TEST_CASE("row empty cidr entry: breaks the whole list up to 3.28") {
    CHECK(at("3.28.5").emptyCidrEntryBreaksList);
    CHECK_FALSE(at("3.29.0").emptyCidrEntryBreaksList);
}

// Row: CALICO_ADVERTISE_CLUSTER_IPS. Up to 3.32 onUpdates reads svc_cluster_ips from confd's
// cache, which the variable kept unset; release-v3.33 only updates the cluster list when the
// variable is unset. The comma-joined cache is the same code.
TEST_CASE("row CALICO_ADVERTISE_CLUSTER_IPS: wiped by the configuration up to 3.32") {
    CHECK(at("3.32").advertiseClusterIPsWipedByConfiguration);
    CHECK(at("3.26.0").advertiseClusterIPsWipedByConfiguration);
    CHECK(at("3.32").cidrListsJoinedWithCommas);
    CHECK_FALSE(at("3.33").advertiseClusterIPsWipedByConfiguration);
    CHECK_FALSE(at("master").cidrListsJoinedWithCommas);
}

TEST_CASE("resolving: the flag wins, then ClusterInformation, then the newest release") {
    std::string problem;
    auto flag = parseCalicoVersion("3.29", problem);
    auto both = resolveCalicoSemantics(flag, std::string("v3.31.4"));
    CHECK(both.semantics.version.str() == "v3.29");
    CHECK(both.origin == "--calico-version");
    auto detected = resolveCalicoSemantics(std::nullopt, std::string("v3.31.4"));
    CHECK(detected.semantics.version.str() == "v3.31.4");
    CHECK(detected.origin == "ClusterInformation default");
    auto nothing = resolveCalicoSemantics(std::nullopt, std::nullopt);
    CHECK(nothing.semantics.version.str() == "v3.33");
    CHECK(nothing.origin.empty());
    CHECK(nothing.note.empty());
    auto unusable = resolveCalicoSemantics(std::nullopt, std::string("v3.20.1"));
    CHECK(unusable.semantics.version.str() == "v3.33");
    CHECK(unusable.note ==
          "ClusterInformation default spec.calicoVersion: v3.20.1 is not supported: svcadv "
          "reproduces v3.26 to v3.33 and master; applying the v3.33 rules (set --calico-version)");
}
