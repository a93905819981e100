#include <iostream>

#include "commands.h"
#include "svcadv/util/error.h"

namespace svcadv::cmd {
namespace {

struct GetOptions {
    std::string kind;
    std::vector<std::string> names;
    std::string output = "ps";
    bool noHeaders = false;
};

int runGet(IOStreams& io, const GetOptions& options, const GlobalOptions& global) {
    requireBgpConfigurationKind(options.kind);
    auto jsonPath = jsonPathOutput(options.output);
    OutputFormat format = parseOutputFormat(jsonPath ? "json" : options.output);
    auto store = openStore(global);
    std::vector<json> objects;
    std::optional<Error> missing;
    if (options.names.empty()) {
        objects = store->list(kBgpConfigurationKind);
    } else {
        for (const auto& name : options.names) {
            if (auto object = store->get({kBgpConfigurationKind, "", name})) {
                objects.push_back(*object);
            } else if (!missing) {
                missing = notFound(kBgpConfigurationKind, name);
            }
        }
    }
    bool asList = options.names.size() != 1;
    // Like kubectl: print what was found, then fail for what was not.
    if (jsonPath && (!objects.empty() || asList)) {
        // The template runs on the document -o json prints: the object, or the List.
        io.out << jsonPath->execute(
            json::parse(renderBgpConfigurations(objects, format, asList, options.noHeaders)));
    } else if (!objects.empty() || asList) {
        io.out << renderBgpConfigurations(objects, format, asList, options.noHeaders);
    }
    if (missing) throw *missing;
    return 0;
}

}  // namespace

void registerGet(CommandContext& context) {
    auto options = std::make_shared<GetOptions>();
    CLI::App* command = addCommand(
        context.app, "get", "Print BGPConfiguration resources",
        "Prints one, several or all BGPConfigurations. The default table shows the service CIDR\n"
        "lists that drive service IP advertisement; -o yaml|json print the projectcalico.org/v3\n"
        "object (a BGPConfigurationList unless exactly one name is given).",
        "  # All BGPConfigurations as a table\n"
        "  svcadv get bgpconfig\n"
        "  # The default one as YAML\n"
        "  svcadv get bgpconfig default -o yaml\n"
        "  # Just the cluster IP ranges\n"
        "  svcadv get bgpconfig -o "
        "custom-columns=NAME:.metadata.name,CLUSTER:.spec.serviceClusterIPs[*].cidr\n"
        "  # The load balancer ranges of default, one per line (kubectl's JSONPath)\n"
        "  svcadv get bgpconfig default -o "
        "jsonpath='{range .spec.serviceLoadBalancerIPs[*]}{.cidr}{\"\\n\"}{end}'");
    completesWith(command->add_option("kind", options->kind,
                                      "Resource type: bgpconfig (bgpconfiguration, bgpconfigs)"),
                  ValueSource::Kinds)
        ->required();
    completesWith(command->add_option("names", options->names, "Resource names (default: all)"),
                  ValueSource::BgpConfigNames);
    // custom-columns=... takes a value of its own, so the choices are offered, not enforced.
    withChoices(command->add_option(
                    "-o,--output", options->output,
                    "Output format: ps, wide, yaml, json, name, custom-columns=HEADER:.path,..., "
                    "jsonpath=TEMPLATE"),
                {"ps", "wide", "yaml", "json", "name", "custom-columns=", "jsonpath="}, false);
    command->add_flag("--no-headers", options->noHeaders, "Omit the table header");
    command->callback([options, &context] {
        context.action = [options, &global = context.global, &io = context.io] {
            return runGet(io, *options, global);
        };
    });
}

}  // namespace svcadv::cmd
