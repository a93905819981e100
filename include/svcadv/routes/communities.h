// The BGP communities calico-node attaches to the routes it exports: a BGPConfiguration's
// prefixAdvertisements, names resolved against the same resource's `communities`, applied by
// BIRD's apply_communities() to every exported route inside an entry's cidr. A `node.<name>`
// BGPConfiguration that sets prefixAdvertisements replaces the global ones on that node.
// (confd client.go getPrefixAdvertisementsKVPair, bgp_processor.go processCommunityRules.)
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "svcadv/routes/cluster.h"
#include "svcadv/routes/route_plan.h"
#include "svcadv/util/cidr.h"

namespace svcadv {

// One prefixAdvertisement as BIRD sees it: `if ( net ~ cidr ) then { ...add...; }`.
struct CommunityRule {
    std::string cidr;  // as written: confd hands the text to BIRD unchanged
    // The network BIRD compares with; nullopt when the text is no CIDR (no route matches it, and
    // BIRD refuses the configuration).
    std::optional<Cidr> prefix;
    // The values: literal values kept, names resolved (unknown names dropped, as calico-node
    // drops them), duplicates removed, sorted as strings as calico-node sorts them.
    std::vector<std::string> communities;
};

struct CommunityRules {
    std::string source;  // the BGPConfiguration they come from ("default", "node.a"); "" for none
    std::vector<CommunityRule> ipv4;  // rules with a cidr without ':'
    std::vector<CommunityRule> ipv6;  // rules with a cidr containing ':'
    const std::vector<CommunityRule>& of(int family) const { return family == 6 ? ipv6 : ipv4; }
};

// The rules of one BGPConfiguration. Entries with an empty cidr, or with no value left after
// resolution, produce no rule (processCommunityRules skips them).
CommunityRules communityRulesOf(const BGPConfiguration& config);

// Is a community value standard (a:b) or large (a:b:c), as calico-node's regexes read it?
bool isCommunityValue(const std::string& text);

// The rules in force on each node, for the nodes of one cluster state.
class CommunityIndex {
  public:
    explicit CommunityIndex(const ClusterState& state);

    // `node.<name>` when it sets prefixAdvertisements (an empty list included), else `default`.
    const CommunityRules& rulesFor(const std::string& node) const;

    // The communities BIRD attaches to `prefix` when the node exports it: the union over every
    // rule whose cidr contains the prefix, sorted as strings.
    std::vector<std::string> communitiesOf(const std::string& node, const Cidr& prefix) const;

  private:
    CommunityRules global_;
    std::map<std::string, CommunityRules> perNode_;
};

// Fills Route::communities of every node's routes from the rules in force on that node.
void applyCommunities(const ClusterState& state, RoutePlan& plan);

}  // namespace svcadv
