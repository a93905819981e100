// The reason and warning codes: names that are output, explanations that are help text.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "svcadv/routes/advisory.h"

using namespace svcadv;

namespace {

using Names = std::vector<std::string>;

template <typename Info>
Names namesOf(std::span<const Info> codes) {
    Names out;
    for (const Info& code : codes)
        out.push_back(code.name);
    return out;
}

// One line of help text, beside a name column.
void checkExplanation(const char* name, const char* explanation) {
    CAPTURE(std::string(name));
    REQUIRE(explanation != nullptr);
    std::string text = explanation;
    CHECK_FALSE(text.empty());
    CHECK(text.find('\n') == std::string::npos);
    CHECK(text.size() <= 70);
}

}  // namespace

TEST_CASE("the names are the ones route-advertisement.md and preview output use") {
    // Printed in tables, JSON and YAML, accepted by --fail-on: a rename breaks users' scripts.
    CHECK(namesOf(allReasons()) ==
          Names{"ClusterCIDR", "ExternalCIDR", "LoadBalancerCIDR", "SingleIPCluster",
                "AggregationDisabled", "LocalEndpoint", "UnsupportedType", "Headless",
                "NoEndpointSlices", "ClusterPolicyAggregated", "NoReadyEndpoints",
                "NoLocalEndpoint", "NodeExcluded", "ClusterIPsNotAdvertised", "NotInAllowList",
                "UnparsableIP"});
    CHECK(namesOf(allWarningCodes()) ==
          Names{"LocalNoReadyEndpoints", "LocalOnlyExcluded", "IPNotInAllowList",
                "ClusterIPOutsideRanges", "AmbiguousExcludeLabel", "EmptyCidrEntry",
                "OverlappingCidrs", "BareIPEntry", "MalformedCidrEntry", "UnparsableIP",
                "NoAdvertisingNodes", "EcmpFanoutAbove", "CidrListDropped", "BirdRejectsPrefix",
                "AdvertiseClusterIPsIgnored", "ServiceDefaulted", "NoDefaultBgpConfiguration"});
}

TEST_CASE("every reason: enum -> name -> enum, and an explanation") {
    auto reasons = allReasons();
    for (std::size_t i = 0; i < reasons.size(); ++i) {
        auto reason = static_cast<Reason>(i);
        CAPTURE(i);
        CHECK(reasons[i].reason == reason);
        CHECK(std::string(reasonName(reason)) == reasons[i].name);
        CHECK(reasonFromName(reasonName(reason)) == reason);
        CHECK(std::string(reasonExplanation(reason)) == reasons[i].explanation);
        checkExplanation(reasons[i].name, reasonExplanation(reason));
    }
}

TEST_CASE("every warning code: enum -> name -> enum, and an explanation") {
    auto warnings = allWarningCodes();
    for (std::size_t i = 0; i < warnings.size(); ++i) {
        auto code = static_cast<WarningCode>(i);
        CAPTURE(i);
        CHECK(warnings[i].code == code);
        CHECK(std::string(warningName(code)) == warnings[i].name);
        CHECK(warningCodeFromName(warningName(code)) == code);
        CHECK(std::string(warningExplanation(code)) == warnings[i].explanation);
        checkExplanation(warnings[i].name, warningExplanation(code));
    }
}

TEST_CASE("names are unique within reasons and within warning codes") {
    Names reasons = namesOf(allReasons());
    CHECK(std::set<std::string>(reasons.begin(), reasons.end()).size() == reasons.size());
    Names warnings = namesOf(allWarningCodes());
    CHECK(std::set<std::string>(warnings.begin(), warnings.end()).size() == warnings.size());
}

TEST_CASE("an unknown name is no code; names match exactly") {
    CHECK_FALSE(reasonFromName("Nope").has_value());
    CHECK_FALSE(reasonFromName("").has_value());
    CHECK_FALSE(reasonFromName("clustercidr").has_value());
    CHECK_FALSE(reasonFromName("ClusterCIDR ").has_value());
    CHECK_FALSE(warningCodeFromName("Nope").has_value());
    CHECK_FALSE(warningCodeFromName("").has_value());
    CHECK_FALSE(warningCodeFromName("ecmpfanoutabove").has_value());
    // A reason is not a warning code, except UnparsableIP, which is both.
    CHECK_FALSE(warningCodeFromName("ClusterCIDR").has_value());
    CHECK_FALSE(reasonFromName("EcmpFanoutAbove").has_value());
    CHECK(warningCodeFromName("UnparsableIP") == WarningCode::UnparsableIP);
    CHECK(reasonFromName("UnparsableIP") == Reason::UnparsableIP);
}
