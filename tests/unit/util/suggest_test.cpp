// Edit distance and the did-you-mean candidates.
#include <doctest/doctest.h>

#include "svcadv/util/suggest.h"

using namespace svcadv;

TEST_CASE("edit distance: insertions, deletions, substitutions, case ignored") {
    CHECK(editDistance("preview-route", "preview-routes") == 1);
    CHECK(editDistance("bgpconfg", "bgpconfig") == 1);
    CHECK(editDistance("kitten", "sitting") == 3);
    CHECK(editDistance("", "abc") == 3);
    CHECK(editDistance("ABC", "abc") == 0);
}

TEST_CASE("closest matches: within the distance or a prefix, closest first") {
    std::vector<std::string> commands{"get", "create", "apply", "preview-routes", "patch"};
    CHECK(closestMatches("preview-route", commands) == std::vector<std::string>{"preview-routes"});
    CHECK(closestMatches("pach", commands) == std::vector<std::string>{"patch"});
    CHECK(closestMatches("prev", commands) == std::vector<std::string>{"preview-routes"});
    CHECK(closestMatches("zzzzzz", commands).empty());
    CHECK(closestMatches("get", commands).empty());  // itself is no suggestion
    CHECK(closestMatches("gett", {"get", "set", "get"}) == std::vector<std::string>{"get"});
    CHECK(closestMatches("foo", {"no", "node"}).empty());  // too short for two edits
}

TEST_CASE("did you mean: cobra's form, empty without a match") {
    CHECK(didYouMean("aply", {"apply", "get"}) == "\n\nDid you mean this?\n\tapply");
    CHECK(didYouMean("qqqq", {"apply"}) == "");
}

TEST_CASE("did you mean, inline: the closest match only") {
    CHECK(didYouMeanInline("serviceExternalIP", {"serviceClusterIPs", "serviceExternalIPs"}) ==
          " (did you mean serviceExternalIPs?)");
    CHECK(didYouMeanInline("zzz", {"apply"}) == "");
}
