// The RoutePreview document and the explanation of a service.
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/render/preview_render.h"

using namespace svcadv;
using namespace svcadv::test;

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

TEST_CASE("explain: what defaulting set on a service from a file, in the document and table") {
    Cluster cluster;
    cluster.documents = {service("web", "{clusterIP: 10.96.0.10}"), slice("web", {"a"})};
    Result result{cluster.state(), {}};
    result.state.services[0].defaulted = {"type: ClusterIP", "clusterIPs: [10.96.0.10]"};
    result.plan = computeRoutePlan(result.state, {});
    json explanation = explainDocument({result.state, result.plan}, "ns/web");
    CHECK(explanation["defaulted"] == json{"type: ClusterIP", "clusterIPs: [10.96.0.10]"});
    std::string table = explainTable(explanation, true);
    CHECK(
        table.ends_with("\nNever through an API server: defaulted as it would be on create:\n"
                        "  type: ClusterIP\n  clusterIPs: [10.96.0.10]\n"));
    // A service read from an API server: no such part.
    result.state.services[0].defaulted.clear();
    json live = explainDocument({result.state, result.plan}, "ns/web");
    CHECK_FALSE(live.contains("defaulted"));
    CHECK(explainTable(live, true).find("API server") == std::string::npos);
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

#include "svcadv/routes/node_exclusion.h"
