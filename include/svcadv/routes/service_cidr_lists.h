// The three service CIDR lists of a BGPConfiguration as calico-node reads them (confd client.go:
// onClusterIPsUpdate, onExternalIPsUpdate, onLoadBalancerIPsUpdate, updateGlobalRoutes,
// parseIPNets). calico-node validates nothing itself: the entries of a list that become global
// routes go through net.ParseCIDR, and one failure drops the WHOLE list, while an entry that
// parses with host bits set is written into BIRD's configuration as written. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "svcadv/routes/calico_semantics.h"
#include "svcadv/util/cidr.h"

namespace svcadv {

enum class ServiceCidrListKind { Cluster, External, LoadBalancer };
const char* serviceCidrListField(ServiceCidrListKind kind);  // "serviceClusterIPs", ...

// What Go's net.ParseCIDR makes of a text: the network with host bits cleared, or nullopt when it
// fails (no mask, empty, not an address).
std::optional<Cidr> goParseCidr(const std::string& text);

struct HeldCidrList {
    // The entries calico-node holds, as written (after its comma split on releases that join
    // them); empty when the list was dropped.
    std::vector<std::string> entries;
    // The entries calico-node programs as static and reject routes on every node, as written.
    std::vector<std::string> globalRoutes;
    // The networks addresses are checked against (parseIPNets: host bits cleared, an entry that
    // does not parse skipped).
    std::vector<Cidr> allowed;
    // The entry whose net.ParseCIDR failure dropped the whole list.
    std::optional<std::string> droppedBy;
    // Entries skipped alone (not parsed as global routes): aggregation Disabled LB entries.
    std::vector<std::string> skipped;
};

// `configured` are the cidr fields in order (empty strings included). `aggregation` is whether LB
// ranges are global routes (always true before 3.31).
HeldCidrList readServiceCidrList(const std::vector<std::string>& configured,
                                 ServiceCidrListKind kind, bool aggregation,
                                 const CalicoSemantics& semantics);

// Whether calico-node aggregates LoadBalancer services: it compares the raw value with
// "Enabled" (unset is Enabled); releases before 3.31 always do.
bool loadBalancerAggregationEnabled(const std::optional<std::string>& configured,
                                    const CalicoSemantics& semantics);

}  // namespace svcadv
