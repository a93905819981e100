#include "cli.h"

#include <algorithm>
#include <ostream>

#include "commands.h"
#include "completion.h"
#include "svcadv/sys/clock.h"
#include "svcadv/util/error.h"
#include "svcadv/util/log.h"
#include "typo_help.h"

namespace svcadv::cmd {

std::unique_ptr<Cli> buildCli(IOStreams io, const std::string& program) {
    clearCommandRegistries();
    auto cli = std::make_unique<Cli>(io);
    cli->app = std::make_unique<CLI::App>(
        "svcadv: manage and preview Calico BGP advertisement of Kubernetes service IPs", program);
    CLI::App& app = *cli->app;
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "Print help for every command");
    app.set_version_flag("--version",
                         std::string("svcadv v") + SVCADV_VERSION + " (" + builtFromCommit() + ")",
                         "Print the client version");
    cli->context =
        std::make_unique<CommandContext>(CommandContext{app, cli->global, cli->action, cli->io});
    CommandContext& context = *cli->context;
    addGlobalFlags(app, cli->global);
    registerGet(context);
    registerCreate(context);
    registerApply(context);
    registerReplace(context);
    registerDelete(context);
    registerPatch(context);
    registerValidate(context);
    registerCidr(context);
    registerPreviewRoutes(context);
    registerSnapshot(context);
    registerLabelExclude(context);
    registerCompletion(context);
    registerVersion(context);
    return cli;
}

int runCli(IOStreams io, const std::vector<std::string>& typedArgs, const std::string& program) {
    auto cli = buildCli(io, program);
    CLI::App& app = *cli->app;
    // The shells' completion entry point takes the words as they are typed, unparsed.
    if (!typedArgs.empty() && typedArgs[0] == "__complete")
        return runCompleteRequest(io.out, app,
                                  std::vector<std::string>(typedArgs.begin() + 1, typedArgs.end()));
    std::vector<std::string> args = rewriteHelpCommand(typedArgs);
    if (auto unknown = findUnknownWord(app, args, program)) {
        io.err << program << ": " << *unknown << "\n";
        return static_cast<int>(ExitCode::Usage);
    }

    try {
        // CLI11 takes the arguments last to first.
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
    } catch (const CLI::CallForVersion& e) {
        io.out << e.what() << "\n";
        return 0;
    } catch (const CLI::CallForHelp&) {
        io.out << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        io.out << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::ParseError& e) {
        // Point at the help of the deepest command that was recognised.
        std::string path = program;
        for (const CLI::App* at = &app; !at->get_subcommands().empty();) {
            at = at->get_subcommands().front();
            path += " " + at->get_name();
        }
        io.err << program << ": " << e.what() << " (see '" << path << " --help')\n";
        return static_cast<int>(ExitCode::Usage);
    }

    // -v N and --log-level: the higher verbosity wins. Lines go to the error stream, klog-style.
    int verbosity = std::max(cli->global.verbosity, verbosityOfLevel(cli->global.logLevel));
    LogSink previousSink;
    if (verbosity > 0)
        previousSink = setLogSink({verbosity, [&io = cli->io](std::string_view line) {
                                       io.err << logTimestamp() << " svcadv] " << line << "\n";
                                   }});
    struct RestoreSink {
        LogSink previous;
        bool active;
        ~RestoreSink() {
            if (active) setLogSink(previous);
        }
    } restore{previousSink, verbosity > 0};

    try {
        return cli->action ? cli->action() : static_cast<int>(ExitCode::Usage);
    } catch (const Error& e) {
        io.err << e.what() << "\n";
        return e.exitCode();
    } catch (const std::exception& e) {
        // Anything else is svcadv's own bug: exit 7, never a crash.
        io.err << "svcadv: internal error: " << e.what() << "\n";
        return static_cast<int>(ExitCode::Other);
    }
}

std::string programName(const std::string& argv0) {
    auto slash = argv0.find_last_of('/');
    std::string base = slash == std::string::npos ? argv0 : argv0.substr(slash + 1);
    return base == "kubectl-svcadv" ? "kubectl svcadv" : "svcadv";
}

}  // namespace svcadv::cmd
