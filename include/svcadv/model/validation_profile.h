// Which of Calico's BGPConfiguration validation rules apply, per release. Up to v3.32 calicoctl's
// Go validator (libcalico-go/lib/validator/v3/validator.go) decides, with the struct tags of
// api/pkg/apis/projectcalico/v3/bgpconfig.go; from v3.33 the CRD schema (patterns, limits,
// XValidation rules) takes over part of it. The releases were read at their tags (v3.26.0 to
// v3.32.1) and release branches; each rule below has a unit test on both sides of its boundary
// (tests/unit/model/validation_profile_test.cpp). The README's version table lists them.
#pragma once

#include <optional>
#include <string>

namespace svcadv {

struct ValidationProfile {
    // The release the rules are those of, for messages ("v3.32.0", "v3.33", "master").
    std::string release = "v3.33";
    // logSeverityScreen: the CRD's `^(?i)(Trace|...)?$` from 3.33; up to 3.32 the Go validator's
    // exact-case `^(Trace|Debug|Info|Warning|Error|Fatal)$`.
    bool logSeverityAnyCase = true;
    // The mesh and communities rules as the 3.33 CRD's XValidation messages word them; up to 3.32
    // validateBGPConfigurationSpec's texts ("spec.NodeMeshPassword cannot be set if
    // spec.NodeToNodeMesh is disabled", "... not used in Spec.PrefixAdvertisement[].").
    bool crdRuleMessages = true;
    // The 3.33 CRD's size limits: 500 communities, 500 prefixAdvertisements, 50 communities per
    // prefixAdvertisement, community names of at most 253 and values of at most 40 characters.
    bool crdSizeLimits = true;
    // bindMode's enum (None, NodeIP) and ignoredInterfaces as a set (duplicates refused): in the
    // CRD from 3.32; up to 3.31 neither the validator nor the CRD checks them.
    bool bindModeEnum = true;
    bool ignoredInterfacesSet = true;
    // v3.32.0's CRD made communities, prefixAdvertisements and the three service lists sets
    // (x-kubernetes-list-type: set): a duplicate entry is refused. v3.32.1 made them atomic.
    bool serviceListsAreSets = false;
    // programClusterRoutes' values: Enabled, Disabled (3.32); EnabledIPIPOnly and
    // EnabledNoEncapOnly too from 3.33.
    bool programClusterRoutesEncapValues = true;
    // The newest minor whose fields the release knows: localWorkloadPeeringIPV4/IPV6 came in
    // 3.30, serviceLoadBalancerAggregation in 3.31, programClusterRoutes and
    // ipv4/ipv6NormalRoutePriority in 3.32. calicoctl's strict decoding refuses a field its
    // release does not have.
    int fieldsOfMinor = 33;
};

// The rules of release 3.<minor>.<patch>; `patch` nullopt: the newest patch of that minor (its
// release branch); minor 34 stands for master. Minors below 26 are treated as 26.
ValidationProfile validationProfile(int minor, std::optional<int> patch);

// The profile of the newest release (what svcadv validates against when no version is known).
ValidationProfile latestValidationProfile();

// Whether two profiles check the same rules (their release names aside).
bool sameRules(const ValidationProfile& a, const ValidationProfile& b);

}  // namespace svcadv
