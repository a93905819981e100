#include <iostream>

#include "commands.h"
#include "route_impact_gate.h"
#include "svcadv/util/error.h"

namespace svcadv::cmd {
namespace {

struct CidrOptions {
    bool add = true;
    std::vector<std::string> clusterIps;
    std::vector<std::string> externalIps;
    std::vector<std::string> loadBalancerIps;
    DryRunFlag dryRun;
    ImpactFlags impact;
};

// Flag values to edits; a bad CIDR is an error naming the flag, before anything is read.
std::vector<CidrEdit> editsFrom(const CidrOptions& options) {
    std::vector<CidrEdit> edits;
    auto collect = [&](const std::vector<std::string>& values, const char* flag,
                       ServiceCidrList list) {
        for (const auto& value : values) {
            auto parsed = parseCidr(value);
            if (!parsed.cidr)
                throw invalidInput(std::string(flag) + ": '" + value + "': " + parsed.reason);
            edits.push_back({list, *parsed.cidr});
        }
    };
    collect(options.clusterIps, "--cluster-ips", ServiceCidrList::ClusterIPs);
    collect(options.externalIps, "--external-ips", ServiceCidrList::ExternalIPs);
    collect(options.loadBalancerIps, "--load-balancer-ips", ServiceCidrList::LoadBalancerIPs);
    if (edits.empty())
        throw usageError("give at least one of --cluster-ips, --external-ips, --load-balancer-ips");
    return edits;
}

int runCidr(IOStreams& io, const CidrOptions& options, const GlobalOptions& global) {
    auto edits = editsFrom(options);
    auto store = openStore(global);
    RouteImpactGate gate(io, *store, options.impact, "");
    auto result =
        editServiceCidrs(*store, edits, options.add, options.dryRun.kind(), {}, gate.hook());
    if (result.stored) printLintWarnings(io.err, *result.stored);
    for (const auto& outcome : result.outcomes) {
        std::string cidr = outcome.edit.cidr.str();
        std::string list = fieldName(outcome.edit.list);
        if (options.add) {
            io.out << (outcome.changed ? "Added " + cidr + " to " : cidr + " is already in ")
                   << list;
        } else {
            io.out << (outcome.changed ? "Removed " + cidr + " from " : cidr + " is not in ")
                   << list;
        }
        io.out << " of BGPConfiguration(default)" << options.dryRun.suffix() << "\n";
    }
    return 0;
}

CLI::App* addCidrVerb(CommandContext& context, CLI::App* parent, bool add) {
    auto options = std::make_shared<CidrOptions>();
    options->add = add;
    std::string verb = add ? "add" : "remove";
    CLI::App* command = addCommand(
        *parent, verb,
        add ? "Add CIDRs to the service lists of default"
            : "Remove CIDRs from the service lists of default",
        add ? "Adds each CIDR to its list unless it is already there (idempotent). Creates the\n"
              "BGPConfiguration 'default' when it does not exist."
            : "Removes each CIDR from its list; one that is not there is reported, not an error.",
        add ? "  # Advertise the service cluster IP range and one external range\n"
              "  svcadv cidr add --cluster-ips 10.96.0.0/12 --external-ips 203.0.113.0/24"
            : "  # Stop advertising a LoadBalancer range\n"
              "  svcadv cidr remove --load-balancer-ips 198.51.100.0/24");
    command->add_option("--cluster-ips", options->clusterIps, "CIDR(s) for serviceClusterIPs")
        ->delimiter(',');
    command->add_option("--external-ips", options->externalIps, "CIDR(s) for serviceExternalIPs")
        ->delimiter(',');
    command
        ->add_option("--load-balancer-ips", options->loadBalancerIps,
                     "CIDR(s) for serviceLoadBalancerIPs")
        ->delimiter(',');
    addDryRunFlag(command, options->dryRun);
    addImpactFlags(command, options->impact);
    command->callback([options, &context] {
        context.action = [options, &global = context.global, &io = context.io] {
            return runCidr(io, *options, global);
        };
    });
    return command;
}

}  // namespace

void registerCidr(CommandContext& context) {
    CLI::App* cidr = addCommand(
        context.app, "cidr", "Add or remove one entry of default's service CIDR lists",
        "Edits serviceClusterIPs, serviceExternalIPs and serviceLoadBalancerIPs of the\n"
        "BGPConfiguration 'default' entry by entry, without retyping the list. Each edit is a\n"
        "read-modify-write guarded by the resourceVersion, so concurrent edits are never lost.",
        "  # Advertise the cluster IP range\n"
        "  svcadv cidr add --cluster-ips 10.96.0.0/12\n"
        "  # Stop advertising an external range\n"
        "  svcadv cidr remove --external-ips 203.0.113.0/24");
    cidr->require_subcommand(1);
    addCidrVerb(context, cidr, true);
    addCidrVerb(context, cidr, false);
}

}  // namespace svcadv::cmd
