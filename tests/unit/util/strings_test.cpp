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

TEST_CASE("escapeControlCharacters: nothing a terminal would act on passes") {
    CHECK(escapeControlCharacters("plain text\twith tab") == "plain text\twith tab");
    CHECK(escapeControlCharacters("a\x1b[31mred\r\n") == "a\\x1b[31mred\\r\\n");
    CHECK(escapeControlCharacters(std::string("nul\0x", 5)) == "nul\\x00x");
    CHECK(escapeControlCharacters("del\x7f") == "del\\x7f");
    CHECK(escapeControlCharacters("csi\xc2\x9b"
                                  "31m") == "csi\\u009b31m");
    CHECK(escapeControlCharacters("caf\xc3\xa9 \xc2\xa0") == "caf\xc3\xa9 \xc2\xa0");  // UTF-8 kept
}

TEST_CASE("withoutUrlUserinfo: no password of a URL survives") {
    CHECK(withoutUrlUserinfo("cannot reach https://admin:s3cret@10.0.0.1:6443: refused") ==
          "cannot reach https://***@10.0.0.1:6443: refused");
    CHECK(withoutUrlUserinfo("http://u:p@a/x?y=http://v:q@b") == "http://***@a/x?y=http://***@b");
    CHECK(withoutUrlUserinfo("https://a@b:c@host/path") == "https://***@host/path");
    CHECK(withoutUrlUserinfo("no url here, user@example.com") == "no url here, user@example.com");
    CHECK(withoutUrlUserinfo("https://host:6443/api") == "https://host:6443/api");
    CHECK(withoutUrlUserinfo("'https://u:p@h' and \"http://x:y@z\"") ==
          "'https://***@h' and \"http://***@z\"");
}
