#include <iostream>

#include "commands.h"
#include "svcadv/util/error.h"
#include "svcadv/model/validate.h"

namespace svcadv::cmd {
namespace {

struct ValidateOptions {
    std::vector<std::string> files;
};

int runValidate(const ValidateOptions& options) {
    auto documents = readDocuments(options.files);
    std::size_t invalid = 0;
    for (const auto& document : documents) {
        try {
            printWarnings(lintBgpConfiguration(checkedBgpConfiguration(document)));
        } catch (const Error& e) {
            std::cerr << e.what() << "\n";
            ++invalid;
        }
    }
    if (invalid > 0) {
        std::cerr << invalid << " of " << documents.size()
                  << " 'BGPConfiguration' resource(s) invalid\n";
        return static_cast<int>(ExitCode::InvalidInput);
    }
    std::cout << "Valid: " << documents.size() << " 'BGPConfiguration' resource(s)\n";
    return 0;
}

}  // namespace

void registerValidate(CommandContext& context) {
    auto options = std::make_shared<ValidateOptions>();
    CLI::App* command = addCommand(
        context.app, "validate", "Check resources offline: decode, validate, write nothing",
        "Decodes every document strictly and validates it exactly as Calico does, printing every\n"
        "problem of every document (exit 3 when any is invalid). Needs no datastore.",
        "  # In CI, before applying\n"
        "  svcadv validate -f bgpconfig.yaml");
    completesWith(
        command->add_option("-f,--filename", options->files, "File(s) to check ('-' for stdin)"),
        ValueSource::Files)
        ->required();
    command->callback(
        [options, &context] { context.action = [options] { return runValidate(*options); }; });
}

}  // namespace svcadv::cmd
