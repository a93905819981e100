#include <doctest/doctest.h>

#include "svcadv/model/field_error.h"

using namespace svcadv;

TEST_CASE("describe: field, value when there is one, reason in parentheses") {
    FieldError withValue{"spec.serviceClusterIPs[1].cidr", "10.0.0.1/8", "host bits are set"};
    CHECK(withValue.describe() ==
          "spec.serviceClusterIPs[1].cidr = '10.0.0.1/8' (host bits are set)");
    FieldError noValue{"BGPConfiguration.Spec.ASNumber", std::nullopt, "Cannot set ASNumber"};
    CHECK(noValue.describe() == "BGPConfiguration.Spec.ASNumber (Cannot set ASNumber)");
    FieldError emptyValue{"spec.bindMode", "", "must be one of None, NodeIP"};
    CHECK(emptyValue.describe() == "spec.bindMode = '' (must be one of None, NodeIP)");
    FieldError sentence{"metadata.name", std::nullopt, "resource name may not be empty", true};
    CHECK(sentence.describe() == "resource name may not be empty");
}

TEST_CASE("formatFieldErrors: one error on a line, several as a list, none as nothing") {
    CHECK(formatFieldErrors({}).empty());
    CHECK(formatFieldErrors({{"spec.listenPort", "0", "must be between 1 and 65535"}}) ==
          "error with field spec.listenPort = '0' (must be between 1 and 65535)");
    CHECK(formatFieldErrors({{"metadata.name", std::nullopt, "resource name may not be empty",
                              true}}) == "resource name may not be empty");
    CHECK(formatFieldErrors(
              {{"spec.listenPort", "0", "must be between 1 and 65535"},
               {"metadata.name", std::nullopt, "resource name may not be empty", true}}) ==
          "error with the following fields:\n"
          "-  spec.listenPort = '0' (must be between 1 and 65535)\n"
          "-  resource name may not be empty");
}
