#include <doctest/doctest.h>

#include "svcadv/render/render.h"
#include "svcadv/util/error.h"
#include "test_helpers.h"

using namespace svcadv;

namespace {
json storedDefault() {
    json o = test::bgpConfig("default", R"({"asNumber": 64512, "nodeToNodeMeshEnabled": true,
        "serviceClusterIPs": [{"cidr": "10.96.0.0/12"}, {"cidr": "fd00::/108"}],
        "serviceLoadBalancerIPs": [{"cidr": "198.51.100.0/24"}], "logSeverityScreen": "Info"})");
    o["metadata"]["resourceVersion"] = "7";
    return o;
}
}  // namespace

TEST_CASE("the default table shows the service ranges, aligned, '-' when unset") {
    std::string table = renderBgpConfigurations({storedDefault(), test::bgpConfig("node.a")},
                                                parseOutputFormat("ps"), true, false);
    CHECK(table ==
          "NAME     ASNUMBER  MESH  CLUSTER-IPS              EXTERNAL-IPS  LOADBALANCER-IPS\n"
          "default  64512     true  10.96.0.0/12,fd00::/108  -             198.51.100.0/24\n"
          "node.a   -         -     -                        -             -\n");
    std::string wide =
        renderBgpConfigurations({storedDefault()}, parseOutputFormat("wide"), false, true);
    CHECK(wide ==
          "default  64512  true  10.96.0.0/12,fd00::/108  -  198.51.100.0/24  Info  -  -\n");
}

TEST_CASE("custom columns, names, YAML and JSON") {
    auto format = parseOutputFormat(
        "custom-columns=NAME:.metadata.name,RV:.metadata.resourceVersion,"
        "FIRST:.spec.serviceClusterIPs[0].cidr,ALL:.spec.serviceClusterIPs[*].cidr,X:.spec.nope");
    CHECK(renderBgpConfigurations({storedDefault()}, format, false, false) ==
          "NAME     RV  FIRST         ALL                      X\n"
          "default  7   10.96.0.0/12  10.96.0.0/12,fd00::/108  -\n");
    CHECK(renderBgpConfigurations({storedDefault()}, parseOutputFormat("name"), false, false) ==
          "bgpconfiguration.projectcalico.org/default\n");
    json list = json::parse(
        renderBgpConfigurations({storedDefault()}, parseOutputFormat("json"), true, false));
    CHECK(list["kind"] == "BGPConfigurationList");
    CHECK(list["items"][0] == storedDefault());
    std::string yaml =
        renderBgpConfigurations({storedDefault()}, parseOutputFormat("yaml"), false, false);
    CHECK(
        yaml.starts_with("apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata:\n"));
    CHECK(parseValue(yaml, "yaml") == storedDefault());
}

TEST_CASE("bad output formats are usage errors naming the format") {
    CHECK_THROWS_WITH(parseOutputFormat("xml"), "unrecognized output format 'xml'");
    CHECK_THROWS_WITH(parseOutputFormat("custom-columns="),
                      "unrecognized output format 'custom-columns='");
    CHECK_THROWS_WITH(parseOutputFormat("custom-columns=NAME"),
                      doctest::Contains("expected HEADER:.path"));
    CHECK_THROWS_WITH(parseOutputFormat("custom-columns=A:spec"),
                      doctest::Contains("must start with '.'"));
    try {
        parseOutputFormat("xml");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Usage);
    }
}

TEST_CASE("tables have no trailing spaces") {
    std::string t = formatTable({{"A", "B"}, {"longer", ""}});
    CHECK(t == "A       B\nlonger\n");
}

TEST_CASE("other kinds render from their registry entry: names, lists and columns") {
    json node = {{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", {{"name", "n1"}}}};
    json slice = {{"kind", "EndpointSlice"}, {"metadata", {{"name", "web-x"}}}};
    CHECK(renderResources(kindInfo("Node"), {node}, parseOutputFormat("name"), false, false) ==
          "node/n1\n");
    CHECK(renderResources(kindInfo("EndpointSlice"), {slice}, parseOutputFormat("name"), false,
                          false) == "endpointslice.discovery.k8s.io/web-x\n");
    json list = json::parse(renderResources(kindInfo("EndpointSlice"), {slice},
                                            parseOutputFormat("json"), true, false));
    CHECK(list["apiVersion"] == "discovery.k8s.io/v1");
    CHECK(list["kind"] == "EndpointSliceList");
    // A kind without table columns prints custom columns all the same.
    CHECK(renderResources(kindInfo("Node"), {node},
                          parseOutputFormat("custom-columns=N:.metadata.name"), false,
                          true) == "n1\n");
}
