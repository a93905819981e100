#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "svcadv/model/patch.h"
#include "svcadv/util/error.h"

using namespace svcadv;

namespace {

json loadSuite(const std::string& name) {
    // A path object, not string concatenation: GCC 12 warns (array-bounds) on the latter.
    std::ifstream in(std::filesystem::path(SVCADV_TEST_DATA) / "json-patch-tests" / name);
    REQUIRE_MESSAGE(in, "missing conformance data " << name);
    return json::parse(in);
}

// Runs every enabled case of a json-patch-tests file through applyPatch and counts the outcomes.
void runConformance(const std::string& file) {
    json suite = loadSuite(file);
    int ran = 0;
    for (const auto& test : suite) {
        if (test.value("disabled", false)) continue;
        std::string comment = test.value("comment", test["patch"].dump());
        CAPTURE(comment);
        if (test.contains("error")) {
            // A failure must be reported as invalid input, never crash or pass silently.
            try {
                applyPatch(test["doc"], test["patch"], PatchType::Json);
                FAIL("the patch should have failed: " << test["error"]);
            } catch (const Error& e) {
                CHECK(e.code() == ExitCode::InvalidInput);
            }
        } else if (test.contains("expected")) {
            CHECK(applyPatch(test["doc"], test["patch"], PatchType::Json) == test["expected"]);
        } else {
            CHECK_NOTHROW(applyPatch(test["doc"], test["patch"], PatchType::Json));
        }
        ++ran;
    }
    CHECK(ran > 10);
}

}  // namespace

TEST_CASE("JSON patch conformance: tests.json") {
    runConformance("tests.json");
}
TEST_CASE("JSON patch conformance: spec_tests.json") {
    runConformance("spec_tests.json");
}

TEST_CASE("merge patch replaces lists whole and deletes with null (RFC 7386)") {
    json doc = {{"spec",
                 {{"asNumber", 1},
                  {"serviceClusterIPs", {{{"cidr", "10.0.0.0/8"}}}},
                  {"listenPort", 179}}}};
    json patch = {
        {"spec", {{"serviceClusterIPs", {{{"cidr", "10.96.0.0/12"}}}}, {"listenPort", nullptr}}}};
    json result = applyPatch(doc, patch, PatchType::Merge);
    CHECK(result["spec"]["serviceClusterIPs"] == json::array({{{"cidr", "10.96.0.0/12"}}}));
    CHECK_FALSE(result["spec"].contains("listenPort"));
    CHECK(result["spec"]["asNumber"] == 1);
    CHECK(applyPatch(doc, patch, PatchType::Strategic) == result);
}

TEST_CASE("patch types and malformed patches") {
    CHECK(parsePatchType("json") == PatchType::Json);
    CHECK_THROWS_AS(parsePatchType("apply"), Error);
    CHECK_THROWS_WITH(applyPatch(json::object(), json::object(), PatchType::Json),
                      "a JSON patch must be a list of operations");
    CHECK_THROWS_WITH(applyPatch(json::object(), json::parse(R"([{"op":"remove","path":"/x"}])"),
                                 PatchType::Json),
                      doctest::Contains("JSON patch failed:"));
}

TEST_CASE("a JSON patch that adds below a scalar fails, as RFC 6902 requires") {
    json target = {{"spec", {{"asNumber", 64512}, {"list", {1}}}}};
    CHECK_THROWS_WITH(applyPatch(target, json::parse(R"([{"op":"add","path":"/spec/asNumber/x",
                                                          "value":1}])"),
                                 PatchType::Json),
                      "JSON patch failed: operation 0 (add \"/spec/asNumber/x\"): "
                      "\"/spec/asNumber\" is a number, not an object or a list");
    // The check sees the document as the operations before left it.
    CHECK_THROWS_WITH(
        applyPatch(target, json::parse(R"([{"op":"replace","path":"/spec/list","value":"s"},
                                           {"op":"copy","from":"/spec/asNumber","path":"/spec/list/0"}])"),
                   PatchType::Json),
        doctest::Contains("operation 1 (copy \"/spec/list/0\"): \"/spec/list\" is a string"));
    CHECK(applyPatch(target, json::parse(R"([{"op":"add","path":"/spec/list/-","value":2},
                                             {"op":"add","path":"/spec/x","value":{}},
                                             {"op":"add","path":"/spec/x/y","value":3}])"),
                     PatchType::Json) ==
          json{{"spec", {{"asNumber", 64512}, {"list", {1, 2}}, {"x", {{"y", 3}}}}}});
}
