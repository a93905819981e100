#include "svcadv/model/validate.h"

#include <algorithm>
#include <regex>
#include <set>

#include "svcadv/util/cidr.h"
#include "svcadv/util/error.h"
#include "svcadv/util/strings.h"

namespace svcadv {
namespace {

constexpr std::size_t kMaxCommunities = 500;
constexpr std::size_t kMaxPrefixAdvertisements = 500;
constexpr std::size_t kMaxCommunitiesPerPrefix = 50;
constexpr std::size_t kMaxCommunityValueLength = 40;
constexpr std::size_t kMaxNameLength = 253;

std::string indexed(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

bool oneOf(const std::string& value, std::initializer_list<const char*> allowed,
           bool ignoreCase = false) {
    return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) {
        return ignoreCase ? equalsIgnoringCase(value, a) : value == a;
    });
}

void checkEnum(std::vector<FieldError>& errors, const std::optional<std::string>& value,
               const std::string& field, std::initializer_list<const char*> allowed,
               bool ignoreCase = false) {
    if (!value || oneOf(*value, allowed, ignoreCase)) return;
    std::string list;
    for (const char* a : allowed)
        list += (list.empty() ? "" : ", ") + std::string(a);
    errors.push_back({field, *value, "must be one of " + list});
}

void checkRange(std::vector<FieldError>& errors, const std::optional<std::int64_t>& value,
                const std::string& field, std::int64_t min, std::int64_t max) {
    if (!value || (*value >= min && *value <= max)) return;
    errors.push_back({field, std::to_string(*value),
                      "must be between " + std::to_string(min) + " and " + std::to_string(max)});
}

// Calico's DNS-1123 subdomain pattern for names (nameSubdomainFmt), quoted in its error text.
constexpr const char* kNameSubdomainPattern =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

std::string nameRegexReason() {
    return std::string(
               "name must consist of lower case alphanumeric characters, '-' or '.' "
               "(regex: ") +
           kNameSubdomainPattern + ")";
}

bool matchesNamePattern(const std::string& name) {
    static const std::regex re(std::string("^") + kNameSubdomainPattern + "$");
    return std::regex_match(name, re);
}

// Whether a run of decimal digits fits in `bits` bits, as Go's strconv.ParseUint(s, 10, bits)
// decides it: leading zeros are fine, only the value counts.
bool fitsUnsigned(const std::string& digits, int bits) {
    std::size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) return true;
    std::string significant = digits.substr(first);
    if (significant.size() > 10) return false;
    return std::stoull(significant) <= (bits == 16 ? 0xFFFFULL : 0xFFFFFFFFULL);
}

// Calico's community check (validateCommunityValue): "aa:nn" has 16-bit parts, "aa:nn:mm" 32-bit
// parts, and every part out of range is one error of its own. Returns those errors' reasons
// (empty: valid), or nullopt when the text is not in either format at all.
std::optional<std::vector<std::string>> communityValueProblems(const std::string& value) {
    static const std::regex standard("^(\\d+):(\\d+)$");
    static const std::regex large("^(\\d+):(\\d+):(\\d+)$");
    std::smatch m;
    int bits = 0;
    if (std::regex_match(value, m, standard))
        bits = 16;
    else if (std::regex_match(value, m, large))
        bits = 32;
    else
        return std::nullopt;
    std::vector<std::string> problems;
    for (std::size_t i = 1; i < m.size(); ++i) {
        if (!fitsUnsigned(m[i].str(), bits))
            problems.push_back("invalid community value, expected " + std::to_string(bits) +
                               " bit value");
    }
    return problems;
}

// Go's time.ParseDuration grammar: one or more decimal numbers with a unit, optionally signed; "0".
bool isGoDuration(const std::string& text) {
    static const std::regex re(
        "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$");
    return std::regex_match(text, re);
}

void validateMetadata(const ObjectMeta& meta, std::vector<FieldError>& errors) {
    if (meta.name.empty()) {
        errors.push_back({"metadata.name", std::nullopt, "resource name may not be empty", true});
    } else {
        // Calico reports both: a long name is not matched against the pattern first.
        if (meta.name.size() > kMaxNameLength) {
            errors.push_back({"metadata.name", meta.name,
                              "name is too long by " +
                                  std::to_string(meta.name.size() - kMaxNameLength) + " bytes"});
        }
        if (!matchesNamePattern(meta.name))
            errors.push_back({"metadata.name", meta.name, nameRegexReason()});
    }
    if (!meta.namespace_.empty()) {
        errors.push_back({"metadata.namespace", meta.namespace_,
                          "namespace should not be specified for a non-namespaced resource. "
                          "BGPConfiguration is not "
                          "a namespaced resource",
                          true});
    }
}

void validateDefaultOnly(const BGPConfiguration& resource, std::vector<FieldError>& errors) {
    if (resource.metadata.name == "default") return;
    const BGPConfigurationSpec& s = resource.spec;
    auto forbid = [&](bool isSet, const char* calicoName) {
        if (!isSet) return;
        std::string name = calicoName;
        // Calico's field path capitalises the first letter; its reason keeps the name as is.
        std::string field = name;
        field[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(field[0])));
        errors.push_back({"BGPConfiguration.Spec." + field, std::nullopt,
                          "Cannot set " + name + " on a non default BGP Configuration."});
    };
    forbid(s.nodeToNodeMeshEnabled.has_value(), "nodeToNodeMeshEnabled");
    forbid(s.asNumber.has_value(), "ASNumber");
    forbid(s.serviceClusterIPs && !s.serviceClusterIPs->empty(), "ServiceClusterIPs");
    forbid(s.serviceExternalIPs && !s.serviceExternalIPs->empty(), "ServiceExternalIPs");
    forbid(s.serviceLoadBalancerIPs && !s.serviceLoadBalancerIPs->empty(),
           "ServiceLoadBalancerIPs");
    forbid(s.nodeMeshPassword.has_value(), "nodeMeshPassword");
    forbid(s.nodeMeshMaxRestartTime.has_value(), "nodeMeshMaxRestartTime");
}

void validateServiceCidrs(const BGPConfigurationSpec& spec, std::vector<FieldError>& errors) {
    for (ServiceCidrList list : kServiceCidrLists) {
        const auto& entries = cidrList(spec, list);
        if (!entries) continue;
        for (std::size_t i = 0; i < entries->size(); ++i) {
            const std::string& text = (*entries)[i].cidr;
            if (text.empty()) continue;  // legal and ignored by calico-node; linted instead
            auto parsed = parseCidr(text);
            if (!parsed.cidr) {
                errors.push_back({indexed(std::string("spec.") + fieldName(list), i) + ".cidr",
                                  text, parsed.reason});
            }
        }
    }
}

void validateCommunities(const BGPConfigurationSpec& spec, std::vector<FieldError>& errors) {
    std::set<std::string> defined;
    if (spec.communities) {
        if (spec.communities->size() > kMaxCommunities) {
            errors.push_back({"spec.communities", std::nullopt,
                              "must have at most " + std::to_string(kMaxCommunities) + " entries"});
        }
        for (std::size_t i = 0; i < spec.communities->size(); ++i) {
            const Community& c = (*spec.communities)[i];
            std::string path = indexed("spec.communities", i);
            if (c.name.empty()) {
                errors.push_back({path + ".name", c.name, "required"});
            } else {
                if (c.name.size() > kMaxNameLength)
                    errors.push_back({path + ".name", c.name, "must be at most 253 characters"});
                if (!matchesNamePattern(c.name))
                    errors.push_back({path + ".name", c.name, nameRegexReason()});
            }
            if (c.value.size() > kMaxCommunityValueLength)
                errors.push_back({path + ".value", c.value, "must be at most 40 characters"});
            auto problems = communityValueProblems(c.value);
            if (!problems) {
                errors.push_back(
                    {path + ".value", c.value, "invalid community value or format used."});
            } else {
                for (const auto& problem : *problems)
                    errors.push_back({path + ".value", c.value, problem});
            }
            defined.insert(c.name);
        }
    }
    bool anyPrefixAdvertisement = spec.prefixAdvertisements && !spec.prefixAdvertisements->empty();
    if (spec.prefixAdvertisements) {
        if (spec.prefixAdvertisements->size() > kMaxPrefixAdvertisements) {
            errors.push_back(
                {"spec.prefixAdvertisements", std::nullopt,
                 "must have at most " + std::to_string(kMaxPrefixAdvertisements) + " entries"});
        }
        for (std::size_t i = 0; i < spec.prefixAdvertisements->size(); ++i) {
            const PrefixAdvertisement& pa = (*spec.prefixAdvertisements)[i];
            std::string path = indexed("spec.prefixAdvertisements", i);
            if (!parseCidr(pa.cidr).cidr)
                errors.push_back({path + ".cidr", pa.cidr, "invalid CIDR value."});
            // `validate:"required"` on a Go slice: absent fails, an empty list passes.
            if (pa.communitiesOmitted) {
                errors.push_back({path + ".communities", std::nullopt,
                                  "required: the communities (names or values) to attach"});
            }
            if (pa.communities.size() > kMaxCommunitiesPerPrefix) {
                errors.push_back(
                    {path + ".communities", std::nullopt,
                     "must have at most " + std::to_string(kMaxCommunitiesPerPrefix) + " entries"});
            }
            for (std::size_t j = 0; j < pa.communities.size(); ++j) {
                const std::string& community = pa.communities[j];
                std::string cpath = indexed(path + ".communities", j);
                if (auto problems = communityValueProblems(community)) {
                    for (const auto& problem : *problems)
                        errors.push_back({cpath, community, problem});
                } else if (!defined.count(community)) {
                    errors.push_back(
                        {cpath, community, "community used is invalid or not defined."});
                }
            }
        }
    }
    // Calico's rule (a CEL rule since v3.33): communities need some prefixAdvertisement, which
    // may itself use literal values only.
    if (spec.communities && !spec.communities->empty() && !anyPrefixAdvertisement) {
        errors.push_back({"spec.communities", std::nullopt,
                          "communities are defined but not used in prefixAdvertisements"});
    }
}

void validateMesh(const BGPConfigurationSpec& spec, std::vector<FieldError>& errors) {
    bool meshOff = spec.nodeToNodeMeshEnabled == false;
    if (spec.nodeMeshPassword) {
        if (meshOff) {
            errors.push_back(
                {"spec.nodeMeshPassword", std::nullopt,
                 "nodeMeshPassword cannot be set when nodeToNodeMeshEnabled is false"});
        }
        // Kubernetes' SecretKeySelector as Calico's schema has it: `key` is required, `name`
        // defaults to "" (allowed, for backwards compatibility).
        if (spec.nodeMeshPassword->key.empty())
            errors.push_back(
                {"spec.nodeMeshPassword.secretKeyRef.key", std::nullopt, "Required value"});
    }
    if (spec.nodeMeshMaxRestartTime) {
        if (!isGoDuration(*spec.nodeMeshMaxRestartTime)) {
            errors.push_back({"spec.nodeMeshMaxRestartTime", *spec.nodeMeshMaxRestartTime,
                              "must be a duration such as 120s or 2m"});
        }
        if (meshOff) {
            errors.push_back(
                {"spec.nodeMeshMaxRestartTime", std::nullopt,
                 "nodeMeshMaxRestartTime cannot be set when nodeToNodeMeshEnabled is false"});
        }
    }
}

void validateInterfacesAndPeering(const BGPConfigurationSpec& spec,
                                  std::vector<FieldError>& errors) {
    static const std::regex interfacePattern("^[a-zA-Z0-9_.*-]{1,15}$");
    if (spec.ignoredInterfaces) {
        for (std::size_t i = 0; i < spec.ignoredInterfaces->size(); ++i) {
            const std::string& name = (*spec.ignoredInterfaces)[i];
            if (name == "*" || !std::regex_match(name, interfacePattern)) {
                errors.push_back({indexed("spec.ignoredInterfaces", i), name,
                                  "must be 1-15 characters of letters, digits, '_', '.', '-' or "
                                  "'*', and not '*' "
                                  "alone"});
            }
            // x-kubernetes-list-type: set
            const auto& names = *spec.ignoredInterfaces;
            if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), name) !=
                names.begin() + static_cast<std::ptrdiff_t>(i))
                errors.push_back({indexed("spec.ignoredInterfaces", i), name, "Duplicate value"});
        }
    }
    auto checkIp = [&](const std::optional<std::string>& value, const char* field, int family) {
        if (!value) return;
        auto ip = parseIp(*value);
        if (!ip || ip->family != family) {
            errors.push_back(
                {field, *value,
                 std::string("must be a valid IPv") + std::to_string(family) + " address"});
        }
    };
    checkIp(spec.localWorkloadPeeringIPV4, "spec.localWorkloadPeeringIPV4", 4);
    checkIp(spec.localWorkloadPeeringIPV6, "spec.localWorkloadPeeringIPV6", 6);
}

}  // namespace

bool isDnsSubdomain(const std::string& name) {
    return name.size() <= kMaxNameLength && matchesNamePattern(name);
}

std::vector<FieldError> validateBgpConfiguration(const BGPConfiguration& resource,
                                                 const ValidationOptions& options) {
    std::vector<FieldError> errors;
    const BGPConfigurationSpec& spec = resource.spec;
    validateMetadata(resource.metadata, errors);
    validateDefaultOnly(resource, errors);
    checkEnum(errors, spec.logSeverityScreen, "spec.logSeverityScreen",
              {"Trace", "Debug", "Info", "Warning", "Error", "Fatal"}, options.calicoMinor >= 33);
    validateServiceCidrs(spec, errors);
    checkEnum(errors, spec.serviceLoadBalancerAggregation, "spec.serviceLoadBalancerAggregation",
              {"Enabled", "Disabled"});
    validateCommunities(spec, errors);
    checkRange(errors, spec.listenPort, "spec.listenPort", 1, 65535);
    validateMesh(spec, errors);
    checkEnum(errors, spec.bindMode, "spec.bindMode", {"None", "NodeIP"});
    validateInterfacesAndPeering(spec, errors);
    checkEnum(errors, spec.programClusterRoutes, "spec.programClusterRoutes",
              {"Enabled", "Disabled", "EnabledIPIPOnly", "EnabledNoEncapOnly"});
    checkRange(errors, spec.ipv4NormalRoutePriority, "spec.ipv4NormalRoutePriority", 1, 2147483646);
    checkRange(errors, spec.ipv6NormalRoutePriority, "spec.ipv6NormalRoutePriority", 1, 2147483646);
    return errors;
}

std::vector<std::string> lintBgpConfiguration(const BGPConfiguration& resource) {
    std::vector<std::string> warnings;
    const std::string& name = resource.metadata.name;
    std::string who = "BGPConfiguration(" + name + ")";
    if (name != "default" && !name.starts_with("node.")) {
        warnings.push_back(
            who + " is ignored by calico-node: only 'default' and 'node.<nodename>' are read");
    }
    for (ServiceCidrList list : kServiceCidrLists) {
        const auto& entries = cidrList(resource.spec, list);
        if (!entries) continue;
        std::string field = std::string("spec.") + fieldName(list);
        std::vector<Cidr> cidrs;
        std::vector<std::size_t> entryOf;  // cidrs[k] is entry entryOf[k]
        for (std::size_t i = 0; i < entries->size(); ++i) {
            if ((*entries)[i].cidr.empty()) {
                warnings.push_back(who + ": " + indexed(field, i) +
                                   " is empty; calico-node ignores it");
                continue;
            }
            if (auto c = parseCidr((*entries)[i].cidr).cidr) {
                cidrs.push_back(*c);
                entryOf.push_back(i);
            }
        }
        for (auto [a, b] : overlappingPairs(cidrs)) {
            warnings.push_back(who + ": " + indexed(field, entryOf[b]) + " (" + cidrs[b].str() +
                               ") " + (cidrs[a] == cidrs[b] ? "duplicates " : "overlaps ") +
                               indexed(field, entryOf[a]) + " (" + cidrs[a].str() + ")");
        }
    }
    return warnings;
}

BGPConfiguration checkedBgpConfiguration(const Document& document,
                                         const ValidationOptions& options) {
    DecodeResult decoded = decodeBgpConfiguration(document.body);
    std::vector<FieldError> errors = std::move(decoded.errors);
    if (decoded.resource) {
        auto more = validateBgpConfiguration(*decoded.resource, options);
        errors.insert(errors.end(), more.begin(), more.end());
    }
    if (!errors.empty()) throw invalidInput(document.origin() + ": " + formatFieldErrors(errors));
    return std::move(*decoded.resource);
}

}  // namespace svcadv
