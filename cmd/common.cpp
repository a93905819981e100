#include "common.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "svcadv/model/kinds.h"
#include "svcadv/model/validate.h"
#include "svcadv/store/cluster_source.h"
#include "svcadv/store/open_datastore.h"
#include "svcadv/util/error.h"
#include "svcadv/util/log.h"

namespace svcadv::cmd {
namespace {

std::map<const CLI::Option*, CompletionHint>& hints() {
    static std::map<const CLI::Option*, CompletionHint> registry;
    return registry;
}

std::map<const CLI::App*, CommandDoc>& docs() {
    static std::map<const CLI::App*, CommandDoc> registry;
    return registry;
}

}  // namespace

void clearCommandRegistries() {
    hints().clear();
    docs().clear();
}

CLI::Option* withChoices(CLI::Option* option, std::vector<std::string> choices, bool enforce) {
    if (enforce) option->check(CLI::IsMember(choices));
    hints()[option].choices = std::move(choices);
    return option;
}

CLI::Option* completesWith(CLI::Option* option, ValueSource source) {
    hints()[option].source = source;
    return option;
}

const CompletionHint* completionHint(const CLI::Option* option) {
    auto it = hints().find(option);
    return it == hints().end() ? nullptr : &it->second;
}

const CommandDoc* commandDoc(const CLI::App* command) {
    auto it = docs().find(command);
    return it == docs().end() ? nullptr : &it->second;
}

void addGlobalFlags(CLI::App& app, GlobalOptions& g) {
    const std::string group = "Global flags";
    completesWith(
        app.add_option("--kubeconfig", g.datastore.kubeconfig, "Path to the kubeconfig file"),
        ValueSource::Files)
        ->group(group);
    completesWith(app.add_option("--context", g.datastore.context, "The kubeconfig context to use"),
                  ValueSource::Contexts)
        ->group(group);
    completesWith(app.add_option("-c,--config", g.configFile,
                                 "calicoctl config file (default /etc/calico/calicoctl.cfg)"),
                  ValueSource::Files)
        ->group(group);
    withChoices(app.add_option("--datastore-type", g.datastore.datastoreType,
                               "Datastore: kubernetes, etcdv3 or file"),
                {"kubernetes", "etcdv3", "file"})
        ->group(group);
    completesWith(app.add_option("--data-dir", g.datastore.dataDir,
                                 "Directory of the file datastore (default $SVCADV_DATA_DIR, else "
                                 "$XDG_DATA_HOME/svcadv)"),
                  ValueSource::Directories)
        ->group(group);
    app.add_option("--request-timeout", g.requestTimeout,
                   "Timeout of one datastore request (e.g. 30s)")
        ->group(group);
    app.add_flag("--insecure-allow-http-credentials", g.insecureAllowHttpCredentials,
                 "Send a token or password to an http:// API server (readable on the way)")
        ->group(group);
    app.add_flag("--allow-version-mismatch", g.allowVersionMismatch,
                 "Accepted for calicoctl compatibility")
        ->group(group);
    withChoices(app.add_option("-l,--log-level", g.logLevel,
                               "Log level: debug (retries), info (settings chosen), warning, "
                               "error"),
                {"trace", "debug", "info", "warning", "error", "fatal", "panic"})
        ->group(group);
    app.add_option("-v,--v", g.verbosity,
                   "Log verbosity as kubectl's: 4 settings chosen, 6 requests, 7 retries")
        ->check(CLI::Range(0, 10))
        ->group(group);
    app.add_flag("--no-color", g.noColor, "Never color the output")->group(group);
}

bool isHidden(const CLI::App* command) {
    return command->get_group().empty();
}

bool isHidden(const CLI::Option* option) {
    return option->get_group().empty();
}

CLI::App* addCommand(CLI::App& parent, const std::string& name, const std::string& summary,
                     const std::string& description, const std::string& examples) {
    CLI::App* command = parent.add_subcommand(name, summary);
    command->fallthrough();
    command->footer("\n" + description + "\n\nExamples:\n" + examples);
    docs()[command] = {description, examples};
    return command;
}

DatastoreSettings datastoreSettings(const GlobalOptions& global) {
    EnvironmentLookup env = processEnvironment();
    std::string configFile = global.configFile;
    if (configFile.empty()) {
        if (auto fromEnv = env("CALICOCTL_CONFIG")) configFile = *fromEnv;
    }
    return resolveDatastoreSettings(global.datastore, env, loadCalicoctlConfig(configFile));
}

std::unique_ptr<Datastore> openStore(const GlobalOptions& global) {
    DatastoreSettings settings = datastoreSettings(global);
    settings.requestTimeout = parseRequestTimeout(global.requestTimeout);
    logLine(kLogSettings,
            "datastore " + settings.type + " (from " +
                (settings.typeSource.empty() ? "the default" : settings.typeSource) + ")" +
                (settings.type == "file" ? ", data directory " + settings.dataDir : "") +
                (settings.kubeconfig.empty() ? "" : ", kubeconfig " + settings.kubeconfig) +
                (settings.context.empty() ? "" : ", context " + settings.context));
    settings.allowHttpCredentials = global.insecureAllowHttpCredentials;
    return openDatastore(settings);
}

std::string readInput(IOStreams& io, const std::string& path) {
    if (path != "-") return readTextFile(path);
    std::ostringstream text;
    text << io.in.rdbuf();
    return text.str();
}

std::vector<Document> readDocuments(IOStreams& io, const std::vector<std::string>& paths) {
    std::vector<Document> all;
    for (const auto& path : paths) {
        auto documents = expandLists(parseDocuments(readInput(io, path), displayName(path)));
        if (documents.empty()) throw invalidInput(displayName(path) + ": no resources found");
        all.insert(all.end(), documents.begin(), documents.end());
    }
    return all;
}

void addDryRunFlag(CLI::App* command, DryRunFlag& flag) {
    withChoices(command->add_flag("--dry-run{client}", flag.mode,
                                  "none, client or server: validate and show the result without "
                                  "writing (bare: client)"),
                {"none", "client", "server"});
}

void addResultOutputFlag(CLI::App* command, std::string& format) {
    withChoices(command->add_option("-o,--output", format,
                                    "Print the resulting objects: yaml, json or name"),
                {"yaml", "json", "name"});
}

bool printResultObjects(std::ostream& out, const std::vector<json>& objects,
                        const std::string& format) {
    if (format.empty()) return false;
    OutputFormat parsed = parseOutputFormat(format);
    if (format == "name") {
        out << renderBgpConfigurations(objects, parsed, false, true);
        return true;
    }
    for (std::size_t i = 0; i < objects.size(); ++i) {
        if (format == "yaml" && i > 0) out << "---\n";
        out << renderBgpConfigurations({objects[i]}, parsed, false, true);
    }
    return true;
}

std::optional<JsonPathTemplate> jsonPathOutput(const std::string& format) {
    std::string_view prefix = "jsonpath=";
    if (!format.starts_with(prefix)) return std::nullopt;
    std::string text = format.substr(prefix.size());
    // A shell that kept the quotes of jsonpath='{.a}'.
    if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') &&
        text.back() == text.front())
        text = text.substr(1, text.size() - 2);
    if (text.empty()) throw usageError("-o jsonpath: the template is empty (jsonpath='{.a.b}')");
    return JsonPathTemplate::parse(text);
}

void printWarnings(std::ostream& err, const std::vector<std::string>& warnings) {
    for (const auto& warning : warnings)
        err << "Warning: " << warning << "\n";
}

void printLintWarnings(std::ostream& err, const json& object) {
    auto decoded = decodeBgpConfiguration(object);
    if (!decoded.resource) return;
    // Each warning names its object already.
    printWarnings(err, lintBgpConfiguration(*decoded.resource));
}

void requireBgpConfigurationKind(const std::string& typed) {
    if (resolveKindAlias(typed).kind != "BGPConfiguration") {
        throw usageError("resource type '" + typed + "' is not supported");
    }
}

int reportWrite(IOStreams& io, const WriteReport& report, WriteVerb verb, const DryRunFlag& dryRun,
                const std::string& outputFormat) {
    printWarnings(io.err, report.warnings);
    const char* verbText = pastTense(verb);
    if (!report.failure) {
        if (!printResultObjects(io.out, report.written, outputFormat)) {
            // A skipped resource was not written: it is counted apart, never as a success.
            io.out << "Successfully " << verbText << " " << report.written.size()
                   << " 'BGPConfiguration' resource(s)" << dryRun.suffix();
            if (report.skipped > 0)
                io.out << "; skipped " << report.skipped
                       << (verb == WriteVerb::Delete ? " that did not exist"
                                                     : " that already existed");
            io.out << "\n";
        }
        return 0;
    }
    if (report.succeeded() == 0) throw *report.failure;
    printResultObjects(io.out, report.written, outputFormat);
    throw Error(ExitCode::PartialSuccess, "Partial success: " + std::string(verbText) +
                                              " the first " + std::to_string(report.succeeded()) +
                                              " out of " + std::to_string(report.total) +
                                              " 'BGPConfiguration' resources" + dryRun.suffix() +
                                              ":\nhit error: " + report.failure->what());
}

}  // namespace svcadv::cmd
