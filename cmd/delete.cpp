#include "commands.h"
#include "route_impact_gate.h"
#include "svcadv/model/validate.h"
#include "svcadv/util/error.h"

namespace svcadv::cmd {
namespace {

struct DeleteOptions {
    std::vector<std::string> arguments;  // KIND NAME...
    std::vector<std::string> files;
    bool skipNotExists = false;
    DryRunFlag dryRun;
    std::string output;
    ImpactFlags impact;
};

std::vector<std::string> namesToDelete(IOStreams& io, const DeleteOptions& options) {
    if (!options.files.empty()) {
        if (!options.arguments.empty())
            throw usageError("give either KIND NAME... or -f FILE, not both");
        std::vector<std::string> names;
        for (const auto& document : readDocuments(io, options.files)) {
            names.push_back(checkedBgpConfiguration(document).metadata.name);
        }
        return names;
    }
    if (options.arguments.empty()) throw usageError("give KIND NAME... or -f FILE");
    requireBgpConfigurationKind(options.arguments[0]);
    if (options.arguments.size() < 2) throw usageError("resource name may not be empty");
    return {options.arguments.begin() + 1, options.arguments.end()};
}

int runDelete(IOStreams& io, const DeleteOptions& options, const GlobalOptions& global) {
    auto names = namesToDelete(io, options);
    auto store = openStore(global);
    WriteRequest request;
    request.verb = WriteVerb::Delete;
    request.dryRun = options.dryRun.kind();
    request.skipExisting = options.skipNotExists;
    RouteImpactGate gate(io, *store, options.impact, options.output);
    request.beforeWrite = gate.hook();
    int code = reportWrite(io, deleteBgpConfigurations(*store, names, request), WriteVerb::Delete,
                           options.dryRun, options.output);
    gate.printDocument();
    return code;
}

}  // namespace

void registerDelete(CommandContext& context) {
    auto options = std::make_shared<DeleteOptions>();
    CLI::App* command = addCommand(
        context.app, "delete", "Delete resources by name or from a file",
        "Deletes the named BGPConfigurations, or those named in the file(s). A missing one is an\n"
        "error unless --skip-not-exists.",
        "  # Delete a per-node override\n"
        "  svcadv delete bgpconfig node.worker-1\n"
        "  # Delete what a file defines, ignoring ones already gone\n"
        "  svcadv delete -f bgpconfig.yaml --skip-not-exists");
    completesWith(command->add_option("arguments", options->arguments, "KIND NAME..."),
                  ValueSource::BgpConfigNames);
    completesWith(command->add_option("-f,--filename", options->files,
                                      "File(s) naming the resources to delete"),
                  ValueSource::Files);
    command->add_flag("--skip-not-exists", options->skipNotExists,
                      "Skip resources that do not exist");
    addDryRunFlag(command, options->dryRun);
    addResultOutputFlag(command, options->output);
    addImpactFlags(command, options->impact);
    command->callback([options, &context] {
        context.action = [options, &global = context.global, &io = context.io] {
            return runDelete(io, *options, global);
        };
    });
}

}  // namespace svcadv::cmd
