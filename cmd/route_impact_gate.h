// Every write of a BGPConfiguration shows, before it writes, what it does to the routes, and
// refuses (exit 4) a change that strands services unless --force. The write operations tell the
// gate what they are about to store (BeforeWrite); the gate reads the cluster only when a service
// field of `default` changes, so other edits cost no extra request, and never under --force
// --quiet without -o json|yaml, where nothing would use it.
#pragma once

#include <optional>

#include "common.h"
#include "svcadv/routes/route_impact.h"

namespace svcadv::cmd {

struct ImpactFlags {
    bool force = false;
    bool quiet = false;
};
void addImpactFlags(CLI::App* command, ImpactFlags& flags);

class RouteImpactGate {
  public:
    // `output`: the command's -o (json|yaml carry the impact as a document; any -o silences the
    // text).
    RouteImpactGate(IOStreams& io, Datastore& store, const ImpactFlags& flags, std::string output);

    // For the write request: computes and prints the impact of each proposed `default`, and
    // throws the refusal of a stranding change unless forced.
    BeforeWrite hook();

    // -o json|yaml: the RouteImpact document, after the resulting objects.
    void printDocument() const;

  private:
    void check(const ProposedWrite& proposed);
    // The cluster, read once; nullptr (and one note on the error stream) when it cannot be read.
    const ClusterState* cluster();

    IOStreams& io_;
    Datastore& store_;
    ImpactFlags flags_;
    std::string output_;
    bool loadTried_ = false;
    std::optional<ClusterState> cluster_;
    bool printed_ = false;
    std::optional<ClusterState> impactState_;  // the state `impact_` was computed on
    std::optional<RouteImpact> impact_;
};

}  // namespace svcadv::cmd
