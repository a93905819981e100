#include <doctest/doctest.h>

#include "svcadv/util/document.h"
#include "svcadv/util/error.h"

using namespace svcadv;

TEST_CASE("YAML scalars resolve with the core schema; quoted scalars stay strings") {
    auto docs = parseDocuments(
        "a: 1\nb: \"1\"\nc: true\nd: 'true'\ne: ~\nf: 1.5\ng: yes\nh: 65000\ni: -3\n", "x.yaml");
    REQUIRE(docs.size() == 1);
    const json& v = docs[0].body;
    CHECK(v["a"] == 1);
    CHECK(v["b"] == "1");
    CHECK(v["c"] == true);
    CHECK(v["d"] == "true");
    CHECK(v["e"].is_null());
    CHECK(v["f"] == 1.5);
    CHECK(v["g"] == "yes");
    CHECK(v["i"] == -3);
}

TEST_CASE("multi-document YAML skips empty documents and numbers the rest") {
    auto docs = parseDocuments("---\na: 1\n---\n---\nb: 2\n", "m.yaml");
    REQUIRE(docs.size() == 2);
    CHECK(docs[0].location == "document 1");
    CHECK(docs[1].location == "document 3");
    CHECK(docs[1].origin() == "m.yaml: document 3");
}

TEST_CASE("JSON input is one document") {
    auto docs = parseDocuments("  {\"kind\": \"X\", \"n\": [1, 2]}", "x.json");
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].body["n"].size() == 2);
}

TEST_CASE("syntax errors name the source and position") {
    try {
        parseDocuments("a: [1, 2\nb: 3\n", "bad.yaml");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::InvalidInput);
        CHECK(std::string(e.what()).starts_with("bad.yaml: invalid YAML: line "));
    }
    // Neither JSON nor YAML flow style (`{"a": }` is YAML for a: null): the JSON error stands.
    CHECK_THROWS_WITH(parseDocuments("{\"a\": ]}", "bad.json"),
                      doctest::Contains("bad.json: invalid JSON:"));
    CHECK_THROWS_WITH(parseDocuments("a: 1\na: 2\n", "dup.yaml"),
                      doctest::Contains("duplicate key \"a\""));
}

TEST_CASE("List documents expand into their items with an origin each") {
    auto docs =
        expandLists(parseDocuments("kind: BGPConfigurationList\nitems:\n- {kind: "
                                   "BGPConfiguration}\n- {kind: BGPConfiguration}\n---\nkind: X\n",
                                   "l.yaml"));
    REQUIRE(docs.size() == 3);
    CHECK(docs[1].location == "document 1: items[1]");
    CHECK(docs[2].location == "document 2");
}

TEST_CASE("a document of one string that starts like a document marker reads back the same") {
    // Found by the reader fuzz target: "--- x" written plain at the top level read back as a
    // new document holding "x".
    for (const char* text : {"--- x", "---", "... x", "...", "--- -$1e3 -66 0x16]F?- \"m"}) {
        json value = text;
        std::string yaml = toYaml(value);
        auto documents = parseDocuments(yaml, "round-trip");
        REQUIRE(documents.size() == 1);
        CHECK(documents[0].body == value);
    }
    // The fuzz target's input itself: a multi-line plain scalar.
    std::string input = "# c \"A: &x *x\n  ---\n-$1e3\n-6666666646;66 0x16]F?- \"m";
    for (const auto& document : parseDocuments(input, "fuzz"))
        CHECK(parseDocuments(toYaml(document.body), "again")[0].body == document.body);
}

TEST_CASE("YAML output quotes strings that would read back as something else") {
    json v = {{"rv", "12"},
              {"b", "true"},
              {"answer", "yes"},
              {"t", "2026-11-25T09:33:50Z"},
              {"e", ""},
              {"s", "plain"},
              {"num", 3},
              {"n", "x"},
              {"list", json::array({json{{"cidr", "10.0.0.0/8"}}})},
              {"empty", json::array()}};
    std::string text = toYaml(v);
    CHECK(text.find("rv: \"12\"") != std::string::npos);
    CHECK(text.find("b: \"true\"") != std::string::npos);
    CHECK(text.find("answer: \"yes\"") != std::string::npos);
    CHECK(text.find("\"n\": x") != std::string::npos);  // a YAML 1.1 bool as a key
    CHECK(text.find("t: \"2026-11-25T09:33:50Z\"") != std::string::npos);
    CHECK(text.find("e: \"\"") != std::string::npos);
    CHECK(text.find("s: plain") != std::string::npos);
    CHECK(text.find("num: 3") != std::string::npos);
    // And it reads back to the same value.
    CHECK(parseDocuments(text, "round-trip")[0].body == v);
}
