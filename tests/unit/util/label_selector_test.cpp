// kubectl's label selector syntax.
#include <doctest/doctest.h>

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
