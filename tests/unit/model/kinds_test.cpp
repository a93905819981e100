#include <doctest/doctest.h>

#include <cctype>
#include <set>

#include "svcadv/model/kinds.h"
#include "svcadv/util/error.h"

using namespace svcadv;

namespace {
// The message and exit code of the usage error a typed name gets; "" when it resolves.
std::string refusal(const std::string& typed, bool managedOnly = false) {
    try {
        managedOnly ? resolveManagedKind(typed) : resolveKindAlias(typed);
        return "";
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Usage);
        return e.what();
    }
}
}  // namespace

TEST_CASE("Calico's BGPConfiguration aliases, in any case, and the kind.group forms") {
    for (const char* typed :
         {"bgpconfiguration", "bgpconfigurations", "bgpconfig", "bgpconfigs", "BGPConfiguration",
          "BgpConfigs", "BGPCONFIG", "bgpconfiguration.projectcalico.org",
          "bgpconfigurations.projectcalico.org", "BGPConfiguration.projectcalico.org"}) {
        CAPTURE(typed);
        CHECK(resolveKindAlias(typed).kind == "BGPConfiguration");
        CHECK(resolveManagedKind(typed).kind == "BGPConfiguration");
    }
}

TEST_CASE("the Kubernetes kinds answer to their plural and kubectl's short names") {
    CHECK(resolveKindAlias("nodes").kind == "Node");
    CHECK(resolveKindAlias("no").kind == "Node");
    CHECK(resolveKindAlias("svc").kind == "Service");
    CHECK(resolveKindAlias("Services").kind == "Service");
    CHECK(resolveKindAlias("endpointslices.discovery.k8s.io").kind == "EndpointSlice");
    CHECK(resolveKindAlias("clusterinfo").kind == "ClusterInformation");
    // The core group has no name to append.
    CHECK(refusal("nodes.") == "resource type 'nodes.' is not supported (did you mean nodes?)");
}

TEST_CASE("unknown names, other groups and unmanaged kinds are not supported, named as typed") {
    CHECK(refusal("foo") == "resource type 'foo' is not supported");
    CHECK(refusal("") == "resource type '' is not supported");
    CHECK(refusal("bgpconfig.projectcalico.org") ==
          "resource type 'bgpconfig.projectcalico.org' is not supported");
    CHECK(refusal("bgpconfigurations.crd.projectcalico.org") ==
          "resource type 'bgpconfigurations.crd.projectcalico.org' is not supported");
    CHECK(refusal("bgppeer") == "resource type 'bgppeer' is not supported");
    // A write is never pointed at a kind it refuses too.
    CHECK(refusal("Nodes", true) == "resource type 'Nodes' is not supported");
    CHECK(refusal("bgpconfg", true).find("(did you mean bgpconfig") != std::string::npos);
    CHECK(refusal("svc", true) == "resource type 'svc' is not supported");
}

TEST_CASE("findKind takes the kind as objects carry it") {
    REQUIRE(findKind("Service") != nullptr);
    CHECK(findKind("Service")->namespaced);
    CHECK(findKind("service") == nullptr);
    CHECK(findKind("BGPConfigurationList") == nullptr);
    CHECK(&kindInfo("Node") == findKind("Node"));
    CHECK_THROWS_AS(kindInfo("BGPPeer"), Error);
}

TEST_CASE("every entry has a plural, and columns, names and a description where it is managed") {
    std::set<std::string> names;
    for (const auto& info : allKinds()) {
        CAPTURE(info.kind);
        CHECK_FALSE(info.plural.empty());
        std::string lower = info.kind;
        for (char& c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        CHECK(info.singular == lower);
        CHECK_FALSE(info.description.empty());
        CHECK_FALSE(info.api.version.empty());
        // No name may mean two kinds.
        for (const auto& name : info.shortNames)
            CHECK(names.insert(name).second);
        CHECK(&resolveKindAlias(info.plural) == &info);
        CHECK(&resolveKindAlias(info.kind) == &info);
        if (info.managed) {
            REQUIRE_FALSE(info.columns.empty());
            CHECK(info.columns.front().header == "NAME");
            CHECK(info.columns.front().path == ".metadata.name");
            CHECK(info.names != NameSource::None);
            for (const auto& column : info.columns)
                CHECK(column.path.starts_with("."));
            for (const auto& column : info.wideColumns)
                CHECK(column.path.starts_with("."));
        }
    }
}

TEST_CASE("groups and versions per datastore") {
    const KindInfo& bgp = kindInfo("BGPConfiguration");
    CHECK(bgp.api.apiVersion() == "projectcalico.org/v3");
    CHECK(bgp.calico);
    CHECK(bgp.managed);
    CHECK(bgp.clusterInput);
    CHECK_FALSE(bgp.namespaced);
    CHECK(kCalicoCrd.apiVersion() == "crd.projectcalico.org/v1");
    CHECK(kindInfo("ClusterInformation").api.apiVersion() == "projectcalico.org/v3");
    CHECK(kindInfo("ClusterInformation").calico);
    // A snapshot keeps ClusterInformation: its calicoVersion picks the route rules.
    CHECK(kindInfo("ClusterInformation").clusterInput);
    CHECK_FALSE(kindInfo("ClusterInformation").managed);
    CHECK(kindInfo("Node").api.apiVersion() == "v1");
    CHECK(kindInfo("Service").api.apiVersion() == "v1");
    CHECK(kindInfo("EndpointSlice").api.apiVersion() == "discovery.k8s.io/v1");
    CHECK(kindInfo("Endpoints").api.apiVersion() == "v1");
    CHECK(kindInfo("Endpoints").namespaced);
    for (const char* kind : {"Node", "Service", "EndpointSlice", "Endpoints"}) {
        CAPTURE(kind);
        CHECK_FALSE(kindInfo(kind).calico);
        CHECK_FALSE(kindInfo(kind).managed);
        CHECK(kindInfo(kind).clusterInput);
    }
}

TEST_CASE("the BGPConfiguration table is calicoctl's, with the service ranges") {
    std::vector<std::string> headers, wide;
    for (const auto& column : kindInfo("BGPConfiguration").columns)
        headers.push_back(column.header);
    for (const auto& column : kindInfo("BGPConfiguration").wideColumns)
        wide.push_back(column.header);
    CHECK(headers == std::vector<std::string>{"NAME", "ASNUMBER", "MESH", "CLUSTER-IPS",
                                              "EXTERNAL-IPS", "LOADBALANCER-IPS"});
    CHECK(wide == std::vector<std::string>{"LOGSEVERITY", "LB-AGGREGATION", "LISTENPORT"});
}
