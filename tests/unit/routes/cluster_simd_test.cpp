// The simdjson reader against the existing decoder: for every input, the same ClusterState or the
// same message. Inputs: the repo's example cluster and samples as JSON Lists, clusters from
// bench/gen_snapshot, and mutations that take each fallback.
#include "svcadv/routes/cluster_simd.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "cluster_samples.h"
#include "svcadv/util/document.h"

using namespace svcadv;
using namespace svcadv::test;

namespace {

// Every field of a state, one line per object, so that a difference shows where it is.
std::string describe(const ClusterState& state) {
    std::ostringstream out;
    for (const auto& config : state.bgpConfigurations)
        out << "bgp " << config.origin << " " << encodeBgpConfiguration(config.resource).dump()
            << "\n";
    for (const auto& node : state.nodes)
        out << "node " << node.name << " " << (node.excludeLabel ? "=" + *node.excludeLabel : "-")
            << "\n";
    auto list = [&](const std::vector<std::string>& items) {
        out << "[";
        for (const auto& item : items)
            out << item << ",";
        out << "]";
    };
    for (const auto& s : state.services) {
        out << "svc " << s.namespace_ << "/" << s.name << " type=" << s.type
            << " cip=" << s.clusterIP << " cips=";
        list(s.clusterIPs);
        out << " fam=";
        list(s.ipFamilies);
        out << " ext=";
        list(s.externalIPs);
        out << " lb=" << s.loadBalancerIP << " pol=" << s.externalTrafficPolicy << " ing=";
        list(s.ingressIPs);
        out << " defaulted=";
        list(s.defaulted);
        out << "\n";
    }
    for (const auto& slice : state.endpointSlices) {
        out << "slice " << slice.namespace_ << "/" << slice.name << " svc=" << slice.serviceName
            << " at=" << slice.addressType << " eps=";
        for (const auto& e : slice.endpoints)
            out << e.nodeName << (e.ready ? "+" : "-")
                << (e.serving ? (*e.serving ? "s" : "!s") : "") << (e.terminating ? "t" : "")
                << ",";
        out << "\n";
    }
    for (const auto& endpoints : state.coreEndpoints) {
        out << "endpoints " << endpoints.namespace_ << "/" << endpoints.name << " ready=";
        for (const auto& address : endpoints.readyAddresses)
            out << address.ip << "@" << address.nodeName << ",";
        out << "\n";
    }
    out << "calicoVersion " << state.calicoVersion.value_or("-") << "\n";
    out << "ignored " << state.ignoredObjects << "\n";
    return out.str();
}

// What a reader makes of a text: the state described, or the error's code and message.
template <typename Reader>
std::string outcome(const std::string& text, Reader read, std::size_t* progressCalls = nullptr) {
    ClusterState state;
    std::size_t calls = 0;
    try {
        read(state, text, [&](std::size_t) { ++calls; });
        removeDuplicateObjects(state);
    } catch (const Error& e) {
        return "error " + std::to_string(static_cast<int>(e.code())) + ": " + e.what();
    }
    if (progressCalls) *progressCalls = calls;
    return describe(state);
}

std::string existing(const std::string& text, std::size_t* calls = nullptr) {
    return outcome(
        text,
        [](ClusterState& state, const std::string& t, const ObjectProgress& progress) {
            readClusterObjects(state, t, "in.json", progress);
        },
        calls);
}

std::string fast(const std::string& text, std::size_t* calls = nullptr) {
    return outcome(
        text,
        [](ClusterState& state, const std::string& t, const ObjectProgress& progress) {
            std::string padded = t + std::string(kClusterTextPadding, '\0');
            // Offsets it is done with only grow, and stay inside the text.
            std::size_t done = 0;
            auto consumed = [&](std::size_t offset) {
                CHECK(offset >= done);
                CHECK(offset <= t.size());
                done = offset;
            };
            readClusterObjectsPadded(state, std::string_view(padded.data(), t.size()), "in.json",
                                     progress, consumed);
        },
        calls);
}

// Both readers agree on `text` (and call progress as often); returns their outcome.
std::string expectSame(const std::string& text) {
    std::size_t existingCalls = 0, fastCalls = 0;
    std::string expected = existing(text, &existingCalls);
    std::string got = fast(text, &fastCalls);
    CHECK(got == expected);
    CHECK(fastCalls == existingCalls);
    return expected;
}

std::string listOf(const std::vector<std::string>& members) {
    std::string text = R"({"apiVersion":"v1","kind":"List","items":[)";
    for (std::size_t i = 0; i < members.size(); ++i)
        text += (i ? "," : "") + members[i];
    return text + R"(],"metadata":{"resourceVersion":""}})";
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// bench/gen_snapshot's dump of a cluster of these sizes ("NODES SERVICES ENDPOINTS").
std::string generatedCluster(const std::string& sizes) {
    std::string command = std::string(SVCADV_GEN_SNAPSHOT) + " " + sizes;
    std::FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::string text;
    char chunk[1 << 16];
    for (std::size_t got; (got = std::fread(chunk, 1, sizeof chunk, pipe)) > 0;)
        text.append(chunk, got);
    REQUIRE(::pclose(pipe) == 0);
    return text;
}

const char* kNodeJson =
    R"({"apiVersion":"v1","kind":"Node","metadata":{"name":"n1","labels":)"
    R"({"node.kubernetes.io/exclude-from-external-load-balancers":"true","a":"b"}}})";

}  // namespace

TEST_CASE("the example cluster as a JSON List and as a top-level list decodes the same") {
    std::string folder = std::string(SVCADV_TEST_DATA) + "/../../examples/cluster/";
    std::vector<std::string> members;
    for (const char* name :
         {"nodes.yaml", "services.yaml", "endpointslices.yaml", "bgpconfiguration.yaml"}) {
        std::string path = folder + name;
        for (const auto& document : expandLists(parseDocuments(readFile(path), path)))
            members.push_back(document.body.dump());
    }
    REQUIRE(members.size() > 10);
    std::string list = listOf(members);
    std::string described = expectSame(list);
    CHECK(described.find("node ") != std::string::npos);
    CHECK(described.find("svc ") != std::string::npos);
    CHECK(described.find("slice ") != std::string::npos);
    CHECK(described.find("bgp ") != std::string::npos);
    std::string array = "[";
    for (std::size_t i = 0; i < members.size(); ++i)
        array += (i ? ",\n  " : "") + members[i];
    expectSame(array + "]");
    // Pretty-printed, as kubectl writes it.
    expectSame(json::parse(list).dump(4));
}

TEST_CASE("clusters from bench/gen_snapshot decode the same") {
    for (const char* sizes : {"7 60 300", "500 5000 25000"}) {
        CAPTURE(sizes);
        std::string described = expectSame(generatedCluster(sizes));
        CHECK(described.find("eps=node-") != std::string::npos);
    }
}

TEST_CASE("members the fast path hands back decode as the existing decoder decodes them") {
    std::string pod =
        R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"type":5}})";
    std::string bgp =
        R"({"apiVersion":"projectcalico.org/v3","kind":"BGPConfiguration","metadata":)"
        R"({"name":"default"},"spec":{"serviceClusterIPs":[{"cidr":"10.96.0.0/12"}]}})";
    // A wrong type where no kind reads it, nulls as absent, duplicates, escaped keys.
    std::string nodeWithOddSpec =
        R"({"kind":"Node","apiVersion":"v1","metadata":{"name":"n2"},"spec":"x","status":7})";
    std::string nulls =
        R"({"kind":"Service","apiVersion":"v1","metadata":{"name":"s","namespace":null},)"
        R"("spec":{"type":null,"clusterIPs":[null,"10.0.0.1"],"externalIPs":null},)"
        R"("status":{"loadBalancer":{"ingress":[null,{"ip":""},{"ip":"1.2.3.4"}]}}})";
    std::string duplicates =
        R"({"kind":"Service","apiVersion":"v1","metadata":{"name":"a"},"metadata":{"name":"b"},)"
        R"("spec":{"clusterIPs":["1.1.1.1"]},"spec":{"clusterIPs":["2.2.2.2"]}})";
    std::string escaped =
        R"({"\u006bind":"Node","apiVersion":"v1","metadata":{"name":"n\u00e9\n"}})";
    std::string sliceOddEndpoints =
        R"({"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1","metadata":{"name":"e",)"
        R"("labels":{"kubernetes.io/service-name":"web"}},"endpoints":[null,{"nodeName":null,)"
        R"("conditions":{"ready":null}},{"nodeName":"n1","conditions":{"ready":false}}]})";
    std::string described =
        expectSame(listOf({kServiceJson, kSliceJson, kNodeJson, pod, bgp, nodeWithOddSpec, nulls,
                           escaped, sliceOddEndpoints}));
    CHECK(described.find("bgp in.json: document 1: items[4]") != std::string::npos);
    CHECK(described.find("ignored 1") != std::string::npos);
    CHECK(described.find("node né\n -") != std::string::npos);
    // A repeated key is refused, as the existing decoder refuses it, wherever the reader walks.
    CHECK(expectSame(listOf({kNodeJson, duplicates})).find("duplicate key \"metadata\"") !=
          std::string::npos);
    std::string repeatedLabel =
        R"({"kind":"Node","apiVersion":"v1","metadata":{"name":"n","labels":{"a":"1","a":"2"}}})";
    CHECK(expectSame(listOf({repeatedLabel})).find("duplicate key \"a\"") != std::string::npos);
}

TEST_CASE("an escape or a control character at any place of a name or a string decodes the same") {
    // Names and strings are looked at eight bytes at a time, the last word masked: every length
    // around the word size, with the odd byte at each place, and spaces before the colon or comma.
    for (std::size_t length = 0; length <= 18; ++length) {
        for (std::size_t at = 0; at <= length; ++at) {
            for (const char* odd : {"", "\\u0061", "\\\"", "\x01", "\x1f", "\xc3\xa9"}) {
                std::string text(length, 'x');
                text.insert(at, odd);
                std::string member = R"({"kind":"Node","apiVersion":"v1","metadata":{"name":")" +
                                     text + R"(" ,"labels":{")" + text + R"(" : "v"}}})";
                expectSame(listOf({member}));
            }
        }
    }
}

TEST_CASE("Endpoints, ClusterInformation and endpoint conditions decode the same") {
    std::string coreEndpoints =
        R"({"kind":"Endpoints","apiVersion":"v1","metadata":{"name":"web","namespace":"shop"},)"
        R"("subsets":[{"addresses":[{"ip":"10.1.0.1","nodeName":"n1"},{"ip":"10.1.0.2"}],)"
        R"("notReadyAddresses":[{"ip":"10.1.0.9","nodeName":"n9"}]},null,)"
        R"({"addresses":[null,{"ip":"fd00::1","nodeName":"n2"}]}]})";
    // Endpoints of another group are some other kind.
    std::string otherEndpoints =
        R"({"kind":"Endpoints","apiVersion":"example.com/v1","metadata":{"name":"x"}})";
    std::string clusterInformation =
        R"({"apiVersion":"crd.projectcalico.org/v1","kind":"ClusterInformation",)"
        R"("metadata":{"name":"default"},"spec":{"calicoVersion":"v3.29.2","clusterGUID":"g"}})";
    std::string otherInformation =
        R"({"apiVersion":"projectcalico.org/v3","kind":"ClusterInformation",)"
        R"("metadata":{"name":"other"},"spec":{"calicoVersion":"v3.31.0"}})";
    std::string conditions =
        R"({"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1","metadata":{"name":"c",)"
        R"("labels":{"kubernetes.io/service-name":"web"}},"addressType":"IPv4","endpoints":[)"
        R"({"nodeName":"n1","conditions":{"ready":false,"serving":true,"terminating":true}},)"
        R"({"nodeName":"n2","conditions":{"serving":false,"terminating":null}},)"
        R"({"nodeName":"n3","conditions":{"terminating":false,"serving":null}}]})";
    std::string described = expectSame(listOf({kNodeJson, coreEndpoints, otherEndpoints,
                                               clusterInformation, otherInformation, conditions}));
    CHECK(described.find("endpoints shop/web ready=10.1.0.1@n1,10.1.0.2@,fd00::1@n2,\n") !=
          std::string::npos);
    CHECK(described.find("calicoVersion v3.29.2") != std::string::npos);
    CHECK(described.find("eps=n1-st,n2+!s,n3+,") != std::string::npos);
    CHECK(described.find("ignored 2") != std::string::npos);
    // Wrong types in what these kinds read are the existing decoder's errors.
    for (const std::string& bad :
         {std::string(R"({"kind":"Endpoints","apiVersion":"v1","metadata":{"name":"e"},)"
                      R"("subsets":[{"addresses":[{"ip":5}]}]})"),
          std::string(R"({"kind":"Endpoints","apiVersion":"v1","metadata":{"name":"e"},)"
                      R"("subsets":{"addresses":[]}})"),
          std::string(R"({"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1",)"
                      R"("metadata":{"name":"e"},"endpoints":[{"conditions":{"serving":1}}]})"),
          std::string(
              R"({"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1",)"
              R"("metadata":{"name":"e"},"endpoints":[{"conditions":{"terminating":"y"}}]})"),
          std::string(R"({"apiVersion":"projectcalico.org/v3","kind":"ClusterInformation",)"
                      R"("metadata":{"name":"default"},"spec":{"calicoVersion":3}})")}) {
        CAPTURE(bad);
        CHECK(expectSame(listOf({kNodeJson, bad})).rfind("error 3: in.json", 0) == 0);
    }
    // A Service's subsets are nobody's concern.
    expectSame(listOf({R"({"kind":"Service","apiVersion":"v1","metadata":{"name":"s"},)"
                       R"("subsets":"x"})"}));
}

TEST_CASE(
    "a fallback after Endpoints and a ClusterInformation leaves the existing decoder's state") {
    ClusterState state;
    std::string first =
        listOf({R"({"kind":"Endpoints","apiVersion":"v1","metadata":{"name":"w"},)"
                R"("subsets":[{"addresses":[{"ip":"10.0.0.1"}]}]})",
                R"({"apiVersion":"projectcalico.org/v3","kind":"ClusterInformation",)"
                R"("metadata":{"name":"default"},"spec":{"calicoVersion":"v3.30.1"}})"});
    std::string padded = first + std::string(kClusterTextPadding, '\0');
    readClusterObjectsPadded(state, std::string_view(padded.data(), first.size()), "a.json");
    std::string second =
        listOf({R"({"kind":"Endpoints","apiVersion":"v1","metadata":{"name":"v"}})",
                R"({"apiVersion":"projectcalico.org/v3","kind":"ClusterInformation",)"
                R"("metadata":{"name":"default"},"spec":{"calicoVersion":"v3.31.0"}})",
                R"({"kind":"Node","apiVersion":"v1","metadata":{"name":"m"},"spec":"x"})", "[1]"});
    std::string padded2 = second + std::string(kClusterTextPadding, '\0');
    CHECK_THROWS_AS(
        readClusterObjectsPadded(state, std::string_view(padded2.data(), second.size()), "b.json"),
        Error);
    ClusterState expected;
    readClusterObjects(expected, first, "a.json");
    CHECK_THROWS_AS(readClusterObjects(expected, second, "b.json"), Error);
    CHECK(describe(state) == describe(expected));
}

TEST_CASE("texts with errors give the existing decoder's message") {
    std::vector<std::string> texts = {
        // Wrong types the decoded kind reads.
        listOf(
            {R"({"kind":"Service","apiVersion":"v1","metadata":{"name":"s"},"spec":{"clusterIPs":"x"}})"}),
        listOf(
            {R"({"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1","metadata":{"name":"e"},"endpoints":[{"conditions":{"ready":"yes"}}]})"}),
        listOf({kNodeJson, R"({"kind":5})"}),
        // Missing kind or name, unsupported apiVersion, members that are not objects.
        listOf({R"({"apiVersion":"v1","metadata":{"name":"x"}})"}),
        listOf({R"({"kind":"Node","apiVersion":"v1","metadata":{}})"}),
        listOf(
            {R"({"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1beta1","metadata":{"name":"e"}})"}),
        listOf({kNodeJson, "[1]"}),
        listOf({kNodeJson, "null"}),
        // A BGPConfiguration with an unknown field.
        listOf(
            {R"({"apiVersion":"projectcalico.org/v3","kind":"BGPConfiguration","metadata":{"name":"default"},"spec":{"bogus":1}})"}),
        // Invalid JSON: truncated, trailing text, a raw control character, bad UTF-8.
        listOf({kNodeJson}).substr(0, 60),
        listOf({kNodeJson}) + " {}",
        listOf({R"({"kind":"Node","apiVersion":"v1","metadata":{"name":"a)"
                "\x01"
                R"("}})"}),
        listOf({R"({"kind":"Node","apiVersion":"v1","metadata":{"name":"a)"
                "\xff"
                R"("}})"}),
        "[" + std::string(kNodeJson) + ",]",
    };
    for (const auto& text : texts) {
        CAPTURE(text);
        CHECK(expectSame(text).rfind("error 3: in.json", 0) == 0);
    }
}

TEST_CASE("texts the fast path does not take are read by the existing decoder") {
    // One object, a List whose items are not a list, an empty list, YAML.
    expectSame(kNodeJson);
    expectSame(R"({"kind":"List","items":{"a":1}})");
    expectSame(R"({"kind":"List","items":[]})");
    expectSame("[]");
    CHECK(expectSame("kind: Node\napiVersion: v1\nmetadata: {name: y}\n").find("node y") == 0);
    // Two item lists in one List: a repeated key, refused by both.
    std::string twoLists = R"({"items":[)" + std::string(kNodeJson) + R"(],"items":[)" +
                           R"({"kind":"Node","apiVersion":"v1","metadata":{"name":"n9"}}]})";
    CHECK(expectSame(twoLists).find("duplicate key \"items\"") != std::string::npos);
}

TEST_CASE("a second text adds to the state read so far, also when it falls back") {
    ClusterState state;
    std::string first = listOf({kNodeJson}) + std::string(kClusterTextPadding, '\0');
    readClusterObjectsPadded(state, std::string_view(first.data(), first.size() - 64), "a.json");
    std::string bad =
        listOf({kServiceJson,
                R"({"kind":"Node","apiVersion":"v1","metadata":{"name":"m"},"spec":"x"})", "[1]"});
    std::string padded = bad + std::string(kClusterTextPadding, '\0');
    CHECK_THROWS_AS(
        readClusterObjectsPadded(state, std::string_view(padded.data(), bad.size()), "b.json"),
        Error);
    ClusterState expected;
    readClusterObjects(expected, listOf({kNodeJson}), "a.json");
    CHECK_THROWS_AS(readClusterObjects(expected, bad, "b.json"), Error);
    CHECK(describe(state) == describe(expected));
}

namespace {

// A list page as the API serves it: kind, apiVersion and metadata first, then items.
std::string pageOf(const std::string& kind, const std::string& apiVersion, const json& items,
                   const json& continueToken = nullptr) {
    json meta = {{"resourceVersion", "7"}};
    if (!continueToken.is_null()) meta["continue"] = continueToken;
    return R"({"kind":")" + kind + R"(List","apiVersion":")" + apiVersion + R"(","metadata":)" +
           meta.dump() + R"(,"items":)" + items.dump() + "}";
}

// The page as the datastore's list decoded it before pages were streamed: one tree, each item
// completed with the list's kind and apiVersion, decoded on its own.
std::string pageByTree(const std::string& text, const ListItemType& type) {
    ClusterState state;
    try {
        json page = json::parse(text);
        for (auto item : page["items"]) {
            if (!item.contains("kind")) item["kind"] = type.kind;
            if (!item.contains("apiVersion")) item["apiVersion"] = type.apiVersion;
            addClusterObject(state, Document{"Kubernetes API S", std::string(type.kind), item});
        }
    } catch (const Error& e) {
        return "error " + std::to_string(static_cast<int>(e.code())) + ": " + e.what();
    }
    return describe(state);
}

std::string pageFast(const std::string& text, const ListItemType& type,
                     std::string* token = nullptr, std::size_t* items = nullptr) {
    ClusterState state;
    std::string padded = text + std::string(kClusterTextPadding, '\0');
    try {
        ListPage page = readClusterListPagePadded(
            state, std::string_view(padded.data(), text.size()), type, "Kubernetes API S", "S");
        if (token) *token = page.continueToken;
        if (items) *items = page.items;
    } catch (const Error& e) {
        return "error " + std::to_string(static_cast<int>(e.code())) + ": " + e.what();
    }
    return describe(state);
}

const ListItemType kNodeItems{"Node", "v1"};
const ListItemType kServiceItems{"Service", "v1"};
const ListItemType kSliceItems{"EndpointSlice", "discovery.k8s.io/v1"};

}  // namespace

TEST_CASE("list pages of a generated cluster decode as the tree path decoded them") {
    std::string text = generatedCluster("40 300 1500");
    std::map<std::string, json> itemsByKind;
    json list = json::parse(text);
    for (auto item : list["items"]) {
        std::string kind = item["kind"];
        // Built-in lists' items carry neither kind nor apiVersion.
        item.erase("kind");
        item.erase("apiVersion");
        itemsByKind[kind].push_back(item);
    }
    for (const auto& [kind, type] : std::map<std::string, ListItemType>{
             {"Node", kNodeItems}, {"Service", kServiceItems}, {"EndpointSlice", kSliceItems}}) {
        CAPTURE(kind);
        const json& items = itemsByKind[kind];
        REQUIRE(items.size() >= 40);
        std::string page = pageOf(kind, std::string(type.apiVersion), items, "next-page");
        std::string token;
        std::size_t count = 0;
        std::string got = pageFast(page, type, &token, &count);
        CHECK(got == pageByTree(page, type));
        CHECK(got.find("error") == std::string::npos);
        CHECK(token == "next-page");
        CHECK(count == items.size());
    }
}

TEST_CASE("a page's items keep a kind of their own; the last page has no token") {
    json items = json::array({json::parse(kNodeJson), json{{"metadata", {{"name", "n2"}}}}});
    std::string page = pageOf("Node", "v1", items);
    std::string token = "unset";
    std::string got = pageFast(page, kNodeItems, &token);
    CHECK(got == pageByTree(page, kNodeItems));
    CHECK(got.find("node n1 =true\nnode n2 -\n") != std::string::npos);
    CHECK(token.empty());
    // metadata after the items, a null token: the same.
    std::string late = R"({"items":)" + items.dump() + R"(,"metadata":{"continue":null}})";
    CHECK(pageFast(late, kNodeItems, &token) == got);
    CHECK(token.empty());
}

TEST_CASE("pages the fast path does not take decode as the tree path, all or nothing") {
    // A Service whose spec is no object comes after a good one: the tree path decides, and the
    // good one is not added twice.
    json items = json::array(
        {json{{"metadata", {{"name", "a"}, {"namespace", "x"}}}, {"spec", {{"type", "ClusterIP"}}}},
         json{{"metadata", {{"name", "b"}, {"namespace", "x"}}},
              {"spec", {{"ports", 5}}},
              {"status", "odd"}}});
    std::string page = pageOf("Service", "v1", items);
    CHECK(pageFast(page, kServiceItems) == pageByTree(page, kServiceItems));
    // A null kind, an item of a Calico kind: the tree path's outcome.
    json nullKind = json::array({json{{"kind", nullptr}, {"metadata", {{"name", "n"}}}}});
    CHECK(pageFast(pageOf("Node", "v1", nullKind), kNodeItems) ==
          pageByTree(pageOf("Node", "v1", nullKind), kNodeItems));
    // A node without a name: the decoder's message, naming the source and the kind.
    json nameless = json::array({json{{"metadata", {{"labels", {{"a", "b"}}}}}}});
    std::string message = pageFast(pageOf("Node", "v1", nameless), kNodeItems);
    CHECK(message == pageByTree(pageOf("Node", "v1", nameless), kNodeItems));
    CHECK(message.starts_with("error "));
    CHECK(message.find("Kubernetes API S: Node") != std::string::npos);
}

TEST_CASE("answers that are no list page are the server's fault (Unreachable)") {
    int unreachable = static_cast<int>(ExitCode::Unreachable);
    std::string prefix = "error " + std::to_string(unreachable) + ": ";
    CHECK(pageFast("<html>", kNodeItems) == prefix + "S answered something that is not JSON");
    CHECK(pageFast("[1,2]", kNodeItems) == prefix + "S answered JSON that is not an object");
    CHECK(pageFast(R"({"items":{"a":1}})", kNodeItems) ==
          prefix + "S answered a list whose items are not an array");
    CHECK(pageFast(R"({"items":[{"kind":"Node"}]})", kNodeItems) ==
          prefix + "S answered a list item without metadata");
    CHECK(pageFast(R"({"items":[{"metadata":null}]})", kNodeItems) ==
          prefix + "S answered a list item without metadata");
    // Items that are absent or null: an empty page.
    std::string token;
    std::size_t count = 7;
    CHECK(pageFast(R"({"metadata":{"continue":"c"},"items":null})", kNodeItems, &token, &count) ==
          describe(ClusterState{}));
    CHECK(token == "c");
    CHECK(count == 0);
}
