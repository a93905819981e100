#include <doctest/doctest.h>

#include <random>

#include "svcadv/util/block_yaml.h"
#include "svcadv/util/document.h"
#include "svcadv/util/error.h"

using namespace svcadv;

namespace {

// What yaml-cpp's events read from `text` as one document (the reference of the fast reader).
json byEvents(const std::string& text) {
    auto documents = readYamlDocumentsByEvents(text, "t.yaml");
    REQUIRE(documents.size() == 1);
    return documents[0].body;
}

// Written by writeBlockYaml, read by the fast reader and by yaml-cpp: both give `value` back.
void checkRoundTrip(const json& value) {
    std::string text = writeBlockYaml(value);
    CAPTURE(text);
    CHECK(byEvents(text) == value);
    auto fast = readBlockYaml(text);
    REQUIRE(fast.has_value());
    CHECK(*fast == value);
}

const std::string kHostileStrings[] = {"",
                                       " ",
                                       "a ",
                                       " a",
                                       "a\r",
                                       "a\rb",
                                       "a\r\nb",
                                       "line\n",
                                       "\n",
                                       "\t",
                                       "tab\tinside",
                                       std::string("nul\0inside", 10),
                                       "quote\"",
                                       "back\\slash",
                                       "'single'",
                                       "key: value",
                                       "a #comment",
                                       "#start",
                                       "-",
                                       "- item",
                                       "-1",
                                       "-x",
                                       "--",
                                       "---",
                                       "...",
                                       "? q",
                                       ":colon",
                                       "a:",
                                       "a:b",
                                       "a: b",
                                       "http://x",
                                       "[list]",
                                       "{map}",
                                       "a,b",
                                       "&anchor",
                                       "*alias",
                                       "!tag",
                                       "|",
                                       ">",
                                       "%directive",
                                       "@at",
                                       "`tick",
                                       "null",
                                       "Null",
                                       "~",
                                       "true",
                                       "False",
                                       "yes",
                                       "on",
                                       "y",
                                       "N",
                                       "1",
                                       "1.5",
                                       "0x1f",
                                       "0o17",
                                       "1e3",
                                       ".inf",
                                       ".nan",
                                       "1_000",
                                       "2026-01-01T00:00:00Z",
                                       "2026-1-1",
                                       "100000000000000000000",
                                       "caf\xc3\xa9",
                                       "\xe2\x80\xa8",
                                       "\xe2\x80\xa9",
                                       "\xef\xbb\xbf",
                                       "\xc2\x85",
                                       "\xc2\xa0",
                                       "\xf0\x9f\x98\x80",
                                       "\x7f",
                                       "\x1b[31m",
                                       "a  b",
                                       "a b c",
                                       "node-1",
                                       "registry.k8s.io/kube-proxy:v1.31.0",
                                       "containerd://1.7.0",
                                       "10.0.0.1/32",
                                       "app=web,tier!=db",
                                       "\\u0041",
                                       "\"",
                                       "a\"b: c"};

}  // namespace

TEST_CASE("writeBlockYaml writes block style, plain where safe, double-quoted otherwise") {
    json value = {{"metadata", {{"name", "node-1"}, {"labels", {{"kubernetes.io/os", "linux"}}}}},
                  {"spec", {{"list", {"a", 1, true, nullptr}}, {"empty", json::object()}}},
                  {"items", {{{"ip", "10.0.0.1"}, {"ready", true}}, json::array({1, 2})}},
                  {"quoted", "yes"},
                  {"escaped", "a\"b\n\x01"}};
    CHECK(writeBlockYaml(value) ==
          "escaped: \"a\\\"b\\n\\u0001\"\n"
          "items:\n"
          "  - ip: 10.0.0.1\n"
          "    ready: true\n"
          "  - - 1\n"
          "    - 2\n"
          "metadata:\n"
          "  labels:\n"
          "    kubernetes.io/os: linux\n"
          "  name: node-1\n"
          "quoted: \"yes\"\n"
          "spec:\n"
          "  empty: {}\n"
          "  list:\n"
          "    - a\n"
          "    - 1\n"
          "    - true\n"
          "    - null\n");
    checkRoundTrip(value);
}

TEST_CASE("hostile strings round-trip through yaml-cpp and the fast reader, as values and keys") {
    for (const std::string& s : kHostileStrings) {
        CAPTURE(s);
        checkRoundTrip({{"value", s}, {"list", {s, {{"k", s}}}}});
        if (!s.empty()) checkRoundTrip({{s, 1}, {"nested", {{s, {s}}}}});
    }
}

TEST_CASE("numbers, bools and nulls keep their types and values") {
    checkRoundTrip({{"i", -42},
                    {"u", std::numeric_limits<std::uint64_t>::max()},
                    {"min", std::numeric_limits<std::int64_t>::min()},
                    {"f", 1.5},
                    {"e", 1e100},
                    {"small", -2.5e-7},
                    {"b", false},
                    {"n", nullptr}});
}

TEST_CASE("random strings of YAML's special characters round-trip exactly") {
    const std::string alphabet = "ab0:- #\"'\\\n\r\t{}[],&*!|>%@`?~.=/+\x01\x7f\xc3\xa9";
    std::mt19937 random(15);
    for (int round = 0; round < 2000; ++round) {
        std::string s;
        std::size_t length = random() % 8;
        for (std::size_t i = 0; i < length; ++i) {
            std::size_t at = random() % alphabet.size();
            if (alphabet[at] == '\xc3' || alphabet[at] == '\xa9')
                s += "\xc3\xa9";
            else
                s += alphabet[at];
        }
        CAPTURE(s);
        checkRoundTrip({{"v", s}, {"l", {s}}});
        if (!s.empty()) checkRoundTrip({{s, s}});
    }
}

TEST_CASE("a string that is not UTF-8 is written by toYaml, as before") {
    json value = {{"bad", std::string("\xff\xfe")}};
    CHECK(writeBlockYaml(value) == toYaml(value));
}

TEST_CASE("the fast reader reads what yaml-cpp reads, or leaves the text to it") {
    // Each text is either read as yaml-cpp reads it, or not taken at all.
    const char* const texts[] = {"a: 1\n",
                                 "a: 1",
                                 "a:\n  b: 2\nc: 3\n",
                                 "a:\n- 1\n",
                                 "a:\n  - 1\n  - 2\n",
                                 "a: x\n  y\n",
                                 "a: 1 # c\n",
                                 "# c\na: 1\n",
                                 "---\na: 1\n",
                                 "a: 1\n---\nb: 2\n",
                                 "a: &x 1\nb: *x\n",
                                 "a: !!str 1\n",
                                 "a: 'q'\n",
                                 "a: \"b\n  c\"\n",
                                 "a: |\n  x\n",
                                 "a: 1\r\n",
                                 "a:\tb\n",
                                 "a: 1\n ",
                                 "\"k\": v\n",
                                 "a: {}\n",
                                 "a: []\n",
                                 "a: {b: 1}\n",
                                 "a:\n  - b: 1\n    c: 2\n  - d\n",
                                 "a:\n  - - 1\n    - 2\n",
                                 "a: 1\na: 2\n",
                                 "null: 1\n",
                                 "~: 1\n",
                                 "true: 1\n",
                                 "1: x\n",
                                 "a: .inf\n",
                                 "a: 99999999999999999999\n",
                                 "a: \"\\x41\"\n",
                                 "a: \"\\u00e9\\ud800\"\n",
                                 "a: \"\\U0001F600\"\n",
                                 "a:  b\n",
                                 "a :b\n",
                                 "a: b \n",
                                 "- a\n",
                                 "a\n",
                                 "a: \"x\" y\n",
                                 "a:\n   b: 1\n",
                                 "a:\n  b: 1\n c: 2\n"};
    for (const char* text : texts) {
        CAPTURE(text);
        auto fast = readBlockYaml(text);
        if (!fast) continue;
        CHECK(*fast == byEvents(text));
    }
    // The form writeBlockYaml writes is taken; what it never writes is not.
    CHECK(readBlockYaml("a:\n  b: 2\nc: 3\n"));
    CHECK_FALSE(readBlockYaml("a:\n- 1\n"));
    CHECK_FALSE(readBlockYaml("a: 1 # c\n"));
    CHECK_FALSE(readBlockYaml("a: 1\na: 2\n"));  // the duplicate is named by the other reader
    CHECK_FALSE(readBlockYaml("a: .inf\n"));
}

TEST_CASE("limits: the fast reader leaves a text that breaks one to the reader that names it") {
    ReadLimits limits;
    limits.maxDepth = 2;
    CHECK(readBlockYaml("a:\n  b: 1\n", limits));
    CHECK_FALSE(readBlockYaml("a:\n  b:\n    c: 1\n", limits));
    CHECK_FALSE(readBlockYaml("a:\n  b: {}\n", limits));
    limits = {};
    limits.maxScalarBytes = 3;
    CHECK(readBlockYaml("a: abc\n", limits));
    CHECK_FALSE(readBlockYaml("a: abcd\n", limits));
    CHECK_FALSE(readBlockYaml("a: \"abcd\"\n", limits));
    limits = {};
    limits.maxNodes = 3;
    CHECK(readBlockYaml("a: 1\n", limits));
    CHECK_FALSE(readBlockYaml("a: 1\nb: 2\n", limits));
    // And readYamlDocuments names the limit, whichever way the text would have gone.
    limits = {};
    limits.maxDepth = 2;
    CHECK_THROWS_WITH_AS(readYamlDocuments("a:\n  b:\n    c: 1\n", "d.yaml", limits),
                         doctest::Contains("nested deeper than 2"), Error);
}

TEST_CASE("readYamlDocuments gives the fast reader's text the same documents") {
    std::string text = writeBlockYaml({{"kind", "Node"}, {"metadata", {{"name", "n"}}}});
    auto documents = readYamlDocuments(text, "n.yaml");
    REQUIRE(documents.size() == 1);
    CHECK(documents[0].number == 1);
    CHECK(documents[0].body == byEvents(text));
}
