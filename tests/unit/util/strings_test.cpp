#include <doctest/doctest.h>

#include "svcadv/util/strings.h"

using namespace svcadv;
using Parts = std::vector<std::string>;

TEST_CASE("split keeps every part between separators, empty ones included") {
    CHECK(split("a,b,c", ',') == Parts{"a", "b", "c"});
    CHECK(split("a,,b", ',') == Parts{"a", "", "b"});
    CHECK(split("a,", ',') == Parts{"a", ""});
    CHECK(split(",a", ',') == Parts{"", "a"});
    CHECK(split("", ',') == Parts{""});
    CHECK(split("no separator", ',') == Parts{"no separator"});
    CHECK(split("/api/v1/nodes", '/') == Parts{"", "api", "v1", "nodes"});
}

TEST_CASE("trim removes surrounding whitespace only") {
    CHECK(trim("  a b  ") == "a b");
    CHECK(trim("\t x\r\n") == "x");
    CHECK(trim("x") == "x");
    CHECK(trim("   ") == "");
    CHECK(trim("") == "");
}

TEST_CASE("toLower and equalsIgnoringCase fold ASCII letters only") {
    CHECK(toLower("BGPConfiguration") == "bgpconfiguration");
    CHECK(toLower("Retry-After: 3") == "retry-after: 3");
    CHECK(toLower("\xC3\x84") == "\xC3\x84");  // UTF-8 bytes are left alone
    CHECK(equalsIgnoringCase("Enabled", "enabled"));
    CHECK(equalsIgnoringCase("", ""));
    CHECK_FALSE(equalsIgnoringCase("Enabled", "Enable"));
    CHECK_FALSE(equalsIgnoringCase("Enabled", "Disabled"));
}
