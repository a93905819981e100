// The registry of resource kinds: one entry per kind svcadv knows, as calicoctl's resourcemgr
// keeps one per resource. Everything that differs between kinds is here: the names users type,
// the API group and version in each datastore, the table columns and where completion finds
// names. Code that handles resources reads the entry instead of testing kind names.
#pragma once

#include <string>
#include <vector>

namespace svcadv {

struct GroupVersion {
    std::string group;  // "" for Kubernetes' core group
    std::string version;

    // "projectcalico.org/v3"; the core group's is just the version, "v1".
    std::string apiVersion() const;
};

// Calico's API as users see it, and Calico's storage of it as custom resources (storage.md).
inline const GroupVersion kCalicoApi{"projectcalico.org", "v3"};
inline const GroupVersion kCalicoCrd{"crd.projectcalico.org", "v1"};

// A column of the default table: its header and the value's path in the object, in the syntax of
// custom-columns (".spec.asNumber", ".spec.serviceClusterIPs[*].cidr"). The table shows "-" when
// nothing is there, and the values of a list joined with ",".
struct TableColumn {
    std::string header;
    std::string path;
};

// Where completion finds the names of objects of a kind.
enum class NameSource {
    None,          // not completed
    Datastore,     // the configured datastore
    ClusterInput,  // the --from files typed so far, else the configured datastore
};

struct KindInfo {
    std::string kind;      // "BGPConfiguration"
    std::string plural;    // "bgpconfigurations": the REST resource and the file datastore folder
    std::string singular;  // "bgpconfiguration": the kind in lower case, as in `-o name`
    std::string description;  // "Calico BGPConfiguration", shown by completion
    // Lower-case names users may type besides the singular and the plural, which are always
    // accepted (and so are "<singular>.<group>" and "<plural>.<group>", as kubectl prints them).
    // Completion offers the first with the singular.
    std::vector<std::string> shortNames{};
    bool namespaced = false;
    GroupVersion api;  // the group/version users see, whatever the datastore
    // Calico's kinds: stored as crd.projectcalico.org/v1 custom resources on Kubernetes unless the
    // v3 API server is the one serving them.
    bool calico = false;
    // svcadv's verbs (get, create, apply, replace, delete, patch) work on it.
    bool managed = false;
    // A part of the cluster preview-routes reads: decoded from --from inputs, held by snapshots
    // and by the file datastore.
    bool clusterInput = false;
    std::vector<TableColumn> columns{};      // the default table (managed kinds)
    std::vector<TableColumn> wideColumns{};  // appended to them by -o wide
    NameSource names = NameSource::None;
};

// Every kind, in a fixed order.
const std::vector<KindInfo>& allKinds();

// The kind a typed name means, case-insensitive: its singular (the kind name), plural, a short
// name, or the singular or plural with ".<group>". Throws a usage error "resource type '<x>' is not
// supported" for anything else.
const KindInfo& resolveKindAlias(const std::string& typed);

// As resolveKindAlias, for the kinds svcadv's verbs manage; the same usage error for the others.
const KindInfo& resolveManagedKind(const std::string& typed);

// The entry of a kind name as objects carry it ("Node", "Service", ...); nullptr when unknown.
const KindInfo* findKind(const std::string& kind);

// The entry of a kind that must be in the registry: a programming error otherwise.
const KindInfo& kindInfo(const std::string& kind);

}  // namespace svcadv
