#include <doctest/doctest.h>

#include <regex>
#include <set>

#include "svcadv/util/uuid.h"

using namespace svcadv;

TEST_CASE("newUuid gives distinct version 4 UUIDs in canonical form") {
    static const std::regex v4(
        "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        std::string uuid = newUuid();
        CHECK_MESSAGE(std::regex_match(uuid, v4), uuid);
        seen.insert(uuid);
    }
    CHECK(seen.size() == 200);
}
