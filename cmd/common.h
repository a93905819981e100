// Wiring shared by the commands: global flags, reading inputs, opening the datastore, printing.
// No business logic lives here.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "iostreams.h"
#include "svcadv/model/bgpconfig_ops.h"
#include "svcadv/model/datastore.h"
#include "svcadv/model/datastore_config.h"
#include "svcadv/render/render.h"
#include "svcadv/sys/environment.h"
#include "svcadv/sys/files.h"
#include "svcadv/util/document.h"
#include "svcadv/util/jsonpath.h"

namespace svcadv::cmd {

struct GlobalOptions {
    DatastoreFlags datastore;
    std::string configFile;
    std::string requestTimeout = "30s";
    bool allowVersionMismatch = false;
    std::string logLevel = "warning";
    int verbosity = 0;  // -v N
    bool noColor = false;
};

// The command chosen on the command line, run by main after parsing succeeded. Returns the exit
// code.
using CommandAction = std::function<int()>;

// Everything a command's register function needs.
struct CommandContext {
    CLI::App& app;
    GlobalOptions& global;
    CommandAction& action;
    IOStreams& io;
};

void addGlobalFlags(CLI::App& app, GlobalOptions& global);

// What completion offers for an option's (or positional's) value. Kept next to the option's
// declaration, so completion and man pages are generated from the command tree and never drift.
enum class ValueSource {
    None,
    Files,
    Directories,
    Kinds,
    BgpConfigNames,
    Nodes,
    Services,
    Contexts
};
struct CompletionHint {
    std::vector<std::string> choices;  // fixed values
    ValueSource source = ValueSource::None;
};
// Fixed choices: checked by CLI11 (`enforce`) and offered by completion.
CLI::Option* withChoices(CLI::Option* option, std::vector<std::string> choices,
                         bool enforce = true);
CLI::Option* completesWith(CLI::Option* option, ValueSource source);
const CompletionHint* completionHint(const CLI::Option* option);

// The long description and examples of a command, as given to addCommand.
struct CommandDoc {
    std::string description;
    std::string examples;
};
const CommandDoc* commandDoc(const CLI::App* command);

// Hints and docs are keyed by the addresses of one command tree; buildCli starts a new tree with
// empty registries (one tree per process at a time).
void clearCommandRegistries();

// CLI11 hides a command or option from help when its group is empty; completion and the man
// pages hide the same ones.
bool isHidden(const CLI::App* command);
bool isHidden(const CLI::Option* option);

// A subcommand with the house conventions: global flags accepted after it, a long description and
// `#`-commented examples in its help.
CLI::App* addCommand(CLI::App& parent, const std::string& name, const std::string& summary,
                     const std::string& description, const std::string& examples);

// The datastore settings of the global flags, the environment and calicoctl's config file
// (--config, else CALICOCTL_CONFIG, else /etc/calico/calicoctl.cfg when it exists). Completion
// reads the kubeconfig they name, so both always agree on which files those are.
DatastoreSettings datastoreSettings(const GlobalOptions& global);

std::unique_ptr<Datastore> openStore(const GlobalOptions& global);

// A file's text; "-" reads the command's input stream.
std::string readInput(IOStreams& io, const std::string& path);

// Every document of every file ("-": the input stream), with List documents expanded.
std::vector<Document> readDocuments(IOStreams& io, const std::vector<std::string>& paths);

// --dry-run[=none|client|server]; a bare --dry-run means client.
struct DryRunFlag {
    std::string mode = "none";
    bool enabled() const { return mode != "none"; }
    DryRun kind() const {
        return mode == "server" ? DryRun::Server : mode == "client" ? DryRun::Client : DryRun::None;
    }
    std::string suffix() const { return enabled() ? " (dry run)" : ""; }
};
void addDryRunFlag(CLI::App* command, DryRunFlag& flag);

// -o for write commands: print the resulting objects instead of the success line.
void addResultOutputFlag(CLI::App* command, std::string& format);

// Prints `objects` as -o asks ("" prints nothing and returns false).
bool printResultObjects(std::ostream& out, const std::vector<json>& objects,
                        const std::string& format);

// -o jsonpath=TEMPLATE (also jsonpath='{...}' with the quotes kept): the template, parsed (a usage
// error when it is bad), or nullopt for any other format.
std::optional<JsonPathTemplate> jsonPathOutput(const std::string& format);

// "Warning: <text>" lines on the error stream.
void printWarnings(std::ostream& err, const std::vector<std::string>& warnings);

// apply's lint warnings (duplicate and overlapping CIDRs, ...) about a stored or proposed object,
// for the writes that build the object themselves (patch, cidr).
void printLintWarnings(std::ostream& err, const json& object);

// The kind named on the command line; only BGPConfiguration is managed by these verbs.
void requireBgpConfigurationKind(const std::string& typed);

// "Successfully created 2 'BGPConfiguration' resource(s)". A partial success is thrown as an
// error (exit 6) naming how far it got, for main to print.
int reportWrite(IOStreams& io, const WriteReport& report, WriteVerb verb, const DryRunFlag& dryRun,
                const std::string& outputFormat);

}  // namespace svcadv::cmd
