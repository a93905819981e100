#include <doctest/doctest.h>

#include "svcadv/util/error.h"

using namespace svcadv;

TEST_CASE("each error constructor has its exit code and text") {
    CHECK(usageError("bad flag").code() == ExitCode::Usage);
    CHECK(usageError("bad flag").exitCode() == 2);
    CHECK(std::string(usageError("bad flag").what()) == "bad flag");
    CHECK(invalidInput("x").exitCode() == 3);

    NotFoundError missing = notFound("BGPConfiguration", "default");
    CHECK(missing.exitCode() == 4);
    CHECK(std::string(missing.what()) == "resource does not exist: BGPConfiguration(default)");
    AlreadyExistsError taken = alreadyExists("BGPConfiguration", "node.a");
    CHECK(taken.exitCode() == 4);
    CHECK(std::string(taken.what()) == "resource already exists: BGPConfiguration(node.a)");
    ConflictError conflict = updateConflict("BGPConfiguration", "default");
    CHECK(conflict.exitCode() == 4);
    CHECK(std::string(conflict.what()) == "update conflict: BGPConfiguration(default)");
}

TEST_CASE("the resource state errors can be caught by their own type or as Error") {
    CHECK_THROWS_AS(throw notFound("Node", "n1"), NotFoundError);
    CHECK_THROWS_AS(throw alreadyExists("Node", "n1"), AlreadyExistsError);
    CHECK_THROWS_AS(throw updateConflict("Node", "n1"), ConflictError);
    CHECK_THROWS_AS(throw updateConflict("Node", "n1"), Error);
    CHECK_THROWS_AS(throw invalidInput("x"), std::runtime_error);
}

TEST_CASE("withContext puts the context in front and keeps the exit code") {
    Error error = invalidInput("spec.asNumber: must be a number").withContext("a.yaml: document 2");
    CHECK(std::string(error.what()) == "a.yaml: document 2: spec.asNumber: must be a number");
    CHECK(error.code() == ExitCode::InvalidInput);
    Error twice = notFound("Node", "n1").withContext("b").withContext("a");
    CHECK(std::string(twice.what()) == "a: b: resource does not exist: Node(n1)");
    CHECK(twice.exitCode() == 4);
}
