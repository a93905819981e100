#include "svcadv/model/validate.h"
#include "calico_version_flag.h"
#include "commands.h"
#include "svcadv/util/error.h"

namespace svcadv::cmd {
namespace {

struct ValidateOptions {
    std::vector<std::string> files;
    std::string calicoVersion;
};

// Every document is checked, so one run reports every problem; they travel up as one error.
int runValidate(IOStreams& io, const ValidateOptions& options) {
    ValidationProfile profile = validationProfileFor(io, options.calicoVersion, nullptr);
    auto documents = readDocuments(io, options.files);
    std::size_t invalid = 0;
    std::string problems;
    for (const auto& document : documents) {
        try {
            printWarnings(io.err, lintBgpConfiguration(checkedBgpConfiguration(document, profile)));
        } catch (const Error& e) {
            problems += std::string(e.what()) + "\n";
            ++invalid;
        }
    }
    if (invalid > 0) {
        throw invalidInput(problems + std::to_string(invalid) + " of " +
                           std::to_string(documents.size()) +
                           " 'BGPConfiguration' resource(s) invalid");
    }
    io.out << "Valid: " << documents.size() << " 'BGPConfiguration' resource(s)\n";
    return 0;
}

}  // namespace

void registerValidate(CommandContext& context) {
    auto options = std::make_shared<ValidateOptions>();
    CLI::App* command = addCommand(
        context.app, "validate", "Check resources offline: decode, validate, write nothing",
        "Decodes every document strictly and validates it exactly as Calico does, printing every\n"
        "problem of every document (exit 3 when any is invalid). Needs no datastore. Calico's "
        "rules\n"
        "changed between releases: --calico-version checks by those of the cluster's release.",
        "  # In CI, before applying\n"
        "  svcadv validate -f bgpconfig.yaml\n"
        "  # As a Calico v3.32 cluster checks it (exact-case logSeverityScreen)\n"
        "  svcadv validate --calico-version v3.32.1 -f bgpconfig.yaml");
    completesWith(
        command->add_option("-f,--filename", options->files, "File(s) to check ('-' for stdin)"),
        ValueSource::Files)
        ->required();
    addCalicoVersionFlag(command, options->calicoVersion, false);
    command->callback([options, &context] {
        context.action = [options, &io = context.io] { return runValidate(io, *options); };
    });
}

}  // namespace svcadv::cmd
