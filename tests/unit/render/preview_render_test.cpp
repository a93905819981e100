// The RoutePreview document and the explanation of a service.
#include <doctest/doctest.h>

#include <ostream>
#include <streambuf>

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

namespace {

// A stream buffer that keeps what is written and counts the writes that reached it.
class CountingBuffer : public std::streambuf {
  public:
    std::string text;
    int writes = 0;

  protected:
    std::streamsize xsputn(const char* data, std::streamsize size) override {
        ++writes;
        text.append(data, static_cast<std::size_t>(size));
        return size;
    }
    int_type overflow(int_type c) override {
        ++writes;
        if (c != traits_type::eof()) text += static_cast<char>(c);
        return traits_type::not_eof(c);
    }
};

}  // namespace

TEST_CASE("a plan of several mebibytes is written in pieces, the same document") {
    Cluster cluster;
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    Result result{cluster.state(), {}};
    for (int i = 0; i < 12000; ++i)
        result.state.nodes.push_back({"node-" + std::to_string(i), std::nullopt});
    result.plan = computeRoutePlan(result.state, {});
    PlanView view{result.state, result.plan};
    CountingBuffer buffer;
    std::ostream out(&buffer);
    writePreviewJson(out, view, {});
    CHECK(buffer.text.size() > (std::size_t{2} << 20));
    // About one write per mebibyte: never the whole text at once, never a write per route.
    CHECK(buffer.writes >= 2);
    CHECK(buffer.writes <= static_cast<int>(buffer.text.size() >> 20) + 1);
    CHECK(json::parse(buffer.text) == previewDocument(view, {}));
    CHECK(buffer.text == previewJson(view, {}));
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

// The keys of every object in a document, by where they are ("nodes[].routes[]"), without the
// change markers: what a script reading the document relies on.
namespace {

void collectShape(const json& value, const std::string& at, std::set<std::string>& out) {
    if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            if (key == "change") continue;
            out.insert(at + "." + key);
            collectShape(member, at + "." + key, out);
        }
    } else if (value.is_array()) {
        for (const auto& item : value)
            collectShape(item, at + "[]", out);
    }
}

std::set<std::string> shapeOf(const json& document) {
    std::set<std::string> out;
    collectShape(document, "", out);
    return out;
}

}  // namespace

TEST_CASE("RoutePreviewDiff has RoutePreview's structure, every item marked") {
    Cluster cluster;
    cluster.nodes = {"a", "b"};
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], "
        "serviceExternalIPs: [{cidr: 192.0.2.0/24}]}";
    cluster.documents = {service("web", kLocalLb), slice("web", {"a"})};
    auto before = plan(cluster);
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], "
        "serviceLoadBalancerIPs: [{cidr: 198.51.100.0/24}]}";
    auto after = plan(cluster);
    PlanView was{before.state, before.plan}, now{after.state, after.plan};
    auto changes = diffPlans(was, now, {});
    PreviewWarning resolved{WarningCode::UnparsableIP, "ns/x", "", "", "bad"};
    json diff = diffDocument(changes, was, now, {{WarningChangeKind::Resolved, resolved}});
    json preview = previewDocument(now, {});

    CHECK(diff["apiVersion"] == preview["apiVersion"]);
    CHECK(diff["kind"] == "RoutePreviewDiff");
    CHECK(diff["semantics"] == preview["semantics"]);
    // Every path of the diff is a path of the preview (the preview here has no communities, and
    // the warning is the diff's alone: compare those with a warning of the preview's shape).
    std::set<std::string> diffShape = shapeOf(diff), previewShape = shapeOf(preview);
    previewShape.insert(
        {".warnings", ".warnings[].code", ".warnings[].service", ".warnings[].message"});
    for (const auto& path : diffShape)
        CHECK_MESSAGE(previewShape.count(path) == 1, path);
    for (const char* path : {".nodes[].routes[].prefix", ".nodes[].routes[].sources[].reason",
                             ".nodes[].rejectCidrs[].cidr", ".prefixes[].nodes"})
        CHECK(diffShape.count(path) == 1);

    // The routes and reject cidrs per node: 192.0.2.0/24 withdrawn, 198.51.100.0/24 added, on
    // both nodes; the LB host route of web stays (aggregation Enabled: its range, no /32 change).
    std::vector<std::string> lines;
    for (const auto& node : diff["nodes"]) {
        for (const auto& route : node["routes"])
            lines.push_back(node["name"].get<std::string>() + " " +
                            route["change"].get<std::string>() + " " +
                            route["prefix"].get<std::string>());
    }
    CHECK(lines == Lines{"a added 198.51.100.0/24", "a withdrawn 192.0.2.0/24",
                         "b added 198.51.100.0/24", "b withdrawn 192.0.2.0/24"});
    REQUIRE(diff["nodes"][0]["rejectCidrs"].size() == 2);
    CHECK(diff["nodes"][0]["rejectCidrs"][0] ==
          json{{"cidr", "198.51.100.0/24"},
               {"sources", json::array({"serviceLoadBalancerIPs"})},
               {"change", "added"}});
    CHECK(diff["nodes"][0]["rejectCidrs"][1]["change"] == "withdrawn");
    CHECK(diff["prefixes"] ==
          json::parse(R"([{"prefix": "192.0.2.0/24", "nodes": ["a", "b"], "change": "withdrawn"},
                          {"prefix": "198.51.100.0/24", "nodes": ["a", "b"], "change": "added"}])"));
    CHECK(diff["warnings"][0]["change"] == "resolved");
    CHECK(diff["warnings"][0]["code"] == "UnparsableIP");
}
