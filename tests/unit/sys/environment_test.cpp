#include <doctest/doctest.h>

#include <cstdlib>

#include "svcadv/sys/environment.h"

using namespace svcadv;

TEST_CASE("processEnvironment reads the process environment; empty counts as unset") {
    EnvironmentLookup env = processEnvironment();
    ::setenv("SVCADV_UNIT_SET", "value", 1);
    ::setenv("SVCADV_UNIT_EMPTY", "", 1);
    ::unsetenv("SVCADV_UNIT_UNSET");
    CHECK(env("SVCADV_UNIT_SET") == "value");
    CHECK_FALSE(env("SVCADV_UNIT_EMPTY"));
    CHECK_FALSE(env("SVCADV_UNIT_UNSET"));
    // The lookup reads the environment when called, not when made.
    ::setenv("SVCADV_UNIT_SET", "changed", 1);
    CHECK(env("SVCADV_UNIT_SET") == "changed");
    ::unsetenv("SVCADV_UNIT_SET");
    ::unsetenv("SVCADV_UNIT_EMPTY");
}
