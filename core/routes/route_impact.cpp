#include "svcadv/routes/route_impact.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "svcadv/routes/reachability.h"

namespace svcadv {
namespace {

std::vector<std::string> entriesOf(const BGPConfiguration* config, ServiceCidrList list) {
    std::vector<std::string> out;
    if (!config) return out;
    if (const auto& entries = cidrList(config->spec, list)) {
        for (const auto& entry : *entries)
            out.push_back(entry.cidr);
    }
    return out;
}

// Entries of `a` not in `b`, in a's order (as written: a re-spelled entry is a change).
std::vector<std::string> missingFrom(const std::vector<std::string>& a,
                                     const std::vector<std::string>& b) {
    std::vector<std::string> out;
    for (const auto& entry : a) {
        if (std::find(b.begin(), b.end(), entry) == b.end()) out.push_back(entry);
    }
    return out;
}

json specOf(const BGPConfiguration* config) {
    if (!config) return json::object();
    json encoded = encodeBgpConfiguration(*config);
    return encoded.value("spec", json::object());
}

std::vector<SpecFieldChange> otherFieldChanges(const BGPConfiguration* before,
                                               const BGPConfiguration* after) {
    json a = specOf(before), b = specOf(after);
    std::map<std::string, std::pair<json, json>> fields;
    for (auto it = a.begin(); it != a.end(); ++it)
        fields[it.key()].first = it.value();
    for (auto it = b.begin(); it != b.end(); ++it)
        fields[it.key()].second = it.value();
    std::vector<SpecFieldChange> out;
    for (const auto& [field, values] : fields) {
        bool listField = false;
        for (auto list : kServiceCidrLists)
            listField = listField || field == fieldName(list);
        if (!listField && values.first != values.second)
            out.push_back({field, values.first, values.second});
    }
    return out;
}

// The ranges of a configuration, lenient as calico-node reads them.
std::vector<Cidr> rangesOf(const BGPConfiguration* config) {
    std::vector<Cidr> out;
    for (auto list : kServiceCidrLists) {
        for (const auto& text : entriesOf(config, list)) {
            auto parsed = parseCidr(text);
            if (parsed.cidr)
                out.push_back(*parsed.cidr);
            else if (parsed.masked)
                out.push_back(*parsed.masked);
            else if (auto ip = parseIp(text))
                out.push_back(hostCidr(*ip));
        }
    }
    return out;
}

struct AddressRef {
    int service;
    const ServiceAddress* address;
    IpAddress ip;
};

std::vector<AddressRef> parsedAddresses(const RoutePlan& plan) {
    std::vector<AddressRef> out;
    for (std::size_t s = 0; s < plan.services.size(); ++s) {
        for (const auto& address : plan.services[s].addresses) {
            if (auto ip = parseIp(address.ip)) out.push_back({static_cast<int>(s), &address, *ip});
        }
    }
    return out;
}

std::vector<EcmpChange> ecmpChanges(const RoutePlan& before, const RoutePlan& after) {
    std::map<Cidr, std::pair<std::size_t, std::size_t>> counts;
    for (const auto& entry : before.prefixes)
        counts[entry.prefix].first = entry.nodes.size();
    for (const auto& entry : after.prefixes)
        counts[entry.prefix].second = entry.nodes.size();
    std::vector<std::pair<Cidr, std::pair<std::size_t, std::size_t>>> sorted(counts.begin(),
                                                                             counts.end());
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return prefixOrder(a.first, b.first); });
    std::vector<EcmpChange> out;
    for (const auto& [prefix, count] : sorted) {
        if (count.first != count.second) out.push_back({prefix.str(), count.first, count.second});
    }
    return out;
}

}  // namespace

std::vector<std::string> RouteImpact::strandingLines() const {
    std::vector<std::string> out;
    for (const auto& lost : unreachable)
        out.push_back(lost.service + " " + addressKindName(lost.kind) + " " + lost.ip +
                      " would be unreachable from outside (it is reached through " + lost.route +
                      " today)");
    for (const auto& range : strandedRanges) {
        std::string holds;
        for (const auto& address : range.addresses)
            holds += (holds.empty() ? "" : ", ") + address.service + " " + address.ip;
        out.push_back(range.field + " " + range.cidr + " is removed but holds " + holds);
    }
    return out;
}

RouteImpact assessConfigChange(const ClusterState& state,
                               const std::optional<BGPConfiguration>& proposed) {
    RouteImpact impact;
    ClusterState after = state;
    std::erase_if(after.bgpConfigurations, [](const SourcedBgpConfiguration& c) {
        return c.resource.metadata.name == "default";
    });
    if (proposed) after.bgpConfigurations.push_back({*proposed, "the proposed change"});
    const BGPConfiguration* oldConfig = state.defaultBgpConfiguration();
    const BGPConfiguration* newConfig = after.defaultBgpConfiguration();
    impact.existedBefore = oldConfig != nullptr;
    impact.existsAfter = newConfig != nullptr;

    for (auto list : kServiceCidrLists) {
        auto a = entriesOf(oldConfig, list), b = entriesOf(newConfig, list);
        CidrListChange change{fieldName(list), missingFrom(b, a), missingFrom(a, b)};
        if (!change.added.empty() || !change.removed.empty()) impact.lists.push_back(change);
    }
    impact.fields = otherFieldChanges(oldConfig, newConfig);

    impact.planBefore = computeRoutePlan(state, {});
    impact.planAfter = computeRoutePlan(after, {});
    impact.changes = diffPlans({state, impact.planBefore}, {after, impact.planAfter}, {});
    impact.ecmp = ecmpChanges(impact.planBefore, impact.planAfter);

    AdvertisedPrefixes reachedBefore(impact.planBefore), reachedAfter(impact.planAfter);
    for (const auto& ref : parsedAddresses(impact.planBefore)) {
        auto was = reachedBefore.covering(ref.ip);
        auto now = reachedAfter.covering(ref.ip);
        std::string key = state.services[ref.service].key();
        if (was && !now)
            impact.unreachable.push_back({key, ref.address->ip, ref.address->kind, was->str()});
        if (!was && now)
            impact.reachable.push_back({key, ref.address->ip, ref.address->kind, now->str()});
    }

    std::vector<Cidr> remaining = rangesOf(newConfig);
    auto stillCovered = [&](const IpAddress& ip) {
        return std::any_of(remaining.begin(), remaining.end(),
                           [&](const Cidr& c) { return c.contains(ip); });
    };
    auto addresses = parsedAddresses(impact.planBefore);
    for (const auto& change : impact.lists) {
        for (const auto& text : change.removed) {
            auto parsed = parseCidr(text);
            if (!parsed.cidr) continue;
            StrandedRange range{change.field, text, {}};
            for (const auto& ref : addresses) {
                if (parsed.cidr->contains(ref.ip) && !stillCovered(ref.ip))
                    range.addresses.push_back({state.services[ref.service].key(), ref.address->ip,
                                               ref.address->kind, ""});
            }
            if (!range.addresses.empty()) impact.strandedRanges.push_back(std::move(range));
        }
    }
    return impact;
}

namespace {
using WarningKey = std::tuple<int, std::string, std::string, std::string, std::string>;
WarningKey keyOf(const PreviewWarning& w) {
    return {static_cast<int>(w.code), w.service, w.node, w.prefix, w.message};
}
std::set<WarningKey> keysOf(const std::vector<PreviewWarning>& warnings) {
    std::set<WarningKey> out;
    for (const auto& w : warnings)
        out.insert(keyOf(w));
    return out;
}
}  // namespace

const char* warningChangeName(WarningChangeKind kind) {
    switch (kind) {
        case WarningChangeKind::New:
            return "new";
        case WarningChangeKind::Resolved:
            return "resolved";
        case WarningChangeKind::Unchanged:
            break;
    }
    return "unchanged";
}

std::vector<WarningChange> diffWarnings(const std::vector<PreviewWarning>& before,
                                        const std::vector<PreviewWarning>& after) {
    std::vector<WarningChange> out;
    auto was = keysOf(before), now = keysOf(after);
    for (const auto& w : after)
        out.push_back(
            {was.count(keyOf(w)) ? WarningChangeKind::Unchanged : WarningChangeKind::New, w});
    for (const auto& w : before) {
        if (!now.count(keyOf(w))) out.push_back({WarningChangeKind::Resolved, w});
    }
    return out;
}

}  // namespace svcadv
