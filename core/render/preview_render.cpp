#include "svcadv/render/preview_render.h"

#include <algorithm>
#include <map>
#include <ostream>
#include <sstream>

#include "svcadv/render/render.h"
#include "svcadv/util/error.h"

namespace svcadv {
namespace {

json sourceObject(const PlanView& view, const RouteSource& source) {
    json out = json::object();
    out["reason"] = reasonName(source.reason);
    if (source.service >= 0) {
        out["service"] = serviceOf(view, source);
        out["address"] = addressKindName(source.address);
    }
    return out;
}

json routeObject(const PlanView& view, const Route& route) {
    json sources = json::array();
    for (const auto& source : route.sources)
        sources.push_back(sourceObject(view, source));
    json out{{"prefix", route.prefix.str()}, {"sources", std::move(sources)}};
    if (!route.communities.empty()) out["communities"] = route.communities;
    return out;
}

// The node's reject cidrs: the same on every node, excluded ones included.
json rejectArray(const RoutePlan& plan) {
    json out = json::array();
    for (const auto& reject : plan.rejectCidrs) {
        json sources = json::array();
        for (auto source : reject.sources)
            sources.push_back(rejectSourceName(source));
        out.push_back(json{{"cidr", reject.cidr}, {"sources", std::move(sources)}});
    }
    return out;
}

std::string joinCommunities(const std::vector<std::string>& communities) {
    std::string out;
    for (const auto& value : communities)
        out += (out.empty() ? "" : ",") + value;
    return out.empty() ? "-" : out;
}

json documentHeader(const RoutePlan& plan) {
    return json{{"apiVersion", "svcadv/v1"},
                {"kind", "RoutePreview"},
                {"semantics", semanticsName(plan.semantics)}};
}

json warningArray(const RoutePlan& plan) {
    json out = json::array();
    for (const auto& warning : plan.warnings)
        out.push_back(warningJson(warning));
    return out;
}

std::string joinNames(const PlanView& view, const std::vector<int>& nodes, std::size_t limit) {
    std::string out;
    for (std::size_t i = 0; i < nodes.size() && i < limit; ++i) {
        if (i) out += ",";
        out += view.state.nodes[nodes[i]].name;
    }
    if (nodes.size() > limit) out += ",+" + std::to_string(nodes.size() - limit) + " more";
    return out;
}

// With a service filter, the prefixes that service is a source of (empty set: no filter).
std::set<std::string> prefixesOfService(const PlanView& view, const PreviewFilter& filter) {
    std::set<std::string> out;
    if (filter.service.empty()) return out;
    for (const auto& entry : view.plan.nodes) {
        for (const auto& route : entry.routes) {
            if (filter.showsRoute(view, route)) out.insert(route.prefix.str());
        }
    }
    return out;
}

bool prefixShown(const PreviewFilter& filter, const std::set<std::string>& ofService,
                 const std::string& prefix) {
    return filter.service.empty() || ofService.count(prefix) > 0;
}

// JSON string escaping without the quotes. Runs that need none (nearly every name) are appended
// whole.
void appendEscaped(std::string& out, std::string_view text) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        auto byte = static_cast<unsigned char>(c);
        if (c != '"' && c != '\\' && byte >= 0x20) continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        if (byte >= 0x20) {
            out += '\\';
            out += c;
        } else {
            static const char* hex = "0123456789abcdef";
            out += "\\u00";
            out += hex[byte >> 4];
            out += hex[byte & 15];
        }
    }
    out.append(text.data() + run, text.size() - run);
}

void appendQuoted(std::string& out, std::string_view text) {
    out += '"';
    appendEscaped(out, text);
    out += '"';
}

void appendRoute(std::string& out, const PlanView& view, const Route& route) {
    out += "{\"prefix\": \"";
    route.prefix.appendTo(out);  // nothing in a prefix needs escaping
    out += '"';
    out += ", \"sources\": [";
    for (std::size_t i = 0; i < route.sources.size(); ++i) {
        const RouteSource& source = route.sources[i];
        out += i ? ", {\"reason\": " : "{\"reason\": ";
        appendQuoted(out, reasonName(source.reason));
        if (source.service >= 0) {
            const ServiceInfo& service = view.state.services[source.service];
            out += ", \"service\": \"";  // serviceOf's namespace/name, without a string each
            appendEscaped(out, service.namespace_);
            out += '/';
            appendEscaped(out, service.name);
            out += '"';
            out += ", \"address\": ";
            appendQuoted(out, addressKindName(source.address));
        }
        out += "}";
    }
    out += "]";
    if (!route.communities.empty()) {
        out += ", \"communities\": [";
        for (std::size_t i = 0; i < route.communities.size(); ++i) {
            if (i) out += ", ";
            appendQuoted(out, route.communities[i]);
        }
        out += "]";
    }
    out += "}";
}

}  // namespace

json warningJson(const PreviewWarning& warning) {
    json out = json::object();
    out["code"] = warningName(warning.code);
    if (!warning.service.empty()) out["service"] = warning.service;
    if (!warning.node.empty()) out["node"] = warning.node;
    if (!warning.prefix.empty()) out["prefix"] = warning.prefix;
    out["message"] = warning.message;
    return out;
}

void writePreviewJson(std::ostream& stream, const PlanView& view, const PreviewFilter& filter) {
    // Written in pieces: a 5,000-node plan is about 19 MB of text, which as one string would be
    // grown (copied, and its fresh pages faulted in) several times over before a byte is written.
    constexpr std::size_t kPiece = std::size_t{1} << 20;
    std::string out;
    out.reserve(kPiece + (kPiece >> 2));
    auto flushFull = [&] {
        if (out.size() < kPiece) return;
        stream.write(out.data(), static_cast<std::streamsize>(out.size()));
        out.clear();
    };
    out += "{\n  \"apiVersion\": \"svcadv/v1\",\n  \"kind\": \"RoutePreview\",\n";
    out += "  \"semantics\": \"" + semanticsName(view.plan.semantics) + "\",\n  \"nodes\": [";
    bool firstNode = true;
    std::string rejects = rejectArray(view.plan).dump();
    for (const auto& entry : view.plan.nodes) {
        const std::string& name = view.state.nodes[entry.node].name;
        if (!filter.showsNode(name)) continue;
        out += firstNode ? "\n    {\"name\": " : ",\n    {\"name\": ";
        firstNode = false;
        appendQuoted(out, name);
        out += entry.excluded ? ", \"excluded\": true, \"routes\": ["
                              : ", \"excluded\": false, \"routes\": [";
        bool firstRoute = true;
        for (const auto& route : entry.routes) {
            if (!filter.showsRoute(view, route)) continue;
            out += firstRoute ? "\n      " : ",\n      ";
            firstRoute = false;
            appendRoute(out, view, route);
        }
        out += firstRoute ? "]" : "\n    ]";
        out += ", \"rejectCidrs\": ";
        out += rejects;
        out += '}';
        flushFull();
    }
    out += firstNode ? "],\n  \"prefixes\": [" : "\n  ],\n  \"prefixes\": [";
    std::set<std::string> ofService = prefixesOfService(view, filter);
    bool firstPrefix = true;
    for (const auto& entry : view.plan.prefixes) {
        std::string prefix = entry.prefix.str();
        if (!prefixShown(filter, ofService, prefix)) continue;
        std::string names;
        for (int node : entry.nodes) {
            const std::string& name = view.state.nodes[node].name;
            if (!filter.showsNode(name)) continue;
            if (!names.empty()) names += ", ";
            appendQuoted(names, name);
        }
        if (names.empty()) continue;
        out += firstPrefix ? "\n    {\"prefix\": " : ",\n    {\"prefix\": ";
        firstPrefix = false;
        appendQuoted(out, prefix);
        out += ", \"nodes\": [";
        out += names;
        out += "]}";
        flushFull();
    }
    out += firstPrefix ? "],\n  \"warnings\": [" : "\n  ],\n  \"warnings\": [";
    bool firstWarning = true;
    for (const auto& warning : view.plan.warnings) {
        out += firstWarning ? "\n    " : ",\n    ";
        firstWarning = false;
        out += warningJson(warning).dump();
        flushFull();
    }
    out += firstWarning ? "]\n}\n" : "\n  ]\n}\n";
    stream.write(out.data(), static_cast<std::streamsize>(out.size()));
}

std::string previewJson(const PlanView& view, const PreviewFilter& filter) {
    std::ostringstream out;
    writePreviewJson(out, view, filter);
    return std::move(out).str();
}

json previewDocument(const PlanView& view, const PreviewFilter& filter) {
    json nodes = json::array();
    json rejects = rejectArray(view.plan);
    for (const auto& entry : view.plan.nodes) {
        const std::string& name = view.state.nodes[entry.node].name;
        if (!filter.showsNode(name)) continue;
        json routes = json::array();
        for (const auto& route : entry.routes) {
            if (filter.showsRoute(view, route)) routes.push_back(routeObject(view, route));
        }
        nodes.push_back(json{{"name", name},
                             {"excluded", entry.excluded},
                             {"routes", routes},
                             {"rejectCidrs", rejects}});
    }
    json prefixes = json::array();
    std::set<std::string> ofService = prefixesOfService(view, filter);
    for (const auto& entry : view.plan.prefixes) {
        std::string prefix = entry.prefix.str();
        if (!prefixShown(filter, ofService, prefix)) continue;
        json names = json::array();
        for (int node : entry.nodes) {
            if (filter.showsNode(view.state.nodes[node].name))
                names.push_back(view.state.nodes[node].name);
        }
        if (!names.empty()) prefixes.push_back(json{{"prefix", prefix}, {"nodes", names}});
    }
    json out = documentHeader(view.plan);
    out["nodes"] = std::move(nodes);
    out["prefixes"] = std::move(prefixes);
    out["warnings"] = warningArray(view.plan);
    return out;
}

namespace {

// -o wide: after the routes, the reject cidrs of every shown node (a blank line between).
std::string rejectTable(const PlanView& view, const PreviewFilter& filter, bool noHeaders) {
    if (view.plan.rejectCidrs.empty()) return "";
    std::vector<std::vector<std::string>> rows;
    if (!noHeaders) rows.push_back({"NODE", "REJECT", "SOURCE"});
    for (const auto& entry : view.plan.nodes) {
        const std::string& name = view.state.nodes[entry.node].name;
        if (!filter.showsNode(name)) continue;
        for (const auto& reject : view.plan.rejectCidrs) {
            std::string sources;
            for (auto source : reject.sources)
                sources += (sources.empty() ? "" : ",") + std::string(rejectSourceName(source));
            rows.push_back({name, reject.cidr, sources});
        }
    }
    return "\n" + formatTable(rows);
}

}  // namespace

std::string previewTable(const PlanView& view, const PreviewFilter& filter, bool byPrefix,
                         bool wide, bool noHeaders) {
    std::vector<std::vector<std::string>> rows;
    if (byPrefix) {
        if (!noHeaders) rows.push_back({"PREFIX", "NODES", "COUNT"});
        std::set<std::string> ofService = prefixesOfService(view, filter);
        for (const auto& entry : view.plan.prefixes) {
            std::vector<int> shown;
            for (int node : entry.nodes) {
                if (filter.showsNode(view.state.nodes[node].name)) shown.push_back(node);
            }
            if (shown.empty() || !prefixShown(filter, ofService, entry.prefix.str())) continue;
            rows.push_back({entry.prefix.str(), joinNames(view, shown, wide ? shown.size() : 3),
                            std::to_string(shown.size())});
        }
        return formatTable(rows);
    }
    std::map<std::string, std::size_t> paths;  // prefix -> next hops, for -o wide
    if (wide) {
        for (const auto& entry : view.plan.prefixes)
            paths[entry.prefix.str()] = entry.nodes.size();
    }
    if (!noHeaders) {
        rows.push_back({"NODE", "PREFIX", "REASON", "SERVICE"});
        if (wide) rows.back().insert(rows.back().end(), {"ADDRESS", "PATHS", "COMMUNITIES"});
    }
    for (const auto& entry : view.plan.nodes) {
        const std::string& name = view.state.nodes[entry.node].name;
        if (!filter.showsNode(name)) continue;
        std::size_t before = rows.size();
        for (const auto& route : entry.routes) {
            if (!filter.showsRoute(view, route)) continue;
            std::string prefix = route.prefix.str();
            for (const auto& source : route.sources) {
                std::string service = serviceOf(view, source);
                rows.push_back(
                    {name, prefix, reasonName(source.reason), service.empty() ? "-" : service});
                if (wide) {
                    const char* address = addressKindName(source.address);
                    rows.back().insert(rows.back().end(),
                                       {*address ? address : "-", std::to_string(paths[prefix]),
                                        joinCommunities(route.communities)});
                }
            }
        }
        // Every node appears: an excluded one, or one with nothing to advertise, gets a line too.
        if (rows.size() == before && filter.service.empty()) {
            rows.push_back({name, "-", entry.excluded ? "NodeExcluded" : "-", "-"});
            if (wide) rows.back().insert(rows.back().end(), {"-", "-", "-"});
        }
    }
    std::string out = formatTable(rows);
    if (wide && filter.service.empty()) out += rejectTable(view, filter, noHeaders);
    return out;
}

namespace {

json marked(json item, const char* change) {
    item["change"] = change;
    return item;
}

// The reject cidrs one plan has and the other has not (the same on every node), marked.
json rejectChanges(const RoutePlan& before, const RoutePlan& after) {
    json out = json::array();
    auto missingFrom = [](const RoutePlan& plan, const json& reject) {
        return std::none_of(
            plan.rejectCidrs.begin(), plan.rejectCidrs.end(),
            [&](const RejectCidr& r) { return r.cidr == reject["cidr"].get<std::string>(); });
    };
    for (const auto& reject : rejectArray(after))
        if (missingFrom(before, reject)) out.push_back(marked(reject, "added"));
    for (const auto& reject : rejectArray(before))
        if (missingFrom(after, reject)) out.push_back(marked(reject, "withdrawn"));
    return out;
}

// Whether the node is excluded in `after` (a node only `before` has: in `before`).
bool excludedIn(const PlanView& before, const PlanView& after, const std::string& name) {
    for (const PlanView* view : {&after, &before}) {
        for (const auto& entry : view->plan.nodes) {
            if (view->state.nodes[entry.node].name == name) return entry.excluded;
        }
    }
    return false;
}

}  // namespace

json diffDocument(const std::vector<NodeChange>& changes, const PlanView& before,
                  const PlanView& after, const std::vector<WarningChange>& warnings) {
    json nodes = json::array();
    json rejects = rejectChanges(before.plan, after.plan);
    // (prefix, change) -> the nodes, in prefix order, added before withdrawn.
    std::map<std::pair<Cidr, std::string>, json> prefixes;
    for (const auto& change : changes) {
        json routes = json::array();
        for (const auto& [list, mark, view] :
             {std::tuple{&change.added, "added", &after},
              std::tuple{&change.withdrawn, "withdrawn", &before}}) {
            for (const auto& route : *list) {
                routes.push_back(marked(routeObject(*view, route), mark));
                json& names = prefixes[{route.prefix, mark}];
                if (names.is_null()) names = json::array();
                names.push_back(change.node);
            }
        }
        nodes.push_back(json{{"name", change.node},
                             {"excluded", excludedIn(before, after, change.node)},
                             {"routes", std::move(routes)},
                             {"rejectCidrs", rejects}});
    }
    json prefixArray = json::array();
    for (auto& [key, names] : prefixes) {
        prefixArray.push_back(
            json{{"prefix", key.first.str()}, {"nodes", std::move(names)}, {"change", key.second}});
    }
    json warningArray = json::array();
    for (const auto& warning : warnings)
        warningArray.push_back(
            marked(warningJson(warning.warning), warningChangeName(warning.change)));
    json out = documentHeader(after.plan);
    out["kind"] = "RoutePreviewDiff";
    out["nodes"] = std::move(nodes);
    out["prefixes"] = std::move(prefixArray);
    out["warnings"] = std::move(warningArray);
    return out;
}

std::string diffTable(const std::vector<NodeChange>& changes, const PlanView& before,
                      const PlanView& after, bool noHeaders) {
    std::vector<std::vector<std::string>> rows;
    if (!noHeaders) rows.push_back({"NODE", "CHANGE", "PREFIX", "REASON", "SERVICE"});
    for (const auto& change : changes) {
        for (const auto& [mark, routes, view] :
             {std::tuple{"+", &change.added, &after}, {"-", &change.withdrawn, &before}}) {
            for (const auto& route : *routes) {
                for (const auto& source : route.sources) {
                    std::string service = serviceOf(*view, source);
                    rows.push_back({change.node, mark, route.prefix.str(),
                                    reasonName(source.reason), service.empty() ? "-" : service});
                }
            }
        }
    }
    return formatTable(rows);
}

json explainDocument(const PlanView& view, const std::string& service) {
    const auto& services = view.state.services;
    auto it = std::find_if(services.begin(), services.end(),
                           [&](const ServiceInfo& s) { return s.key() == service; });
    if (it == services.end())
        throw usageError("--explain: service '" + service + "' is not in the input");
    const ServiceDecision& decision = view.plan.services[it - services.begin()];
    json nodes = json::array();
    for (const auto& entry : view.plan.nodes) {
        json addresses = json::array();
        Reason rule = decision.ruleOn(entry.node, entry.excluded);
        for (const auto& address : decision.addresses) {
            json row = json::object();
            row["address"] = addressKindName(address.kind);
            row["ip"] = address.ip;
            row["prefix"] = address.prefix ? address.prefix->str() : "-";
            Reason reason = address.skipped ? *address.skipped : rule;
            row["reason"] = reasonName(reason);
            bool advertised = !address.skipped && (rule == Reason::SingleIPCluster ||
                                                   rule == Reason::AggregationDisabled ||
                                                   rule == Reason::LocalEndpoint);
            row["advertised"] = advertised;
            if (advertised) {
                auto route =
                    std::find_if(entry.routes.begin(), entry.routes.end(),
                                 [&](const Route& r) { return r.prefix == *address.prefix; });
                if (route != entry.routes.end() && !route->communities.empty())
                    row["communities"] = route->communities;
            }
            addresses.push_back(std::move(row));
        }
        if (decision.addresses.empty()) {
            addresses.push_back(json{{"address", "-"},
                                     {"ip", "-"},
                                     {"prefix", "-"},
                                     {"reason", reasonName(rule)},
                                     {"advertised", false}});
        }
        nodes.push_back(json{{"name", view.state.nodes[entry.node].name},
                             {"excluded", entry.excluded},
                             {"addresses", std::move(addresses)}});
    }
    json out = documentHeader(view.plan);
    out["kind"] = "RouteExplanation";
    out["service"] = service;
    out["decision"] = reasonName(decision.rule);
    if (!it->defaulted.empty()) out["defaulted"] = it->defaulted;
    out["nodes"] = std::move(nodes);
    return out;
}

std::string explainTable(const json& explanation, bool noHeaders) {
    std::vector<std::vector<std::string>> rows;
    // The COMMUNITIES column only when some advertised address carries communities.
    bool communities = false;
    for (const auto& node : explanation["nodes"]) {
        for (const auto& address : node["addresses"])
            communities = communities || address.contains("communities");
    }
    if (!noHeaders) rows.push_back({"NODE", "ADDRESS", "PREFIX", "ADVERTISED", "REASON"});
    if (!noHeaders && communities) rows.back().push_back("COMMUNITIES");
    for (const auto& node : explanation["nodes"]) {
        for (const auto& address : node["addresses"]) {
            std::string kind = address["address"].get<std::string>();
            std::string ip = address["ip"].get<std::string>();
            rows.push_back({node["name"].get<std::string>(), kind == "-" ? "-" : kind + " " + ip,
                            address["prefix"].get<std::string>(),
                            address["advertised"].get<bool>() ? "yes" : "no",
                            address["reason"].get<std::string>()});
            if (communities) {
                rows.back().push_back(
                    address.contains("communities")
                        ? joinCommunities(address["communities"].get<std::vector<std::string>>())
                        : "-");
            }
        }
    }
    std::string out = formatTable(rows);
    if (explanation.contains("defaulted")) {
        out += "\nNever through an API server: defaulted as it would be on create:\n";
        for (const auto& line : explanation["defaulted"])
            out += "  " + line.get<std::string>() + "\n";
    }
    return out;
}

}  // namespace svcadv
