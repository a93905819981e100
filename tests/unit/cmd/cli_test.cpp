// The command tree as users meet it: help text conventions, and completion over the tree.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "cli.h"
#include "cli_run.h"
#include "completion.h"
#include "manpage.h"

using namespace svcadv;
using namespace svcadv::cmd;
using namespace svcadv::test;

namespace {

std::vector<CLI::App*> allCommands(CLI::App* app) {
    std::vector<CLI::App*> out;
    for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) {
        out.push_back(sub);
        for (CLI::App* nested : allCommands(sub))
            out.push_back(nested);
    }
    return out;
}

std::vector<std::string> values(const Completion& completion) {
    std::vector<std::string> out;
    for (const auto& [value, description] : completion.candidates)
        out.push_back(value);
    return out;
}

using Words = std::vector<std::string>;

}  // namespace

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

TEST_CASE("completion walks the tree: commands, flags, values, positionals") {
    auto cli = buildCli(quietStreams());
    CLI::App& app = *cli->app;
    std::vector<ValueSource> asked;
    DynamicValues dynamic = [&](ValueSource source, const CompletionContext& context) {
        asked.push_back(source);
        if (source == ValueSource::Nodes) return Words{"n1", context.from.empty() ? "ds" : "file"};
        if (source == ValueSource::BgpConfigNames) return Words{"default", "other"};
        return Words{};
    };
    CHECK(values(completeWords(app, {"pre"}, dynamic)) == Words{"preview-routes"});
    CHECK(values(completeWords(app, {"snapshot", ""}, dynamic)) == Words{"save"});
    CHECK(values(completeWords(app, {"get", "bgpconfig", "d"}, dynamic)) == Words{"default"});
    CHECK(values(completeWords(app, {"delete", ""}, dynamic)) ==
          Words{"bgpconfig", "bgpconfiguration"});
    CHECK(values(completeWords(app, {"delete", "bgpconfig", "o"}, dynamic)) == Words{"other"});
    CHECK(values(completeWords(app, {"patch", "--type", ""}, dynamic)) ==
          Words{"merge", "json", "strategic"});
    CHECK(values(completeWords(app, {"patch", "--type=j"}, dynamic)) == Words{"--type=json"});
    CHECK(values(completeWords(app, {"preview-routes", "--node", ""}, dynamic)) ==
          Words{"n1", "ds"});
    CHECK(values(completeWords(app, {"preview-routes", "--from=x", "--node", ""}, dynamic)) ==
          Words{"n1", "file"});
    // A global flag's value is consumed: the next word is a command again.
    CHECK(values(completeWords(app, {"--data-dir", "/tmp", "vers"}, dynamic)) == Words{"version"});
    CHECK(completeWords(app, {"create", "-f", ""}, dynamic).shell == Completion::Shell::Files);
    // A flag takes no value: the word after it is completed on its own.
    CHECK(values(completeWords(app, {"preview-routes", "--diff", "--no"}, dynamic)) ==
          Words{"--node", "--no-headers", "--no-color"});
    auto flags = values(completeWords(app, {"get", "--no"}, dynamic));
    CHECK(flags == Words{"--no-headers", "--no-color"});
    CHECK(values(completeWords(app, {"cidr", "add", "--cl"}, dynamic)) == Words{"--cluster-ips"});
    CHECK(values(completeWords(app, {"label-exclude", "n"}, dynamic)) == Words{"n1"});
}

TEST_CASE("every command has a man page naming each of its flags") {
    auto cli = buildCli(quietStreams());
    auto pages = manPages(*cli->app);
    REQUIRE(pages.count("svcadv.1"));
    for (CLI::App* command : allCommands(cli->app.get())) {
        std::string name = "svcadv";
        for (const CLI::App* at = command; at->get_parent(); at = at->get_parent())
            name.insert(6, "-" + at->get_name());
        CAPTURE(name);
        REQUIRE(pages.count(name + ".1"));
        const std::string& page = pages[name + ".1"];
        CHECK(page.find(".SH EXAMPLES") != std::string::npos);
        // svcadv(1) lists every top-level command's page, with roff's escaped dashes.
        std::string top = name.substr(0, name.find('-', 7));
        std::string escapedTop;
        for (char c : top)
            escapedTop += c == '-' ? std::string("\\-") : std::string(1, c);
        CHECK(pages["svcadv.1"].find(escapedTop) != std::string::npos);
        for (const CLI::Option* option : command->get_options()) {
            for (const auto& flag : option->get_lnames()) {
                std::string escaped = "\\-\\-";
                for (char c : flag)
                    escaped += c == '-' ? std::string("\\-") : std::string(1, c);
                CAPTURE(flag);
                CHECK(page.find(escaped) != std::string::npos);
            }
        }
    }
    for (const char* global :
         {"\\-\\-datastore\\-type", "\\-\\-data\\-dir", "EXIT STATUS", "ENVIRONMENT"})
        CHECK(pages["svcadv.1"].find(global) != std::string::npos);
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
