#include <doctest/doctest.h>

#include "svcadv/util/error.h"
#include "svcadv/util/json_list_stream.h"

using namespace svcadv;

namespace {

// The documents forEachJsonListMember hands over, and whether it took the text as a List.
std::pair<bool, std::vector<Document>> members(const std::string& text) {
    std::vector<Document> got;
    bool isList = forEachJsonListMember(text, "dump.json",
                                        [&](Document document) { got.push_back(document); });
    return {isList, got};
}

void checkSameAsExpandLists(const std::string& text) {
    CAPTURE(text);
    auto [isList, got] = members(text);
    REQUIRE(isList);
    auto expected = expandLists(parseDocuments(text, "dump.json"));
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].origin() == expected[i].origin());
        CHECK(got[i].body == expected[i].body);
    }
}

}  // namespace

TEST_CASE("a List's members come one by one, as expandLists gives them") {
    checkSameAsExpandLists(R"({"apiVersion":"v1","items":[{"kind":"Node","metadata":{"name":"a",)"
                           R"("labels":{"x":"1"}},"spec":{"list":[1,[2,{"d":null}],true]}},)"
                           R"({"kind":"Service","n":-1.5,"u":18446744073709551615}],)"
                           R"("kind":"List","metadata":{"resourceVersion":""}})");
    // kind before items, typed Lists, scalar and list members, an empty List.
    checkSameAsExpandLists(R"({"kind":"NodeList","items":[1,"s",null,[{"a":[]}],{}]})");
    checkSameAsExpandLists(R"({"kind":"List","items":[]})");
    // Fields named items or kind below the top level change nothing.
    checkSameAsExpandLists(
        R"({"items":[{"kind":"X","items":[{"kind":"Y"}],"spec":{"kind":"Z"}}],"kind":"List"})");
}

TEST_CASE("a text that is no List is left to the caller") {
    CHECK_FALSE(members(R"({"kind":"Node","metadata":{"name":"a"}})").first);
    CHECK_FALSE(members(R"({"kind":"Node","items":[{"kind":"Node"}]})").first);
    CHECK_FALSE(members(R"({"kind":"List","items":{"a":1}})").first);
    CHECK_FALSE(members(R"({"kind":["List"],"items":[]})").first);
    CHECK_FALSE(members(R"([{"kind":"List","items":[]}])").first);
    CHECK_FALSE(members("kind: List\nitems: []\n").first);
}

TEST_CASE(
    "reader errors are thrown as readJson throws them; take's errors once the List is known") {
    CHECK_THROWS_WITH_AS(members(R"({"kind":"List","items":[{"a":1,"a":2}]})"),
                         doctest::Contains("duplicate key"), Error);
    CHECK_THROWS_AS(members(R"({"kind":"List","items":[{"a":1}])"), Error);
    int calls = 0;
    auto failing = [&](Document document) {
        ++calls;
        if (document.body == 2) throw invalidInput(document.origin() + ": bad");
    };
    CHECK_THROWS_WITH(forEachJsonListMember(R"({"items":[1,2,3],"kind":"List"})", "d", failing),
                      "d: document 1: items[1]: bad");
    CHECK(calls == 2);
    // Not a List after all: take's error was about no document, and is not thrown.
    calls = 0;
    CHECK_FALSE(forEachJsonListMember(R"({"items":[1,2,3],"kind":"Node"})", "d", failing));
    // A syntax error after the failing member still wins, as when the text is parsed first.
    CHECK_THROWS_WITH_AS(forEachJsonListMember(R"({"items":[1,2,3],"kind":"List")", "d", failing),
                         doctest::Contains("d:"), Error);
}

TEST_CASE("limits hold over the whole text") {
    ReadLimits limits;
    limits.maxDepth = 3;
    CHECK(forEachJsonListMember(R"({"kind":"List","items":[{"a":1}]})", "d", [](Document) {},
                                limits));
    CHECK_THROWS_WITH_AS(forEachJsonListMember(R"({"kind":"List","items":[{"a":{"b":1}}]})", "d",
                                               [](Document) {}, limits),
                         doctest::Contains("nested deeper than 3"), Error);
}
