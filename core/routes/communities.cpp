#include "svcadv/routes/communities.h"

#include <algorithm>
#include <set>

namespace svcadv {
namespace {

constexpr std::string_view kPerNodePrefix = "node.";

bool allDigits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// What BIRD's `net ~ cidr` compares with. Go's net.ParseCIDR accepts host bits (and masks them);
// a text without a mask is no CIDR at all.
std::optional<Cidr> ruleNetwork(const std::string& text) {
    CidrParseResult parsed = parseCidr(text);
    if (parsed.cidr) return parsed.cidr;
    if (parsed.problem == CidrProblem::HostBitsSet) return parsed.masked;
    return std::nullopt;
}

// `net ~ rule`: the route lies inside the rule's network.
bool inside(const Cidr& route, const Cidr& rule) {
    return route.network.family == rule.network.family && route.prefixLength >= rule.prefixLength &&
           rule.contains(route.network);
}

}  // namespace

bool isCommunityValue(const std::string& text) {
    std::size_t first = text.find(':');
    if (first == std::string::npos) return false;
    std::size_t second = text.find(':', first + 1);
    std::string_view view(text);
    if (second == std::string::npos)
        return allDigits(view.substr(0, first)) && allDigits(view.substr(first + 1));
    return allDigits(view.substr(0, first)) &&
           allDigits(view.substr(first + 1, second - first - 1)) &&
           allDigits(view.substr(second + 1));
}

CommunityRules communityRulesOf(const BGPConfiguration& config) {
    CommunityRules out;
    out.source = config.metadata.name;
    if (!config.spec.prefixAdvertisements) return out;
    static const std::vector<Community> kNone;
    const auto& defined = config.spec.communities ? *config.spec.communities : kNone;
    for (const auto& advertisement : *config.spec.prefixAdvertisements) {
        std::set<std::string> values;
        for (const auto& community : advertisement.communities) {
            if (isCommunityValue(community)) {
                values.insert(community);
                continue;
            }
            // The first definition of the name wins; an unknown name adds nothing.
            auto it = std::find_if(defined.begin(), defined.end(),
                                   [&](const Community& c) { return c.name == community; });
            if (it != defined.end()) values.insert(it->value);
        }
        // BIRD gets one add statement per value of two or three parts; none, no rule.
        std::vector<std::string> kept;
        for (const auto& value : values) {
            auto parts = std::count(value.begin(), value.end(), ':') + 1;
            if (parts == 2 || parts == 3) kept.push_back(value);
        }
        if (advertisement.cidr.empty() || kept.empty()) continue;
        CommunityRule rule{advertisement.cidr, ruleNetwork(advertisement.cidr), std::move(kept)};
        bool ipv6 = advertisement.cidr.find(':') != std::string::npos;
        (ipv6 ? out.ipv6 : out.ipv4).push_back(std::move(rule));
    }
    return out;
}

CommunityIndex::CommunityIndex(const ClusterState& state) {
    for (const auto& sourced : state.bgpConfigurations) {
        const BGPConfiguration& config = sourced.resource;
        const std::string& name = config.metadata.name;
        if (name == "default") {
            global_ = communityRulesOf(config);
        } else if (name.starts_with(kPerNodePrefix) && config.spec.prefixAdvertisements) {
            perNode_[name.substr(kPerNodePrefix.size())] = communityRulesOf(config);
        }
    }
}

const CommunityRules& CommunityIndex::rulesFor(const std::string& node) const {
    auto it = perNode_.find(node);
    return it == perNode_.end() ? global_ : it->second;
}

std::vector<std::string> CommunityIndex::communitiesOf(const std::string& node,
                                                       const Cidr& prefix) const {
    std::set<std::string> values;
    for (const auto& rule : rulesFor(node).of(prefix.network.family)) {
        if (rule.prefix && inside(prefix, *rule.prefix))
            values.insert(rule.communities.begin(), rule.communities.end());
    }
    return {values.begin(), values.end()};
}

void applyCommunities(const ClusterState& state, RoutePlan& plan) {
    CommunityIndex index(state);
    for (auto& entry : plan.nodes) {
        const std::string& node = state.nodes[entry.node].name;
        const CommunityRules& rules = index.rulesFor(node);
        if (rules.ipv4.empty() && rules.ipv6.empty()) continue;
        for (auto& route : entry.routes)
            route.communities = index.communitiesOf(node, route.prefix);
    }
}

}  // namespace svcadv
