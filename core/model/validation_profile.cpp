#include "svcadv/model/validation_profile.h"

#include <algorithm>
#include <limits>
#include <tuple>

namespace svcadv {
namespace {

constexpr int kMasterMinor = 34;

}  // namespace

ValidationProfile validationProfile(int minor, std::optional<int> patch) {
    ValidationProfile p;
    if (minor < 26) minor = 26;
    p.release = minor >= kMasterMinor ? "master" : "v3." + std::to_string(minor);
    if (minor < kMasterMinor && patch) p.release += "." + std::to_string(*patch);
    // A release branch (no patch) sorts after every patch of its minor.
    int at = patch.value_or(std::numeric_limits<int>::max());
    p.logSeverityAnyCase = minor >= 33;
    p.crdRuleMessages = minor >= 33;
    p.crdSizeLimits = minor >= 33;
    p.bindModeEnum = minor >= 32;
    p.ignoredInterfacesSet = minor >= 32;
    p.serviceListsAreSets = minor == 32 && at == 0;
    p.programClusterRoutesEncapValues = minor >= 33;
    p.fieldsOfMinor = minor;
    return p;
}

ValidationProfile latestValidationProfile() {
    return ValidationProfile{};
}

bool sameRules(const ValidationProfile& a, const ValidationProfile& b) {
    auto rules = [](const ValidationProfile& p) {
        return std::tuple(p.logSeverityAnyCase, p.crdRuleMessages, p.crdSizeLimits, p.bindModeEnum,
                          p.ignoredInterfacesSet, p.serviceListsAreSets,
                          p.programClusterRoutesEncapValues, std::min(p.fieldsOfMinor, 32));
    };
    return rules(a) == rules(b);
}

}  // namespace svcadv
