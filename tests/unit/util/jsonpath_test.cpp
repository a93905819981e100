// kubectl's JSONPath: fields, indexes and slices, wildcards, recursive descent, filters, ranges,
// literals, and the errors of a bad template.
#include <doctest/doctest.h>

#include "svcadv/util/error.h"
#include "svcadv/util/jsonpath.h"

using namespace svcadv;
using json = nlohmann::json;

namespace {

const json kList = json::parse(R"({
  "kind": "List",
  "items": [
    {"metadata": {"name": "default", "labels": {"app.kubernetes.io/name": "calico"}},
     "spec": {"serviceClusterIPs": [{"cidr": "10.96.0.0/12"}], "asNumber": 64512}},
    {"metadata": {"name": "node.a"}, "spec": {"asNumber": 65001}},
    {"metadata": {"name": "node.b"}, "spec": {"asNumber": 65002, "flag": true}}
  ]
})");

std::string eval(const std::string& text, const json& root = kList) {
    return JsonPathTemplate::parse(text).execute(root);
}

}  // namespace

TEST_CASE("jsonpath: fields, indexes, slices, wildcards") {
    CHECK(eval("{.kind}") == "List");
    CHECK(eval("{.items[0].metadata.name}") == "default");
    CHECK(eval("{.items[-1].metadata.name}") == "node.b");
    CHECK(eval("{.items[*].metadata.name}") == "default node.a node.b");
    CHECK(eval("{.items[1:].metadata.name}") == "node.a node.b");
    CHECK(eval("{.items[0:3:2].metadata.name}") == "default node.b");
    CHECK(eval("{.items[0].spec.serviceClusterIPs}") == R"([{"cidr":"10.96.0.0/12"}])");
    CHECK(eval("{.items[0].spec.asNumber}") == "64512");
    CHECK(eval("{$.items[0]['metadata']['name']}") == "default");
    CHECK(eval("{.items[0].metadata['name','labels']}") ==
          R"(default {"app.kubernetes.io/name":"calico"})");
    CHECK(eval(R"({.items[0].metadata.labels.app\.kubernetes\.io/name})") == "calico");
    CHECK(eval("{.items[5].metadata.name}") == "");  // missing: nothing, as kubectl -o jsonpath
    CHECK(eval("name: {.items[0].metadata.name}!") == "name: default!");
}

TEST_CASE("jsonpath: recursive descent and filters") {
    CHECK(eval("{..cidr}") == "10.96.0.0/12");
    CHECK(eval(R"({.items[?(@.metadata.name=="node.a")].spec.asNumber})") == "65001");
    CHECK(eval("{.items[?(@.spec.asNumber > 65000)].metadata.name}") == "node.a node.b");
    CHECK(eval("{.items[?(@.spec.flag)].metadata.name}") == "node.b");
    CHECK(eval("{.items[?(@.spec.flag == true)].metadata.name}") == "node.b");
    CHECK(eval("{.items[?(@.metadata.name != 'default')].metadata.name}") == "node.a node.b");
}

TEST_CASE("jsonpath: range, end and string literals") {
    CHECK(eval(R"({range .items[*]}{.metadata.name}{"\t"}{.spec.asNumber}{"\n"}{end})") ==
          "default\t64512\nnode.a\t65001\nnode.b\t65002\n");
    CHECK(eval("{range .items[*]}[{.metadata.name}]{end}") == "[default][node.a][node.b]");
    CHECK(eval("{range .items[*]}{range .spec.serviceClusterIPs[*]}{.cidr}{end}{end}") ==
          "10.96.0.0/12");
}

TEST_CASE("jsonpath: a bad template is a usage error naming the problem") {
    auto message = [](const std::string& text) {
        try {
            JsonPathTemplate::parse(text);
        } catch (const Error& e) {
            CHECK(e.code() == ExitCode::Usage);
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(message("{.items") == "-o jsonpath: unclosed '{'");
    CHECK(message("{range .items[*]}{.a}") == "-o jsonpath: {range} without {end}");
    CHECK(message("{end}") == "-o jsonpath: {end} without {range}");
    CHECK(message("{.items[}") ==
          "-o jsonpath: expected an index, a slice, '*', a name or a filter in []");
    CHECK(message("{.a b}") == "-o jsonpath: unexpected 'b' in {.a b}");
}
