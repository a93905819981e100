// svcadv: manage Calico's BGP service IP advertisement. main parses the command line, runs the
// chosen command, and is the one place that prints errors and picks the exit code.
#include <iostream>

#include "commands.h"
#include "svcadv/error.h"

int main(int argc, char** argv) {
    using namespace svcadv;
    CLI::App app{"svcadv: manage and preview Calico BGP advertisement of Kubernetes service IPs",
                 "svcadv"};
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "Print help for every command");
    cmd::GlobalOptions global;
    cmd::CommandAction action;
    cmd::CommandContext context{app, global, action};
    cmd::addGlobalFlags(app, global);
    cmd::registerGet(context);
    cmd::registerCreate(context);
    cmd::registerApply(context);
    cmd::registerReplace(context);
    cmd::registerDelete(context);
    cmd::registerPatch(context);
    cmd::registerValidate(context);
    cmd::registerCidr(context);
    cmd::registerPreviewRoutes(context);
    cmd::registerSnapshot(context);
    cmd::registerVersion(context);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // Point at the help of the deepest command that was recognised.
        std::string path = "svcadv";
        for (const CLI::App* at = &app; !at->get_subcommands().empty();) {
            at = at->get_subcommands().front();
            path += " " + at->get_name();
        }
        std::cerr << "svcadv: " << e.what() << " (see '" << path << " --help')\n";
        return static_cast<int>(ExitCode::Usage);
    }

    try {
        return action ? action() : static_cast<int>(ExitCode::Usage);
    } catch (const Error& e) {
        std::cerr << e.what() << "\n";
        return e.exitCode();
    } catch (const std::exception& e) {
        std::cerr << "svcadv: " << e.what() << "\n";
        return static_cast<int>(ExitCode::Other);
    }
}
