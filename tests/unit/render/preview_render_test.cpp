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

TEST_CASE("communities per route and reject cidrs per node in json, wide and explain") {
    Cluster cluster;
    cluster.nodes = {"a", "b=true"};
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceExternalIPs: [{cidr: 192.0.2.0/24}], "
        "communities: [{name: edge, value: '65000:100'}], "
        "prefixAdvertisements: [{cidr: 10.96.0.0/16, communities: [edge]}]}";
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    auto result = plan(cluster);
    PlanView view{result.state, result.plan};
    json document = previewDocument(view, {});
    const json& a = document["nodes"][0];
    REQUIRE(a["routes"].size() == 3);
    // 10.96.0.0/12 is wider than the rule's /16: `net ~` does not match it.
    CHECK_FALSE(a["routes"][0].contains("communities"));
    CHECK(a["routes"][1]["prefix"] == "10.96.0.10/32");
    CHECK(a["routes"][1]["communities"] == json::array({"65000:100"}));
    json rejects = json::parse(R"([{"cidr":"10.96.0.0/12","sources":["serviceClusterIPs"]},)"
                               R"({"cidr":"192.0.2.0/24","sources":["serviceExternalIPs"]}])");
    CHECK(a["rejectCidrs"] == rejects);
    // The excluded node advertises nothing and keeps the reject cidrs.
    CHECK(document["nodes"][1]["routes"].empty());
    CHECK(document["nodes"][1]["rejectCidrs"] == rejects);
    CHECK(json::parse(previewJson(view, {})) == document);

    std::string wide = previewTable(view, {}, false, true, false);
    CHECK(wide.find("COMMUNITIES") != std::string::npos);
    CHECK(wide.find("10.96.0.10/32  LocalEndpoint  ns/web   clusterIP  1      65000:100") !=
          std::string::npos);
    CHECK(wide.find("NODE  REJECT        SOURCE\na     10.96.0.0/12  serviceClusterIPs\n") !=
          std::string::npos);
    CHECK(wide.find("b     192.0.2.0/24  serviceExternalIPs") != std::string::npos);
    CHECK(previewTable(view, {}, false, false, false).find("REJECT") == std::string::npos);

    json explanation = explainDocument(view, "ns/web");
    CHECK(explanation["nodes"][0]["addresses"][0]["communities"] == json::array({"65000:100"}));
    CHECK_FALSE(explanation["nodes"][1]["addresses"][0].contains("communities"));
    std::string table = explainTable(explanation, false);
    CHECK(table.find("REASON         COMMUNITIES") != std::string::npos);
    CHECK(table.find("LocalEndpoint  65000:100") != std::string::npos);
}
