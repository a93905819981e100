#include "route_impact_gate.h"

#include <iostream>

#include "svcadv/render/route_impact_render.h"
#include "svcadv/store/cluster_source.h"
#include "svcadv/util/error.h"

namespace svcadv::cmd {
namespace {

std::optional<BGPConfiguration> decoded(const std::optional<json>& object) {
    if (!object) return std::nullopt;
    return decodeBgpConfiguration(*object).resource;
}

// The fields service advertisement reads; any other edit changes no route.
json serviceFields(const std::optional<BGPConfiguration>& config) {
    if (!config) return nullptr;
    json spec = encodeBgpConfiguration(*config).value("spec", json::object());
    json out = json::object();
    for (const char* field : {"serviceClusterIPs", "serviceExternalIPs", "serviceLoadBalancerIPs",
                              "serviceLoadBalancerAggregation"}) {
        if (spec.contains(field)) out[field] = spec[field];
    }
    return out;
}

void replaceDefault(ClusterState& state, const std::optional<BGPConfiguration>& config) {
    std::erase_if(state.bgpConfigurations, [](const SourcedBgpConfiguration& c) {
        return c.resource.metadata.name == "default";
    });
    if (config) state.bgpConfigurations.push_back({*config, "the stored object"});
}

}  // namespace

void addImpactFlags(CLI::App* command, ImpactFlags& flags) {
    command->add_flag("--force", flags.force,
                      "Write even when the change leaves a reachable service unreachable or "
                      "removes a range service IPs live in");
    command->add_flag("--quiet", flags.quiet, "Print only the result lines, not the route impact");
}

RouteImpactGate::RouteImpactGate(IOStreams& io, Datastore& store, const ImpactFlags& flags,
                                 std::string output)
    : io_(io), store_(store), flags_(flags), output_(std::move(output)) {}

BeforeWrite RouteImpactGate::hook() {
    return [this](const ProposedWrite& proposed) { check(proposed); };
}

const ClusterState* RouteImpactGate::cluster() {
    if (!loadTried_) {
        loadTried_ = true;
        try {
            cluster_ = loadClusterFromDatastore(store_);
        } catch (const Error& e) {
            // Seeing the impact must never block a plain edit (no permission to list services).
            io_.err << "Note: the route impact is not shown: cannot read the cluster state: "
                    << e.what() << "\n";
        }
    }
    return cluster_ ? &*cluster_ : nullptr;
}

void RouteImpactGate::check(const ProposedWrite& proposed) {
    if (proposed.name != "default") return;
    // --force --quiet without a document: nothing would print the impact or refuse the write, so
    // the cluster is not read, and a scripted write in a data dir of 100,000 objects costs what it
    // costs in an empty one (issue 15).
    if (flags_.force && flags_.quiet && output_ != "json" && output_ != "yaml") return;
    auto before = decoded(proposed.before);
    auto after = decoded(proposed.after);
    ClusterState state;
    if (proposed.beforeKnown && serviceFields(before) == serviceFields(after)) {
        // No route can change: the field changes alone, without reading the cluster.
        replaceDefault(state, before);
    } else {
        const ClusterState* current = cluster();
        if (!current) return;
        state = *current;
        if (proposed.beforeKnown) replaceDefault(state, before);  // as the write just read it
    }
    impact_ = assessConfigChange(state, after);
    impactState_ = std::move(state);
    // Said when a route or a service's way in changes; field edits that move no route (asNumber,
    // a create of what exists, a cluster without nodes) keep the plain result line. The
    // RouteImpact document of -o json|yaml carries them all.
    bool anything = !impact_->changes.empty() || !impact_->unreachable.empty() ||
                    !impact_->reachable.empty() || !impact_->strandedRanges.empty();
    if (!printed_ && anything && !flags_.quiet && output_.empty())
        io_.out << routeImpactText(*impact_, *impactState_);
    printed_ = true;
    if (impact_->needsForce() && !flags_.force)
        throw Error(ExitCode::ResourceState, strandingRefusal("change BGPConfiguration(default)",
                                                              impact_->strandingLines()));
}

void RouteImpactGate::printDocument() const {
    if (!impact_ || (output_ != "json" && output_ != "yaml")) return;
    json document = routeImpactDocument(*impact_, *impactState_);
    if (output_ == "yaml")
        io_.out << "---\n" << toYaml(document);
    else
        io_.out << toJson(document);
}

}  // namespace svcadv::cmd
