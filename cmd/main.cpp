// svcadv: manage Calico's BGP service IP advertisement. main parses the command line, runs the
// chosen command, and is the one place that prints errors and picks the exit code.
#include <iostream>

#include "cli.h"
#include "completion.h"
#include "svcadv/util/error.h"

int main(int argc, char** argv) {
    using namespace svcadv;
    auto cli = cmd::buildCli();
    CLI::App& app = *cli->app;
    // The shells' completion entry point takes the words as they are typed, unparsed.
    if (argc > 1 && std::string(argv[1]) == "__complete")
        return cmd::runCompleteRequest(app, std::vector<std::string>(argv + 2, argv + argc));

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
        return cli->action ? cli->action() : static_cast<int>(ExitCode::Usage);
    } catch (const Error& e) {
        std::cerr << e.what() << "\n";
        return e.exitCode();
    } catch (const std::exception& e) {
        std::cerr << "svcadv: " << e.what() << "\n";
        return static_cast<int>(ExitCode::Other);
    }
}
