// kubectl's label selector syntax.
#include <doctest/doctest.h>

#include "svcadv/util/error.h"
#include "svcadv/util/label_selector.h"

using namespace svcadv;

TEST_CASE("label selectors: equality, inequality, existence and sets") {
    json labels = {{"role", "worker"},
                   {"zone", "eu-1"},
                   {"node.kubernetes.io/exclude-from-external-load-balancers", ""}};
    CHECK(labelSelectorMatches(labels, ""));
    CHECK(labelSelectorMatches(labels, "role=worker"));
    CHECK(labelSelectorMatches(labels, "role==worker,zone=eu-1"));
    CHECK_FALSE(labelSelectorMatches(labels, "role=worker,zone=eu-2"));
    CHECK(labelSelectorMatches(labels, "role!=control-plane"));
    CHECK_FALSE(labelSelectorMatches(labels, "role!=worker"));
    CHECK(labelSelectorMatches(labels, "node.kubernetes.io/exclude-from-external-load-balancers"));
    CHECK_FALSE(labelSelectorMatches(labels, "!zone"));
    CHECK(labelSelectorMatches(labels, "!missing"));
    CHECK(labelSelectorMatches(labels, "zone in (eu-1, eu-2)"));
    CHECK_FALSE(labelSelectorMatches(labels, "zone notin (eu-1,eu-2)"));
    CHECK(labelSelectorMatches(labels, "missing notin (a)"));
    CHECK_FALSE(labelSelectorMatches(json(), "role=worker"));
}

namespace {

// The exit code of parsing `selector`: 0 when it parses, the error's code otherwise.
int parseExitCode(const std::string& selector) {
    try {
        LabelSelector::parse(selector);
        return 0;
    } catch (const Error& e) {
        return e.exitCode();
    }
}

}  // namespace

TEST_CASE("label selectors: syntax errors as apimachinery's parser reports them are usage errors") {
    for (const char* bad : {"zone in (a,b",
                            "zone,",
                            "zone notin a",
                            "!",
                            "=a",
                            "zone in",
                            "a=b=c",
                            "(a)",
                            "a b",
                            "!a=b",
                            "a in (b c)",
                            ",a",
                            "a,,b",
                            "a>b",
                            "a>",
                            "a<-1",
                            "a=(b)",
                            "bad key!",
                            "a=b!c",
                            "zone="
                            "0123456789012345678901234567890123456789"
                            "012345678901234567890123",
                            "-a=b",
                            "Example.com/a",
                            "a/b/c",
                            "/a"}) {
        CAPTURE(bad);
        CHECK(parseExitCode(bad) == 2);
    }
    for (const char* good :
         {"", "  ", "role in(edge)", "role in (edge)", "a=b,c!=d", "a==b", "!a", "a in ()",
          "a in (,)", "a in (b,,c)", "a notin (b,)", "a>5", "a<1", "in=notin", "in in (in)",
          "a=", "a=b, c", "example.com/a=b", "a\tin\n(b)"}) {
        CAPTURE(good);
        CHECK(parseExitCode(good) == 0);
    }
}

TEST_CASE("label selectors: the message names the selector and the place that is wrong") {
    try {
        LabelSelector::parse("zone in (a,b");
        FAIL("parsed");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) ==
              "invalid label selector 'zone in (a,b': found '', expected: ',' or ')'");
    }
}

TEST_CASE("label selectors: matching as Kubernetes matches") {
    json labels = {{"role", "edge"}, {"count", "7"}, {"empty", ""}};
    CHECK(labelSelectorMatches(labels, "role in(edge)"));
    CHECK(labelSelectorMatches(labels, "empty in ()"));
    CHECK(labelSelectorMatches(labels, "empty="));
    CHECK_FALSE(labelSelectorMatches(labels, "missing in (,)"));
    CHECK(labelSelectorMatches(labels, "missing notin (x)"));
    CHECK(labelSelectorMatches(labels, "missing!=x"));
    CHECK(labelSelectorMatches(labels, "count>6,count<8"));
    CHECK_FALSE(labelSelectorMatches(labels, "count>7"));
    CHECK_FALSE(labelSelectorMatches(labels, "role>1"));  // not an integer: no match
    CHECK_FALSE(labelSelectorMatches(labels, "missing>1"));
    CHECK(labelSelectorMatches(labels, "in in (in),notin notin (notin)") == false);
    CHECK(labelSelectorMatches(json{{"in", "in"}}, "in in (in),notin notin (notin)"));
    // A NUL ends the selector, as in Go's lexer.
    CHECK(labelSelectorMatches(labels, std::string("role=edge\0zone=x", 16)));
}

TEST_CASE("label keys and values are checked as the API server checks them") {
    CHECK_FALSE(labelKeyProblem("role"));
    CHECK_FALSE(labelKeyProblem("node.kubernetes.io/exclude-from-external-load-balancers"));
    CHECK_FALSE(labelKeyProblem("a_b.c-d"));
    CHECK(labelKeyProblem("bad key!"));
    CHECK(labelKeyProblem(""));
    CHECK(labelKeyProblem("-a"));
    CHECK(labelKeyProblem("a-"));
    CHECK(labelKeyProblem("/a"));
    CHECK(labelKeyProblem("a/"));
    CHECK(labelKeyProblem("a/b/c"));
    CHECK(labelKeyProblem("Upper.com/a"));
    CHECK(labelKeyProblem("a..b/c"));
    CHECK(labelKeyProblem(std::string(64, 'a')));
    CHECK_FALSE(labelKeyProblem(std::string(63, 'a')));
    std::string longestPrefix(253, 'a'), tooLongPrefix(254, 'a');
    longestPrefix += "/a";
    tooLongPrefix += "/a";
    CHECK_FALSE(labelKeyProblem(longestPrefix));
    CHECK(labelKeyProblem(tooLongPrefix));
    CHECK_FALSE(labelValueProblem(""));
    CHECK_FALSE(labelValueProblem("eu-1.a_b"));
    CHECK_FALSE(labelValueProblem(std::string(63, 'v')));
    CHECK(labelValueProblem(std::string(64, 'v')));
    CHECK(labelValueProblem(std::string(5000, 'v')));
    CHECK(labelValueProblem("a b"));
    CHECK(labelValueProblem("a\r"));
    CHECK(labelValueProblem(".a"));
}
