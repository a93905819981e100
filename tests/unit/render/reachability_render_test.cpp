// The reachability of one service as text and JSON, and warning lines with their --diff marks.
#include <doctest/doctest.h>

#include "route_fixtures.h"
#include "svcadv/render/reachability_render.h"

using namespace svcadv;
using namespace svcadv::test;

TEST_CASE("reachability text and JSON: the covering range, who serves, endpoints, verdict") {
    Cluster cluster;
    cluster.nodes = {"a", "b"};
    cluster.spec =
        "{serviceClusterIPs: [{cidr: 10.96.0.0/12}], serviceLoadBalancerIPs: [{cidr: "
        "198.51.100.0/24}]}";
    cluster.documents = {
        service("web", kLocalLb, "{loadBalancer: {ingress: [{ip: 198.51.100.7}]}}"),
        slice("web", {"a"})};
    auto result = plan(cluster);
    auto reach = assessServiceReachability(result.state, result.plan, 0);
    std::string text = reachabilityText(reach, result.state, false);
    CHECK(text.find("Reachability of ns/web (Local policy):") != std::string::npos);
    CHECK(text.find("198.51.100.7/32 (host)") != std::string::npos);
    CHECK(text.find("198.51.100.0/24 (range)") != std::string::npos);
    CHECK(text.find("loadBalancerIP 198.51.100.7: reachable through 2 node(s); 1 of them drop it "
                    "(no ready local endpoint)") != std::string::npos);
    CHECK(text.find("NODE  READY  SERVING  TERMINATING\na     yes    yes      no") !=
          std::string::npos);
    json document = reachabilityJson(reach, result.state);
    CHECK(document["policy"] == "Local");
    CHECK(document["addresses"][1]["nodes"][0]["via"] == "host");
    CHECK(document["addresses"][1]["nodes"][1]["via"] == "range");
    CHECK(document["addresses"][1]["nodes"][1]["canServe"] == false);
    CHECK(document["endpoints"][0]["terminating"] == false);
}

TEST_CASE("warning lines, plain and marked") {
    PreviewWarning w{WarningCode::UnparsableIP, "ns/x", "", "", "bad"};
    CHECK(warningLines(std::vector<PreviewWarning>{w}) == "Warning: UnparsableIP: ns/x: bad\n");
    CHECK(warningLines(std::vector<WarningChange>{{WarningChangeKind::New, w}}) ==
          "Warning (new): UnparsableIP: ns/x: bad\n");
    json marked = warningChangeArray({{WarningChangeKind::Resolved, w}});
    CHECK(marked[0]["change"] == "resolved");
    CHECK(marked[0]["code"] == "UnparsableIP");
}
