#include "svcadv/render/reachability_render.h"

#include "svcadv/render/render.h"

namespace svcadv {
namespace {

std::string routeText(const NodeReach& node) {
    if (!node.route) return node.excluded ? "- (excluded)" : "-";
    return node.route->str() + (node.route->isSingleIp() ? " (host)" : " (range)");
}

std::string subjectOf(const PreviewWarning& warning) {
    return !warning.service.empty() ? warning.service
           : !warning.node.empty()  ? "node " + warning.node
                                    : warning.prefix;
}

std::string warningText(const PreviewWarning& warning) {
    std::string subject = subjectOf(warning);
    return std::string(warningName(warning.code)) + (subject.empty() ? "" : ": " + subject) + ": " +
           warning.message;
}

json warningJson(const PreviewWarning& warning) {
    json out = {{"code", warningName(warning.code)}, {"message", warning.message}};
    if (!warning.service.empty()) out["service"] = warning.service;
    if (!warning.node.empty()) out["node"] = warning.node;
    if (!warning.prefix.empty()) out["prefix"] = warning.prefix;
    return out;
}

// How many nodes attract the address, and how many of those can serve it.
std::pair<std::size_t, std::size_t> counts(const AddressReach& address) {
    std::size_t attract = 0, serve = 0;
    for (const auto& node : address.nodes) {
        if (!node.route) continue;
        ++attract;
        if (node.canServe) ++serve;
    }
    return {attract, serve};
}

std::string verdict(const AddressReach& address) {
    auto [attract, serve] = counts(address);
    std::string head = std::string(addressKindName(address.kind)) + " " + address.ip + ": ";
    if (attract == 0) return head + "unreachable: no node advertises a route to it";
    if (serve == 0)
        return head + "unreachable: " + std::to_string(attract) +
               " node(s) attract it but none can serve it";
    std::string out = head + "reachable through " + std::to_string(attract) + " node(s)";
    if (serve < attract)
        out +=
            "; " + std::to_string(attract - serve) + " of them drop it (no ready local endpoint)";
    return out;
}

}  // namespace

json reachabilityJson(const ServiceReachability& reach, const ClusterState& state) {
    json addresses = json::array();
    for (const auto& address : reach.addresses) {
        json nodes = json::array();
        for (const auto& node : address.nodes) {
            json entry = {{"name", state.nodes[node.node].name},
                          {"excluded", node.excluded},
                          {"route", node.route ? json(node.route->str()) : json(nullptr)},
                          {"via", !node.route                ? "none"
                                  : node.route->isSingleIp() ? "host"
                                                             : "range"},
                          {"canServe", node.canServe}};
            nodes.push_back(std::move(entry));
        }
        addresses.push_back({{"address", addressKindName(address.kind)},
                             {"ip", address.ip},
                             {"reachable", address.reachable()},
                             {"verdict", verdict(address)},
                             {"nodes", std::move(nodes)}});
    }
    json endpoints = json::array();
    for (const auto& endpoint : reach.endpoints)
        endpoints.push_back({{"node", endpoint.node},
                             {"addressType", endpoint.addressType},
                             {"ready", endpoint.ready},
                             {"serving", endpoint.serving},
                             {"terminating", endpoint.terminating}});
    json warnings = json::array();
    for (const auto& warning : reach.warnings)
        warnings.push_back(warningJson(warning));
    return {{"policy", reach.local ? "Local" : "Cluster"},
            {"addresses", std::move(addresses)},
            {"endpoints", std::move(endpoints)},
            {"fixes", reach.fixes},
            {"warnings", std::move(warnings)}};
}

std::string reachabilityText(const ServiceReachability& reach, const ClusterState& state,
                             bool noHeaders) {
    std::vector<std::vector<std::string>> rows;
    if (!noHeaders) rows.push_back({"NODE", "ADDRESS", "ROUTE", "SERVES"});
    for (const auto& address : reach.addresses) {
        for (const auto& node : address.nodes)
            rows.push_back({state.nodes[node.node].name,
                            std::string(addressKindName(address.kind)) + " " + address.ip,
                            routeText(node), node.canServe ? "yes" : "no"});
    }
    std::string out = "\nReachability of " + reach.service + " (" +
                      (reach.local ? "Local" : "Cluster") + " policy):\n" + formatTable(rows);
    for (const auto& address : reach.addresses)
        out += verdict(address) + "\n";
    out += "\nEndpoints:\n";
    if (reach.endpoints.empty()) {
        out += "  none (no EndpointSlice names this service)\n";
    } else {
        std::vector<std::vector<std::string>> endpointRows;
        if (!noHeaders) endpointRows.push_back({"NODE", "READY", "SERVING", "TERMINATING"});
        auto yesNo = [](bool value) { return std::string(value ? "yes" : "no"); };
        for (const auto& endpoint : reach.endpoints)
            endpointRows.push_back({endpoint.node.empty() ? "-" : endpoint.node,
                                    yesNo(endpoint.ready), yesNo(endpoint.serving),
                                    yesNo(endpoint.terminating)});
        out += formatTable(endpointRows);
    }
    if (!reach.fixes.empty()) {
        out += "\nFix:\n";
        for (const auto& fix : reach.fixes)
            out += "  - " + fix + "\n";
    }
    return out;
}

std::string warningLines(const std::vector<PreviewWarning>& warnings) {
    std::string out;
    for (const auto& warning : warnings)
        out += std::string(warning.error ? "Error: " : "Warning: ") + warningText(warning) + "\n";
    return out;
}

std::string warningLines(const std::vector<WarningChange>& changes) {
    std::string out;
    for (const auto& change : changes)
        out += std::string("Warning (") + warningChangeName(change.change) +
               "): " + warningText(change.warning) + "\n";
    return out;
}

json warningChangeArray(const std::vector<WarningChange>& changes) {
    json out = json::array();
    for (const auto& change : changes) {
        json entry = warningJson(change.warning);
        entry["change"] = warningChangeName(change.change);
        out.push_back(std::move(entry));
    }
    return out;
}

}  // namespace svcadv
