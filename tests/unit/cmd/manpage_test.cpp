// Man pages generated from the command tree.
#include <doctest/doctest.h>

#include "cli.h"
#include "cli_run.h"
#include "manpage.h"

using namespace svcadv;
using namespace svcadv::cmd;
using namespace svcadv::test;

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
