// The service CIDR lists as calico-node holds them. Expected results come from confd's client.go
// (functions named per test) and routes_test.go at release-v3.33 unless a test says otherwise.
#include "svcadv/routes/service_cidr_lists.h"

#include <doctest/doctest.h>

using namespace svcadv;

namespace {

using Texts = std::vector<std::string>;

CalicoSemantics release(const char* text) {
    std::string problem;
    return calicoSemantics(*parseCalicoVersion(text, problem));
}

const CalicoSemantics kLatest = latestCalicoSemantics();

Texts allowedTexts(const HeldCidrList& list) {
    Texts out;
    for (const auto& cidr : list.allowed)
        out.push_back(cidr.str());
    return out;
}

}  // namespace

// routes_test.go "onClusterIPsUpdate / onExternalIPsUpdate: should do updates only if the new nets
// are valid" (testRouteGeneratorUpdatesOnlyWithValidCIDRs): {"invalid"}, {"10.10.1.0/24",
// "invalid"} and {"10.10.1.0/24", "x.y.z.z/12"} are refused whole; on a node that starts with such
// a configuration the previous list is none.
TEST_CASE("routes_test.go UpdatesOnlyWithValidCIDRs: one invalid entry drops the whole list") {
    for (auto kind : {ServiceCidrListKind::Cluster, ServiceCidrListKind::External}) {
        for (const Texts& invalid : {Texts{"invalid"}, Texts{"10.10.1.0/24", "invalid"},
                                     Texts{"10.10.1.0/24", "x.y.z.z/12"}}) {
            auto list = readServiceCidrList(invalid, kind, true, kLatest);
            CHECK(list.droppedBy == invalid.back());
            CHECK(list.entries.empty());
            CHECK(list.globalRoutes.empty());
            CHECK(list.allowed.empty());
        }
        auto valid = readServiceCidrList({"10.10.1.0/24"}, kind, true, kLatest);
        CHECK(valid.globalRoutes == Texts{"10.10.1.0/24"});
        CHECK_FALSE(valid.droppedBy);
    }
}

// client.go updateGlobalRoutes pre-validates with net.ParseCIDR: a bare IP (no mask) fails.
TEST_CASE(
    "client.go updateGlobalRoutes: a bare IP drops serviceClusterIPs and serviceExternalIPs") {
    auto cluster = readServiceCidrList({"10.96.0.0/12", "10.100.0.10"},
                                       ServiceCidrListKind::Cluster, true, kLatest);
    CHECK(cluster.droppedBy == "10.100.0.10");
    CHECK(cluster.entries.empty());
    // filterNonSingleIPsFromCIDRs tests the text for a "/32" suffix: a bare IP is kept and fails,
    // so the /24 and the /32 entry (single-IP entries included) go with it.
    auto external = readServiceCidrList({"192.0.2.0/24", "192.0.2.99/32", "203.0.113.10"},
                                        ServiceCidrListKind::External, true, kLatest);
    CHECK(external.droppedBy == "203.0.113.10");
    CHECK(external.allowed.empty());
}

// client.go onLoadBalancerIPsUpdate: with aggregation Enabled the non-single entries are global
// routes (one failure drops the list); Disabled programs none, and parseIPNets skips only the
// entry that does not parse.
TEST_CASE("client.go onLoadBalancerIPsUpdate: aggregation decides whole list or that entry") {
    Texts lb{"198.51.100.0/24", "198.51.100.7/32", "203.0.113.10"};
    auto enabled = readServiceCidrList(lb, ServiceCidrListKind::LoadBalancer, true, kLatest);
    CHECK(enabled.droppedBy == "203.0.113.10");
    CHECK(enabled.allowed.empty());
    auto disabled = readServiceCidrList(lb, ServiceCidrListKind::LoadBalancer, false, kLatest);
    CHECK_FALSE(disabled.droppedBy);
    CHECK(disabled.globalRoutes.empty());
    CHECK(allowedTexts(disabled) == Texts{"198.51.100.0/24", "198.51.100.7/32"});
    CHECK(disabled.skipped == Texts{"203.0.113.10"});
}

// client.go filterNonSingleIPsFromCIDRs ("/32" or, with a ':', "/128" suffix) for external
// (v3.30+) and LB entries.
TEST_CASE("client.go filterNonSingleIPsFromCIDRs: /32 and /128 entries are no global routes") {
    Texts external{"192.0.2.0/24", "192.0.2.99/32", "2001:db8::/64", "2001:db8::9/128"};
    auto list = readServiceCidrList(external, ServiceCidrListKind::External, true, kLatest);
    CHECK(list.globalRoutes == Texts{"192.0.2.0/24", "2001:db8::/64"});
    CHECK(allowedTexts(list) == external);
    // The cluster list is never filtered: a /32 cluster entry is a global route.
    auto cluster =
        readServiceCidrList({"10.100.0.1/32"}, ServiceCidrListKind::Cluster, true, kLatest);
    CHECK(cluster.globalRoutes == Texts{"10.100.0.1/32"});
    // Up to v3.29 onExternalIPsUpdate programs every external entry.
    auto old =
        readServiceCidrList(external, ServiceCidrListKind::External, true, release("3.29.7"));
    CHECK(old.globalRoutes == external);
}

// Host bits: net.ParseCIDR accepts "10.96.0.1/16", the global route keeps the text as written,
// and parseIPNets holds the masked network.
TEST_CASE("client.go updateGlobalRoutes: host bits set parse, and stay as written") {
    auto list = readServiceCidrList({"10.96.0.1/16"}, ServiceCidrListKind::Cluster, true, kLatest);
    CHECK_FALSE(list.droppedBy);
    CHECK(list.globalRoutes == Texts{"10.96.0.1/16"});
    CHECK(allowedTexts(list) == Texts{"10.96.0.0/16"});
}

// getServiceExternalIPs (v3.33) and getService*IPsKVPair (v3.29-v3.32) skip empty entries; up to
// v3.28 they are joined ("a,,b") and net.ParseCIDR("") fails.
TEST_CASE("client.go getService*IPs: empty entries skipped from 3.29, fatal before") {
    Texts withEmpty{"192.0.2.0/24", "", "198.51.100.0/24"};
    for (const char* version : {"3.29.0", "3.32.1", "3.33"}) {
        auto list =
            readServiceCidrList(withEmpty, ServiceCidrListKind::External, true, release(version));
        CHECK(list.globalRoutes == Texts{"192.0.2.0/24", "198.51.100.0/24"});
    }
    auto old =
        readServiceCidrList(withEmpty, ServiceCidrListKind::External, true, release("3.28.5"));
    CHECK(old.droppedBy == "");
    CHECK(old.entries.empty());
    // A list of one empty entry joins to "", which is no list at all (nothing to fail).
    auto lone = readServiceCidrList({""}, ServiceCidrListKind::External, true, release("3.28.5"));
    CHECK_FALSE(lone.droppedBy);
    CHECK(lone.entries.empty());
}

// Up to v3.32 the entries pass through one comma-joined string (getService*IPsKVPair, then
// strings.Split in onUpdates): an entry holding a comma becomes two.
TEST_CASE("client.go onUpdates up to 3.32: an entry with a comma is split into two") {
    Texts commas{"192.0.2.0/24,198.51.100.0/24"};
    auto old = readServiceCidrList(commas, ServiceCidrListKind::External, true, release("3.32"));
    CHECK(old.globalRoutes == Texts{"192.0.2.0/24", "198.51.100.0/24"});
    auto latest = readServiceCidrList(commas, ServiceCidrListKind::External, true, kLatest);
    CHECK(latest.droppedBy == commas.front());
}

// client.go shouldAggregateLoadBalancerServicesLockHeld compares `== Enabled`; updateBGPConfigCache
// makes a nil field Enabled. Releases before v3.31 have no such setting.
TEST_CASE("client.go shouldAggregateLoadBalancerServices: only Enabled or unset aggregate") {
    CHECK(loadBalancerAggregationEnabled(std::nullopt, kLatest));
    CHECK(loadBalancerAggregationEnabled("Enabled", kLatest));
    for (const char* other : {"Disabled", "disabled", "enabled", ""})
        CHECK_FALSE(loadBalancerAggregationEnabled(std::string(other), kLatest));
    CHECK(loadBalancerAggregationEnabled("Disabled", release("3.30.7")));
}

TEST_CASE("goParseCidr: what net.ParseCIDR accepts") {
    CHECK(goParseCidr("10.0.0.0/8")->str() == "10.0.0.0/8");
    CHECK(goParseCidr("10.0.0.1/8")->str() == "10.0.0.0/8");
    CHECK_FALSE(goParseCidr("10.0.0.1"));
    CHECK_FALSE(goParseCidr(""));
    CHECK_FALSE(goParseCidr("x.y.z.z/12"));
    CHECK(std::string(serviceCidrListField(ServiceCidrListKind::LoadBalancer)) ==
          "serviceLoadBalancerIPs");
}
