#include "cli.h"

#include <ostream>

#include "commands.h"
#include "completion.h"
#include "svcadv/util/error.h"
#include "svcadv/util/strings.h"

namespace svcadv::cmd {
namespace {

// An error message as printed: it may quote a server's answer, a file's value or a URL from a
// kubeconfig, so control characters are escaped and URL passwords hidden.
std::string printable(const char* message) {
    return escapeControlCharacters(withoutUrlUserinfo(message));
}

}  // namespace

std::unique_ptr<Cli> buildCli(IOStreams io) {
    clearCommandRegistries();
    auto cli = std::make_unique<Cli>(io);
    cli->app = std::make_unique<CLI::App>(
        "svcadv: manage and preview Calico BGP advertisement of Kubernetes service IPs", "svcadv");
    CLI::App& app = *cli->app;
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "Print help for every command");
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

int runCli(IOStreams io, const std::vector<std::string>& args) {
    auto cli = buildCli(io);
    CLI::App& app = *cli->app;
    // The shells' completion entry point takes the words as they are typed, unparsed.
    if (!args.empty() && args[0] == "__complete")
        return runCompleteRequest(io.out, app,
                                  std::vector<std::string>(args.begin() + 1, args.end()));

    try {
        // CLI11 takes the arguments last to first.
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        io.out << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        io.out << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::ParseError& e) {
        // Point at the help of the deepest command that was recognised.
        std::string path = "svcadv";
        for (const CLI::App* at = &app; !at->get_subcommands().empty();) {
            at = at->get_subcommands().front();
            path += " " + at->get_name();
        }
        io.err << "svcadv: " << printable(e.what()) << " (see '" << path << " --help')\n";
        return static_cast<int>(ExitCode::Usage);
    }

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

}  // namespace svcadv::cmd
