// The BIRD 1.x configuration calico-node's confd renders for one node (templates bird.cfg,
// bird_aggr.cfg, bird_ipam.cfg and their bird6 twins, Calico v3.33), for the parts the cluster
// state decides: the static blackhole routes of the node's service routes, the export function
// calico_export_to_bgp_peers, apply_communities, and the reject cidrs of the kernel filter. The
// includes are inlined, so one text is one file BIRD reads (`bird -p -c FILE`).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "svcadv/routes/communities.h"
#include "svcadv/routes/plan_diff.h"
#include "svcadv/routes/reject_routes.h"

namespace svcadv {

// A BGP peer of the node, rendered as calico-node renders a global BGPPeer ("Global_<ip>").
struct BirdPeer {
    IpAddress address;
    std::uint32_t asNumber = 0;
};

// What the cluster state does not hold: the node's addresses and its peers.
struct BirdOptions {
    int family = 4;               // 4: bird.cfg, 6: bird6.cfg
    std::string routerId;         // the node's IPv4 address in Calico; empty: BIRD picks one
    std::vector<BirdPeer> peers;  // those of `family` are rendered
};

// Parses "ADDRESS,AS" (the --bird-peer value). Throws a usage error naming `flag`.
BirdPeer parseBirdPeer(const std::string& flag, const std::string& text);

// The configuration of `node`. Throws a usage error when the node is not in the input.
std::string birdConfig(const PlanView& view, const std::string& node,
                       const std::vector<RejectCidr>& rejects, const CommunityIndex& communities,
                       const BirdOptions& options);

}  // namespace svcadv
