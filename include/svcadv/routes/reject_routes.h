// The reject cidrs calico-node programs on every node, excluded or not: the ranges whose learned
// routes BIRD must not program into the kernel (the `calico_kernel_programming` filter rejects
// them), because the node's own kube-proxy answers for them. confd client.go updateGlobalRoutes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "svcadv/routes/cluster.h"
#include "svcadv/util/cidr.h"

namespace svcadv {

enum class RejectSource {
    ServiceClusterIPs,
    AdvertiseClusterIPs,  // CALICO_ADVERTISE_CLUSTER_IPS, which replaces serviceClusterIPs
    ServiceExternalIPs,
    ServiceLoadBalancerIPs,
};
const char* rejectSourceName(RejectSource source);  // the field (or variable) it comes from

struct RejectCidr {
    std::string cidr;                   // as written: calico-node hands the text to BIRD unchanged
    std::vector<RejectSource> sources;  // every list that holds it, in RejectSource order
    int family() const { return cidr.find(':') == std::string::npos ? 4 : 6; }
};

// Every node's reject cidrs, in the order BIRD's configuration lists them (confd's sorted keys):
// every serviceClusterIPs entry (single IPs included) or the CALICO_ADVERTISE_CLUSTER_IPS value,
// the serviceExternalIPs ranges (single IPs are not global), and the serviceLoadBalancerIPs ranges
// when serviceLoadBalancerAggregation is Enabled (or unset). Empty entries are skipped; a list with
// an entry Go's net.ParseCIDR refuses (a bare IP) is dropped whole, as calico-node drops it.
// `advertiseClusterIPs` is CALICO_ADVERTISE_CLUSTER_IPS (PreviewOptions::advertiseClusterIPs).
std::vector<RejectCidr> rejectCidrs(const ClusterState& state,
                                    const std::optional<Cidr>& advertiseClusterIPs);

// The key confd stores a route under ("10.96.0.0-12"): its templates list routes in this order.
std::string confdRouteKey(const std::string& cidr);

}  // namespace svcadv
