// preview-routes documents its codes from the one table in svcadv/routes/advisory.h.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli.h"
#include "cli_run.h"
#include "manpage.h"
#include "svcadv/routes/advisory.h"

using namespace svcadv;
using namespace svcadv::cmd;

namespace {

CLI::App* previewRoutes(Cli& cli) {
    return cli.app->get_subcommand("preview-routes");
}

// "  NAME<spaces>explanation" as a whole line of the help text.
bool listsCode(const std::string& help, const std::string& name, const std::string& explanation) {
    auto line = help.find("\n  " + name + "  ");
    if (line == std::string::npos) return false;
    auto text = help.find_first_not_of(' ', line + 3 + name.size());
    return help.compare(text, explanation.size() + 1, explanation + "\n") == 0;
}

}  // namespace

TEST_CASE("preview-routes --help lists every reason and warning code with its explanation") {
    auto cli = buildCli(test::quietStreams());
    const CommandDoc* doc = commandDoc(previewRoutes(*cli));
    REQUIRE(doc != nullptr);
    std::string help = doc->description + "\n";
    auto warningsAt = help.find("\nWarnings (");
    REQUIRE(warningsAt != std::string::npos);
    // UnparsableIP is both: each list has its own explanation.
    std::string reasons = help.substr(0, warningsAt + 1);
    std::string warnings = help.substr(warningsAt);
    for (const ReasonInfo& reason : allReasons()) {
        CAPTURE(std::string(reason.name));
        CHECK(listsCode(reasons, reason.name, reason.explanation));
    }
    for (const WarningInfo& warning : allWarningCodes()) {
        CAPTURE(std::string(warning.name));
        CHECK(listsCode(warnings, warning.name, warning.explanation));
    }
    // The printed help is the same text.
    CHECK(previewRoutes(*cli)->help().find(doc->description) != std::string::npos);
}

TEST_CASE("the preview-routes man page lists the codes as terms") {
    auto cli = buildCli(test::quietStreams());
    auto pages = manPages(*cli->app);
    const std::string& page = pages["svcadv-preview-routes.1"];
    for (const WarningInfo& warning : allWarningCodes()) {
        CAPTURE(std::string(warning.name));
        CHECK(page.find(".TP\n\\fB" + std::string(warning.name) + "\\fR\n" + warning.explanation +
                        "\n") != std::string::npos);
    }
    for (const ReasonInfo& reason : allReasons()) {
        CAPTURE(std::string(reason.name));
        CHECK(page.find(".TP\n\\fB" + std::string(reason.name) + "\\fR\n") != std::string::npos);
    }
    // The prose before the lists stays one filled paragraph.
    CHECK(page.find(".PP\nComputes, as calico-node would") != std::string::npos);
}

TEST_CASE("--fail-on offers every warning code, in name order") {
    auto cli = buildCli(test::quietStreams());
    const CompletionHint* hint = completionHint(previewRoutes(*cli)->get_option("--fail-on"));
    REQUIRE(hint != nullptr);
    std::vector<std::string> names;
    for (const WarningInfo& warning : allWarningCodes())
        names.push_back(warning.name);
    std::sort(names.begin(), names.end());
    CHECK(hint->choices == names);
}
