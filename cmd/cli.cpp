#include "cli.h"

#include <algorithm>
#include <ostream>
#include <string>
#include <string_view>

#include "commands.h"
#include "completion.h"
#include "svcadv/sys/clock.h"
#include "svcadv/util/error.h"
#include "svcadv/util/log.h"
#include "svcadv/util/strings.h"
#include "typo_help.h"

namespace svcadv::cmd {
namespace {

// An error message as printed: it may quote a server's answer, a file's value or a URL from a
// kubeconfig, so control characters are escaped and URL passwords hidden. Line breaks stay: our
// own messages use them for their did-you-mean lists and refusals, and a line break moves no
// cursor back (a carriage return or an escape sequence, which are escaped, could).
std::string printable(const char* message) {
    std::string text = withoutUrlUserinfo(message);
    std::string out;
    std::size_t start = 0;
    while (true) {
        std::size_t end = text.find('\n', start);
        out += escapeControlCharacters(std::string_view(text).substr(start, end - start));
        if (end == std::string::npos) break;
        out += '\n';
        start = end + 1;
    }
    return out;
}

}  // namespace

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
    registerVerify(context);
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
        io.err << program << ": " << printable(e.what()) << " (see '" << path << " --help')\n";
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
        io.err << printable(e.what()) << "\n";
        return e.exitCode();
    } catch (const std::exception& e) {
        // Anything else is svcadv's own bug: exit 7, never a crash.
        io.err << "svcadv: internal error: " << printable(e.what()) << "\n";
        return static_cast<int>(ExitCode::Other);
    }
}

std::string programName(const std::string& argv0) {
    auto slash = argv0.find_last_of('/');
    std::string base = slash == std::string::npos ? argv0 : argv0.substr(slash + 1);
    return base == "kubectl-svcadv" ? "kubectl svcadv" : "svcadv";
}

}  // namespace svcadv::cmd
