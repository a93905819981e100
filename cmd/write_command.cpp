#include "write_command.h"

#include "route_impact_gate.h"

namespace svcadv::cmd {
namespace {

struct WriteOptions {
    std::vector<std::string> files;
    bool skipExists = false;
    DryRunFlag dryRun;
    std::string output;
    ImpactFlags impact;
};

int runWrite(IOStreams& io, const WriteOptions& options, WriteVerb verb,
             const GlobalOptions& global) {
    auto documents = readDocuments(io, options.files);
    auto store = openStore(global);
    WriteRequest request;
    request.verb = verb;
    request.dryRun = options.dryRun.kind();
    request.skipExisting = options.skipExists;
    RouteImpactGate gate(io, *store, options.impact, options.output);
    request.beforeWrite = gate.hook();
    int code = reportWrite(io, writeBgpConfigurations(*store, documents, request), verb,
                           options.dryRun, options.output);
    gate.printDocument();
    return code;
}

}  // namespace

void registerWriteCommand(CommandContext& context, const WriteCommandSpec& spec) {
    auto options = std::make_shared<WriteOptions>();
    CLI::App* command =
        addCommand(context.app, spec.name, spec.summary, spec.description, spec.examples);
    completesWith(command->add_option("-f,--filename", options->files,
                                      "File(s) of resources, YAML or JSON ('-' for stdin)"),
                  ValueSource::Files)
        ->required();
    if (spec.verb == WriteVerb::Create) {
        command->add_flag("--skip-exists", options->skipExists,
                          "Skip resources that already exist");
    }
    addDryRunFlag(command, options->dryRun);
    addResultOutputFlag(command, options->output);
    addImpactFlags(command, options->impact);
    command->callback([options, verb = spec.verb, &context] {
        context.action = [options, verb, &global = context.global, &io = context.io] {
            return runWrite(io, *options, verb, global);
        };
    });
}

}  // namespace svcadv::cmd
