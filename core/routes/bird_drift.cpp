#include "svcadv/routes/bird_drift.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "svcadv/routes/advisory.h"
#include "svcadv/util/error.h"

namespace svcadv {
namespace {

std::vector<std::string> words(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string word; in >> word;)
        out.push_back(word);
    return out;
}

// A reply line as it may appear in a message: control characters as '?', at most 80 characters.
std::string shown(const std::string& text) {
    std::string out;
    for (char c : text.substr(0, 80))
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    return out + (text.size() > 80 ? "..." : "");
}

// What the plan says of a planned route: its reasons and the services behind it.
void describePlanned(const PlanView& view, const Route& route, RouteDrift& drift) {
    std::set<std::string> reasons;
    std::set<std::string> services;
    for (const auto& source : route.sources) {
        reasons.insert(reasonName(source.reason));
        std::string service = serviceOf(view, source);
        if (!service.empty()) services.insert(service);
    }
    for (const auto& reason : reasons)
        drift.reason += (drift.reason.empty() ? "" : ",") + reason;
    for (const auto& service : services)
        drift.detail += (drift.detail.empty() ? "" : ",") + service;
}

// Why the plan has no route `prefix` on the node: the rule a service with that address meets
// there, or NotPlanned when no service or range of the plan has it.
void describeUnplanned(const PlanView& view, const NodeRoutes& routes, const Cidr& prefix,
                       RouteDrift& drift) {
    for (std::size_t i = 0; i < view.plan.services.size(); ++i) {
        const ServiceDecision& decision = view.plan.services[i];
        for (const auto& address : decision.addresses) {
            if (!address.prefix || *address.prefix != prefix) continue;
            Reason reason =
                address.skipped ? *address.skipped : decision.ruleOn(routes.node, routes.excluded);
            drift.reason = reasonName(reason);
            drift.detail = view.state.services[i].key();
            return;
        }
    }
    drift.reason = routes.excluded ? reasonName(Reason::NodeExcluded) : "NotPlanned";
}

}  // namespace

const char* driftKindName(DriftKind kind) {
    switch (kind) {
        case DriftKind::MissingStatic:
            return "MissingStatic";
        case DriftKind::UnplannedStatic:
            return "UnplannedStatic";
        case DriftKind::MissingExport:
            return "MissingExport";
        case DriftKind::UnplannedExport:
            return "UnplannedExport";
    }
    return "?";
}

bool isBirdSymbol(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    if (!std::isalpha(static_cast<unsigned char>(name[0])) && name[0] != '_') return false;
    return std::all_of(name.begin(), name.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

std::vector<BirdProtocol> parseBirdProtocols(const std::vector<std::string>& lines) {
    std::vector<BirdProtocol> out;
    for (const auto& line : lines) {
        std::vector<std::string> fields = words(line);
        if (fields.empty() || (fields[0] == "name" && fields.size() > 1 && fields[1] == "proto"))
            continue;
        if (fields.size() < 4)
            throw invalidInput("BIRD show protocols: not a protocol row: '" + shown(line) + "'");
        BirdProtocol protocol{fields[0], fields[1], fields[2], fields[3], ""};
        for (std::size_t i = 5; i < fields.size(); ++i)
            protocol.info += (protocol.info.empty() ? "" : " ") + fields[i];
        out.push_back(std::move(protocol));
    }
    return out;
}

std::vector<std::string> parseBirdRoutes(const std::vector<std::string>& lines) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& line : lines) {
        if (line.empty() || line[0] == ' ' || line[0] == '\t') continue;  // another route, same net
        std::string first = words(line).front();
        CidrParseResult parsed = parseCidr(first);
        if (!parsed.cidr)
            throw invalidInput("BIRD show route: '" + shown(first) + "' is not a prefix (" +
                               parsed.reason + ")");
        std::string text = parsed.cidr->str();
        if (seen.insert(text).second) out.push_back(text);
    }
    return out;
}

std::vector<RouteDrift> birdDrift(const PlanView& view, const std::string& node,
                                  const BirdObservation& bird) {
    const NodeRoutes* routes = nullptr;
    for (const auto& entry : view.plan.nodes) {
        if (view.state.nodes[entry.node].name == node) routes = &entry;
    }
    if (!routes) throw usageError("--node: node '" + node + "' is not in the input");

    std::map<Cidr, const Route*> planned;
    for (const auto& route : routes->routes) {
        if (route.prefix.network.family == bird.family) planned[route.prefix] = &route;
    }
    auto toCidrs = [](const std::vector<std::string>& prefixes) {
        std::set<Cidr> out;
        for (const auto& text : prefixes) {
            CidrParseResult parsed = parseCidr(text);
            if (parsed.cidr) out.insert(*parsed.cidr);
        }
        return out;
    };
    std::vector<RouteDrift> out;
    // present: what BIRD has; peer/state: the export drift's peer, and why nothing is exported.
    auto compare = [&](const std::set<Cidr>& present, DriftKind missing, DriftKind unplanned,
                       const BirdPeerExports* peer) {
        for (const auto& [prefix, route] : planned) {
            if (present.count(prefix)) continue;
            RouteDrift drift{missing, bird.family, prefix.str(), peer ? peer->protocol : "",
                             "",      ""};
            describePlanned(view, *route, drift);
            if (peer && peer->state != "up")
                drift.detail += (drift.detail.empty() ? "" : "; ") + std::string("peer is ") +
                                peer->state + (peer->info.empty() ? "" : " (" + peer->info + ")");
            out.push_back(std::move(drift));
        }
        for (const auto& prefix : present) {
            if (planned.count(prefix) || prefix.network.family != bird.family) continue;
            RouteDrift drift{unplanned, bird.family, prefix.str(), peer ? peer->protocol : "",
                             "",        ""};
            describeUnplanned(view, *routes, prefix, drift);
            out.push_back(std::move(drift));
        }
    };
    compare(toCidrs(bird.staticRoutes), DriftKind::MissingStatic, DriftKind::UnplannedStatic,
            nullptr);
    for (const auto& peer : bird.peers)
        compare(toCidrs(peer.exported), DriftKind::MissingExport, DriftKind::UnplannedExport,
                &peer);
    std::stable_sort(out.begin(), out.end(), [](const RouteDrift& a, const RouteDrift& b) {
        if (a.kind != b.kind) return a.kind < b.kind;
        if (a.peer != b.peer) return a.peer < b.peer;
        return false;  // prefixes keep the plan's (address) order
    });
    return out;
}

}  // namespace svcadv
