#include "svcadv/routes/plan_diff.h"

#include <algorithm>
#include <map>

namespace svcadv {

bool PreviewFilter::showsRoute(const PlanView& view, const Route& route) const {
    if (service.empty()) return true;
    return std::any_of(route.sources.begin(), route.sources.end(), [&](const RouteSource& s) {
        return s.service >= 0 && view.state.services[s.service].key() == service;
    });
}

std::string serviceOf(const PlanView& view, const RouteSource& source) {
    return source.service < 0 ? "" : view.state.services[source.service].key();
}

std::vector<NodeChange> diffPlans(const PlanView& before, const PlanView& after,
                                  const PreviewFilter& filter) {
    std::map<std::string, const NodeRoutes*> old;
    for (const auto& entry : before.plan.nodes)
        old[before.state.nodes[entry.node].name] = &entry;
    static const NodeRoutes kNone{-1, false, {}};
    std::vector<NodeChange> changes;
    std::set<std::string> seen;
    auto compare = [&](const std::string& name, const NodeRoutes& was, const NodeRoutes& now) {
        if (!filter.showsNode(name)) return;
        NodeChange change{name, {}, {}};
        // Routes are in prefixOrder, so a lookup is a binary search.
        auto has = [](const NodeRoutes& routes, const Cidr& prefix) {
            auto it = std::lower_bound(
                routes.routes.begin(), routes.routes.end(), prefix,
                [](const Route& r, const Cidr& p) { return prefixOrder(r.prefix, p); });
            return it != routes.routes.end() && it->prefix == prefix;
        };
        for (const auto& route : now.routes) {
            if (!has(was, route.prefix) && filter.showsRoute(after, route))
                change.added.push_back(route);
        }
        for (const auto& route : was.routes) {
            if (!has(now, route.prefix) && filter.showsRoute(before, route))
                change.withdrawn.push_back(route);
        }
        if (!change.added.empty() || !change.withdrawn.empty())
            changes.push_back(std::move(change));
    };
    for (const auto& entry : after.plan.nodes) {
        const std::string& name = after.state.nodes[entry.node].name;
        seen.insert(name);
        auto it = old.find(name);
        compare(name, it == old.end() ? kNone : *it->second, entry);
    }
    for (const auto& [name, entry] : old) {
        if (!seen.count(name)) compare(name, *entry, kNone);
    }
    std::sort(changes.begin(), changes.end(),
              [](const NodeChange& a, const NodeChange& b) { return a.node < b.node; });
    return changes;
}

}  // namespace svcadv
