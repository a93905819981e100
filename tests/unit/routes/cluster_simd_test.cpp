// The simdjson reader against the existing decoder: for every input, the same ClusterState or the
// same message. Inputs: the repo's example cluster and samples as JSON Lists, clusters from
// bench/gen_snapshot, and mutations that take each fallback.
#include "svcadv/routes/cluster_simd.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
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
        std::string command = std::string(SVCADV_GEN_SNAPSHOT) + " " + sizes;
        std::FILE* pipe = ::popen(command.c_str(), "r");
        REQUIRE(pipe);
        std::string text;
        char chunk[1 << 16];
        for (std::size_t got; (got = std::fread(chunk, 1, sizeof chunk, pipe)) > 0;)
            text.append(chunk, got);
        REQUIRE(::pclose(pipe) == 0);
        std::string described = expectSame(text);
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
