// Shell completion. The scripts are thin: they hand the words typed so far to the hidden
// `svcadv __complete` entry point, which walks the CLI11 command tree (commands, flags, fixed
// choices) and asks the datastore or --from files for names. So completion cannot drift from the
// command line it completes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common.h"

namespace svcadv::cmd {

struct CompletionContext {
    GlobalOptions global;           // the global flags typed so far
    std::vector<std::string> from;  // preview-routes/snapshot --from paths typed so far
};

struct Completion {
    std::vector<std::pair<std::string, std::string>> candidates;  // value, description
    // What the shell should add on its own: file or directory names.
    enum class Shell { None, Files, Directories } shell = Shell::None;
};

// Names that only a datastore or the input files know (BGPConfigurations, nodes, services,
// contexts). Failures must yield nothing: completion never prints an error.
using DynamicValues =
    std::function<std::vector<std::string>(ValueSource, const CompletionContext&)>;

// The candidates for the last of `words` (the words after "svcadv"; the last may be empty).
Completion completeWords(CLI::App& root, const std::vector<std::string>& words,
                         const DynamicValues& dynamic);

// The dynamic values from the configured datastore, --from files, or the kubeconfig.
std::vector<std::string> lookUpValues(ValueSource source, const CompletionContext& context);

// `svcadv __complete WORDS...`: one "value<TAB>description" line per candidate, then ":files",
// ":dirs" or ":none". Never fails.
int runCompleteRequest(std::ostream& out, CLI::App& root, const std::vector<std::string>& words);

// The completion script of a shell: bash, zsh or fish.
std::string completionScript(const std::string& shell);

}  // namespace svcadv::cmd
