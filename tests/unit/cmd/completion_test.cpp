// Completion over the command tree: commands, flags, fixed values, positionals.
#include <doctest/doctest.h>

#include "cli.h"
#include "cli_run.h"
#include "completion.h"

using namespace svcadv;
using namespace svcadv::cmd;
using namespace svcadv::test;

namespace {

std::vector<std::string> values(const Completion& completion) {
    std::vector<std::string> out;
    for (const auto& [value, description] : completion.candidates)
        out.push_back(value);
    return out;
}

using Words = std::vector<std::string>;

}  // namespace

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
