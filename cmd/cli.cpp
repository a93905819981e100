#include "cli.h"

#include "commands.h"

namespace svcadv::cmd {

std::unique_ptr<Cli> buildCli() {
    clearCommandRegistries();
    auto cli = std::make_unique<Cli>();
    cli->app = std::make_unique<CLI::App>(
        "svcadv: manage and preview Calico BGP advertisement of Kubernetes service IPs", "svcadv");
    CLI::App& app = *cli->app;
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "Print help for every command");
    cli->context = std::make_unique<CommandContext>(CommandContext{app, cli->global, cli->action});
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

}  // namespace svcadv::cmd
