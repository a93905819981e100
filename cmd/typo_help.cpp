#include "typo_help.h"

#include "svcadv/util/suggest.h"

namespace svcadv::cmd {
namespace {

CLI::App* findSubcommand(CLI::App* command, const std::string& name) {
    for (CLI::App* sub : command->get_subcommands([](CLI::App*) { return true; })) {
        if (sub->check_name(name)) return sub;
    }
    return nullptr;
}

std::vector<std::string> subcommandNames(CLI::App* command) {
    std::vector<std::string> names;
    for (CLI::App* sub : command->get_subcommands([](CLI::App*) { return true; })) {
        if (!isHidden(sub)) names.push_back(sub->get_name());
    }
    return names;
}

// The option `typed` ("--x", "-x") names in the command or its parents (global flags fall
// through), and every flag name there for suggestions.
CLI::Option* findOption(CLI::App* command, const std::string& typed,
                        std::vector<std::string>& names) {
    for (CLI::App* at = command; at; at = at->get_parent()) {
        for (CLI::Option* option : at->get_options()) {
            if (!option->nonpositional()) continue;
            for (const auto& name : option->get_lnames()) {
                if (typed == "--" + name) return option;
                names.push_back("--" + name);
            }
            for (const auto& name : option->get_snames()) {
                if (typed == "-" + name) return option;
                names.push_back("-" + name);
            }
        }
    }
    return nullptr;
}

std::string commandPath(CLI::App* command, const std::string& program) {
    std::string path;
    for (CLI::App* at = command; at->get_parent(); at = at->get_parent())
        path = " " + at->get_name() + path;
    return program + path;
}

bool hasPositionals(CLI::App* command) {
    for (CLI::Option* option : command->get_options()) {
        if (option->get_positional()) return true;
    }
    return false;
}

}  // namespace

std::vector<std::string> rewriteHelpCommand(const std::vector<std::string>& args) {
    if (args.empty() || args[0] != "help") return args;
    std::vector<std::string> out(args.begin() + 1, args.end());
    out.push_back("--help");
    return out;
}

std::optional<std::string> findUnknownWord(CLI::App& root, const std::vector<std::string>& args,
                                           const std::string& program) {
    CLI::App* command = &root;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& word = args[i];
        if (word == "--") return std::nullopt;  // the rest are positionals
        if (word.size() > 1 && word[0] == '-') {
            auto eq = word.find('=');
            std::string name = word.substr(0, eq);
            bool attached = word[1] != '-' && word.size() > 2 && eq == std::string::npos;
            if (attached) name = word.substr(0, 2);  // -ojson
            std::vector<std::string> names;
            CLI::Option* option = findOption(command, name, names);
            if (!option) {
                if (name == "--help" || name == "-h" || name == "--help-all") continue;
                return "unknown flag: " + name + " (see '" + commandPath(command, program) +
                       " --help')" + didYouMean(name, names);
            }
            if (option->get_expected_max() > 0 && eq == std::string::npos && !attached &&
                option->get_expected_min() > 0)
                ++i;  // its value
            continue;
        }
        if (CLI::App* sub = findSubcommand(command, word)) {
            command = sub;
            continue;
        }
        // A word that is no subcommand where only subcommands are taken.
        if (!hasPositionals(command) &&
            !command->get_subcommands([](CLI::App*) { return true; }).empty()) {
            return "unknown command \"" + word + "\" for \"" + commandPath(command, program) +
                   "\" (see '" + commandPath(command, program) + " --help')" +
                   didYouMean(word, subcommandNames(command));
        }
    }
    return std::nullopt;
}

}  // namespace svcadv::cmd
