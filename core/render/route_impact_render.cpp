#include "svcadv/render/route_impact_render.h"

#include "svcadv/render/preview_render.h"

namespace svcadv {
namespace {

json addressArray(const std::vector<ServiceAddressRoute>& addresses) {
    json out = json::array();
    for (const auto& a : addresses) {
        json entry = {{"service", a.service}, {"address", addressKindName(a.kind)}, {"ip", a.ip}};
        if (!a.route.empty()) entry["route"] = a.route;
        out.push_back(std::move(entry));
    }
    return out;
}

std::string joined(const std::vector<std::string>& items, const std::string& mark) {
    std::string out;
    for (const auto& item : items)
        out += " " + mark + item;
    return out;
}

}  // namespace

json routeImpactDocument(const RouteImpact& impact, const ClusterState& state) {
    json lists = json::array();
    for (const auto& list : impact.lists)
        lists.push_back({{"field", list.field}, {"added", list.added}, {"removed", list.removed}});
    json fields = json::array();
    for (const auto& field : impact.fields)
        fields.push_back(
            {{"field", field.field}, {"before", field.before}, {"after", field.after}});
    json ecmp = json::array();
    for (const auto& change : impact.ecmp)
        ecmp.push_back(
            {{"prefix", change.prefix}, {"before", change.before}, {"after", change.after}});
    json stranded = json::array();
    for (const auto& range : impact.strandedRanges)
        stranded.push_back({{"field", range.field},
                            {"cidr", range.cidr},
                            {"addresses", addressArray(range.addresses)}});
    // The routes in the RoutePreviewDiff's own shape.
    json diff = diffDocument(impact.changes, {state, impact.planBefore}, {state, impact.planAfter});
    return {{"apiVersion", "svcadv/v1"},
            {"kind", "RouteImpact"},
            {"resource", "BGPConfiguration(default)"},
            {"existedBefore", impact.existedBefore},
            {"existsAfter", impact.existsAfter},
            {"lists", lists},
            {"fields", fields},
            {"nodes", diff["nodes"]},
            {"ecmp", ecmp},
            {"unreachable", addressArray(impact.unreachable)},
            {"reachable", addressArray(impact.reachable)},
            {"strandedRanges", stranded},
            {"needsForce", impact.needsForce()}};
}

std::string routeImpactText(const RouteImpact& impact, const ClusterState& state) {
    std::string out = "Route impact on BGPConfiguration(default):\n";
    if (!impact.existedBefore && impact.existsAfter) out += "  created\n";
    if (impact.existedBefore && !impact.existsAfter) out += "  deleted\n";
    for (const auto& list : impact.lists)
        out += "  " + list.field + ":" + joined(list.added, "+") + joined(list.removed, "-") + "\n";
    for (const auto& field : impact.fields)
        out += "  " + field.field + ": " +
               (field.before.is_null() ? "(unset)" : field.before.dump()) + " -> " +
               (field.after.is_null() ? "(unset)" : field.after.dump()) + "\n";
    if (!impact.changesConfiguration()) out += "  no field changes\n";
    if (impact.changes.empty()) {
        out += "No route changes.\n";
    } else {
        out +=
            diffTable(impact.changes, {state, impact.planBefore}, {state, impact.planAfter}, false);
    }
    for (const auto& change : impact.ecmp)
        out += "ECMP " + change.prefix + ": " + std::to_string(change.before) + " -> " +
               std::to_string(change.after) + " next hops\n";
    for (const auto& a : impact.unreachable)
        out += "Unreachable after: " + a.service + " " + addressKindName(a.kind) + " " + a.ip +
               " (was reached through " + a.route + ")\n";
    for (const auto& a : impact.reachable)
        out += "Reachable after: " + a.service + " " + addressKindName(a.kind) + " " + a.ip +
               " (through " + a.route + ")\n";
    return out;
}

std::string strandingRefusal(const std::string& what, const std::vector<std::string>& lines) {
    std::string out = "refusing to " + what + ", it strands:";
    for (const auto& line : lines)
        out += "\n  - " + line;
    out += "\n(use --force to do it anyway)";
    return out;
}

}  // namespace svcadv
