// The command tree as users meet it (help text conventions), and runCli on injected streams.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "cli.h"
#include "cli_run.h"

using namespace svcadv;
using namespace svcadv::cmd;
using namespace svcadv::test;

TEST_CASE("every command has a summary, a description and commented examples") {
    auto cli = buildCli(quietStreams());
    auto commands = allCommands(cli->app.get());
    CHECK(commands.size() >= 14);
    for (CLI::App* command : commands) {
        CAPTURE(command->get_name());
        CHECK_FALSE(command->get_description().empty());
        const CommandDoc* doc = commandDoc(command);
        REQUIRE(doc != nullptr);
        CHECK(doc->description.size() > 40);
        CHECK(doc->examples.find("  # ") != std::string::npos);
        CHECK(doc->examples.find("  svcadv ") != std::string::npos);
    }
}

TEST_CASE("every flag is kebab-case and described") {
    auto cli = buildCli(quietStreams());
    std::vector<CLI::App*> commands = allCommands(cli->app.get());
    commands.push_back(cli->app.get());
    const std::regex kebab("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    for (CLI::App* command : commands) {
        for (const CLI::Option* option : command->get_options()) {
            CAPTURE(command->get_name());
            CAPTURE(option->get_name());
            CHECK_FALSE(option->get_description().empty());
            for (const auto& name : option->get_lnames())
                CHECK(std::regex_match(name, kebab));
        }
    }
}

TEST_CASE("runCli: a command writes its result to the injected output stream") {
    Run run({"validate", "-f", "-"},
            "apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: default}\n"
            "spec: {serviceClusterIPs: [{cidr: 10.96.0.0/12}]}\n");
    CHECK(run.code == 0);
    CHECK(run.out.str() == "Valid: 1 'BGPConfiguration' resource(s)\n");
    CHECK(run.err.str().empty());
}

TEST_CASE("runCli: an invalid document is one error printed once, with exit 3") {
    Run run({"validate", "-f", "-"},
            "apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: default}\n"
            "spec: {serviceClusterIPs: [{cidr: 10.96.0.1/12}]}\n");
    CHECK(run.code == 3);
    CHECK(run.out.str().empty());
    CHECK(run.err.str().find("10.96.0.0/12") != std::string::npos);
    CHECK(run.err.str().find("1 of 1 'BGPConfiguration' resource(s) invalid\n") !=
          std::string::npos);
}

TEST_CASE("runCli: usage errors name the command's help and exit 2") {
    Run run({"get", "--no-such-flag"});
    CHECK(run.code == 2);
    CHECK(run.out.str().empty());
    CHECK(run.err.str().find("see 'svcadv get --help'") != std::string::npos);
}

TEST_CASE("runCli: --help prints the command's help on the output stream") {
    Run run({"cidr", "add", "--help"});
    CHECK(run.code == 0);
    CHECK(run.out.str().find("--cluster-ips") != std::string::npos);
    CHECK(run.err.str().empty());
}
