#include <iostream>

#include "commands.h"
#include "route_impact_gate.h"
#include "svcadv/store/cluster_source.h"
#include "svcadv/util/error.h"

namespace svcadv::cmd {
namespace {

struct PatchOptions {
    std::string kind;
    std::string name;
    std::string patch;
    std::string patchFile;
    std::string type = "merge";
    DryRunFlag dryRun;
    std::string output;
    ImpactFlags impact;
};

int runPatch(IOStreams& io, const PatchOptions& options, const GlobalOptions& global) {
    requireBgpConfigurationKind(options.kind);
    if (options.patch.empty() == options.patchFile.empty()) {
        throw usageError("give the patch with exactly one of -p/--patch and --patch-file");
    }
    PatchRequest request;
    request.name = options.name;
    request.type = parsePatchType(options.type);
    request.dryRun = options.dryRun.kind();
    request.patch = options.patchFile.empty() ? parseValue(options.patch, "--patch")
                                              : parseValue(readInput(io, options.patchFile),
                                                           displayName(options.patchFile));
    auto store = openStore(global);
    RouteImpactGate gate(io, *store, options.impact, options.output);
    request.beforeWrite = gate.hook();
    json result = patchBgpConfiguration(*store, request);
    printLintWarnings(io.err, result);
    if (!printResultObjects(io.out, {result}, options.output)) {
        io.out << "Successfully patched 1 'BGPConfiguration' resource" << options.dryRun.suffix()
               << "\n";
    }
    gate.printDocument();
    return 0;
}

}  // namespace

void registerPatch(CommandContext& context) {
    auto options = std::make_shared<PatchOptions>();
    CLI::App* command =
        addCommand(context.app, "patch", "Patch a resource with a JSON merge patch or a JSON patch",
                   "Applies a JSON merge patch (RFC 7386, the default) or a JSON patch (RFC 6902) "
                   "to the stored\n"
                   "object. The patch may be JSON or YAML. The result is decoded strictly and "
                   "validated before\n"
                   "anything is written, and written only if nobody changed the object in between "
                   "(the change\n"
                   "is re-applied to the fresh object otherwise). Lists such as serviceClusterIPs "
                   "are replaced\n"
                   "whole by a merge patch; use 'svcadv cidr' to add or remove one entry.",
                   "  # Advertise the cluster IP range\n"
                   "  svcadv patch bgpconfig default -p "
                   "'{\"spec\":{\"serviceClusterIPs\":[{\"cidr\":\"10.96.0.0/12\"}]}}'\n"
                   "  # Append one external range with a JSON patch\n"
                   "  svcadv patch bgpconfig default --type json -p "
                   "'[{\"op\":\"add\",\"path\":\"/spec/serviceExternalIPs/"
                   "-\",\"value\":{\"cidr\":\"203.0.113.0/24\"}}]'\n"
                   "  # From a YAML file\n"
                   "  svcadv patch bgpconfig default --patch-file patch.yaml");
    completesWith(command->add_option("kind", options->kind, "Resource type: bgpconfig"),
                  ValueSource::Kinds)
        ->required();
    completesWith(command->add_option("name", options->name, "Resource name"),
                  ValueSource::BgpConfigNames)
        ->required();
    command->add_option("-p,--patch", options->patch, "The patch, JSON or YAML");
    completesWith(command->add_option("--patch-file", options->patchFile,
                                      "File holding the patch ('-' for stdin)"),
                  ValueSource::Files);
    withChoices(command->add_option("--type", options->type,
                                    "Patch type: merge (default), json, strategic (= merge)"),
                {"merge", "json", "strategic"});
    addDryRunFlag(command, options->dryRun);
    addResultOutputFlag(command, options->output);
    addImpactFlags(command, options->impact);
    command->callback([options, &context] {
        context.action = [options, &global = context.global, &io = context.io] {
            return runPatch(io, *options, global);
        };
    });
}

}  // namespace svcadv::cmd
