#include "completion.h"

#include <iostream>

#include "commands.h"
#include "svcadv/model/kinds.h"
#include "svcadv/store/cluster_source.h"
#include "svcadv/store/kubernetes/kubeconfig.h"
#include "svcadv/util/error.h"

namespace svcadv::cmd {
namespace {

// A flag (even one with an optional "=value", like --dry-run) never takes the next word.
bool takesValue(const CLI::Option* option) {
    return option->get_expected_max() > 0;
}

// The option a typed name refers to, in the command or (global flags fall through) its parents.
CLI::Option* findOption(CLI::App* command, const std::string& typed) {
    for (CLI::App* at = command; at; at = at->get_parent()) {
        for (CLI::Option* option : at->get_options()) {
            if (!option->nonpositional()) continue;
            for (const auto& name : option->get_lnames()) {
                if (typed == "--" + name) return option;
            }
            for (const auto& name : option->get_snames()) {
                if (typed == "-" + name) return option;
            }
        }
    }
    return nullptr;
}

CLI::App* findSubcommand(CLI::App* command, const std::string& name) {
    for (CLI::App* sub : command->get_subcommands([](CLI::App*) { return true; })) {
        if (sub->check_name(name)) return sub;
    }
    return nullptr;
}

// Remembers the values completion of names depends on (where the data is).
void remember(CompletionContext& context, const CLI::Option* option, const std::string& value) {
    for (const auto& name : option->get_lnames()) {
        if (name == "data-dir") context.global.datastore.dataDir = value;
        if (name == "datastore-type") context.global.datastore.datastoreType = value;
        if (name == "kubeconfig") context.global.datastore.kubeconfig = value;
        if (name == "context") context.global.datastore.context = value;
        if (name == "config") context.global.configFile = value;
        if (name == "from") context.from.push_back(value);
    }
}

struct Position {
    CLI::App* command = nullptr;
    int positionals = 0;             // positional words given to `command` so far
    CLI::Option* valueOf = nullptr;  // the option the current word is a value of
    CompletionContext context;
};

Position locate(CLI::App& root, const std::vector<std::string>& words) {
    Position at;
    at.command = &root;
    bool onlyPositionals = false;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const std::string& word = words[i];
        if (at.valueOf) {
            remember(at.context, at.valueOf, word);
            at.valueOf = nullptr;
            continue;
        }
        if (!onlyPositionals && word == "--") {
            onlyPositionals = true;
            continue;
        }
        if (!onlyPositionals && word.size() > 1 && word[0] == '-') {
            auto eq = word.find('=');
            std::string name = word.substr(0, eq);
            // -ojson: a short option with its value attached.
            if (word[1] != '-' && word.size() > 2 && eq == std::string::npos)
                name = word.substr(0, 2);
            CLI::Option* option = findOption(at.command, name);
            if (!option || !takesValue(option)) continue;
            if (eq != std::string::npos)
                remember(at.context, option, word.substr(eq + 1));
            else if (name.size() < word.size())
                remember(at.context, option, word.substr(2));
            else
                at.valueOf = option;
            continue;
        }
        if (CLI::App* sub = findSubcommand(at.command, word); sub && !onlyPositionals) {
            at.command = sub;
            at.positionals = 0;
            continue;
        }
        ++at.positionals;
    }
    return at;
}

// The positional that the next positional word fills, if any.
CLI::Option* positionalAt(CLI::App* command, int index) {
    for (CLI::Option* option : command->get_options()) {
        if (!option->get_positional()) continue;
        int takes = option->get_expected_max();
        if (index < takes) return option;
        index -= takes;
    }
    return nullptr;
}

void addIfMatches(Completion& out, const std::string& prefix, const std::string& value,
                  const std::string& description) {
    if (value.compare(0, prefix.size(), prefix) == 0)
        out.candidates.push_back({value, description});
}

void completeValue(Completion& out, const CLI::Option* option, const std::string& typed,
                   const std::string& shownPrefix, const CompletionContext& context,
                   const DynamicValues& dynamic, int positionalIndex) {
    const CompletionHint* hint = completionHint(option);
    if (!hint) return;
    for (const auto& choice : hint->choices)
        addIfMatches(out, shownPrefix + typed, shownPrefix + choice, "");
    ValueSource source = hint->source;
    if (source == ValueSource::Files) out.shell = Completion::Shell::Files;
    if (source == ValueSource::Directories) out.shell = Completion::Shell::Directories;
    // A KIND NAME... positional: the first word is the kind.
    if (source == ValueSource::BgpConfigNames && positionalIndex == 0 &&
        option->get_expected_max() > 1)
        source = ValueSource::Kinds;
    if (source == ValueSource::Kinds) {
        // The kinds the verbs manage, by their short name and their singular.
        for (const KindInfo& kind : allKinds()) {
            if (!kind.managed) continue;
            if (!kind.shortNames.empty())
                addIfMatches(out, typed, kind.shortNames.front(), kind.description);
            addIfMatches(out, typed, kind.singular, kind.description);
        }
        return;
    }
    if (source == ValueSource::Files || source == ValueSource::Directories ||
        source == ValueSource::None)
        return;
    for (const auto& value : dynamic(source, context))
        addIfMatches(out, shownPrefix + typed, shownPrefix + value, "");
}

// The kubeconfig files are the ones the Kubernetes datastore would read (--kubeconfig,
// CALICO_KUBECONFIG, KUBECONFIG as a ':' list, calicoctl's config file, ~/.kube/config).
std::vector<std::string> kubeconfigContexts(const CompletionContext& context) {
    DatastoreSettings settings = datastoreSettings(context.global);
    return kubeconfigContextNames(kubeconfigFiles(settings, processEnvironment()),
                                  readTextFileIfExists);
}

// The kind whose object names a value source stands for; nullptr when it is no kind's.
const KindInfo* kindNamedBy(ValueSource source) {
    switch (source) {
        case ValueSource::BgpConfigNames:
            return &kindInfo(kBgpConfigurationKind);
        case ValueSource::Nodes:
            return &kindInfo("Node");
        case ValueSource::Services:
            return &kindInfo("Service");
        default:
            return nullptr;
    }
}

// Names as commands take them: NAMESPACE/NAME for namespaced kinds.
std::string objectName(const KindInfo& kind, const json& object) {
    const json& meta = object.value("metadata", json::object());
    std::string name = meta.value("name", "");
    return kind.namespaced ? meta.value("namespace", "default") + "/" + name : name;
}

// The names of --from inputs, decoded as preview-routes decodes them.
std::vector<std::string> namesInInputs(const KindInfo& kind, const std::vector<std::string>& from) {
    ClusterState state = loadClusterFromPaths(from);
    std::vector<std::string> out;
    if (kind.kind == "Node") {
        for (const auto& node : state.nodes)
            out.push_back(node.name);
    } else if (kind.kind == "Service") {
        for (const auto& service : state.services)
            out.push_back(service.key());
    }
    return out;
}

std::vector<std::string> objectNames(const KindInfo& kind, const CompletionContext& context) {
    if (kind.names == NameSource::None) return {};
    if (kind.names == NameSource::ClusterInput && !context.from.empty())
        return namesInInputs(kind, context.from);
    std::vector<std::string> out;
    for (const auto& object : openStore(context.global)->list(kind.kind))
        out.push_back(objectName(kind, object));
    return out;
}

}  // namespace

Completion completeWords(CLI::App& root, const std::vector<std::string>& words,
                         const DynamicValues& dynamic) {
    Completion out;
    std::vector<std::string> all = words.empty() ? std::vector<std::string>{""} : words;
    Position at = locate(root, all);
    const std::string& current = all.back();
    if (at.valueOf) {
        completeValue(out, at.valueOf, current, "", at.context, dynamic, -1);
        return out;
    }
    if (current.size() > 1 && current[0] == '-') {
        auto eq = current.find('=');
        if (eq != std::string::npos) {
            if (CLI::Option* option = findOption(at.command, current.substr(0, eq)))
                completeValue(out, option, current.substr(eq + 1), current.substr(0, eq + 1),
                              at.context, dynamic, -1);
            return out;
        }
    }
    if (!current.empty() && current[0] == '-') {
        for (CLI::App* command = at.command; command; command = command->get_parent()) {
            for (const CLI::Option* option : command->get_options()) {
                if (!option->nonpositional() || isHidden(option)) continue;
                for (const auto& name : option->get_lnames())
                    addIfMatches(out, current, "--" + name, option->get_description());
                for (const auto& name : option->get_snames())
                    addIfMatches(out, current, "-" + name, option->get_description());
            }
        }
        return out;
    }
    for (CLI::App* sub : at.command->get_subcommands([](CLI::App*) { return true; })) {
        if (!isHidden(sub)) addIfMatches(out, current, sub->get_name(), sub->get_description());
    }
    if (CLI::Option* positional = positionalAt(at.command, at.positionals))
        completeValue(out, positional, current, "", at.context, dynamic, at.positionals);
    return out;
}

std::vector<std::string> lookUpValues(ValueSource source, const CompletionContext& context) {
    try {
        if (source == ValueSource::Contexts) return kubeconfigContexts(context);
        if (const KindInfo* kind = kindNamedBy(source)) return objectNames(*kind, context);
        return {};
    } catch (const std::exception&) {
        // Unreachable datastore, unreadable files: completion offers nothing and says nothing.
        return {};
    }
}

int runCompleteRequest(std::ostream& output, CLI::App& root,
                       const std::vector<std::string>& words) {
    Completion completion;
    try {
        completion = completeWords(root, words, lookUpValues);
    } catch (const std::exception&) {
    }
    std::string out;
    for (const auto& [value, description] : completion.candidates) {
        out += value;
        if (!description.empty()) out += "\t" + description;
        out += "\n";
    }
    switch (completion.shell) {
        case Completion::Shell::Files:
            out += ":files\n";
            break;
        case Completion::Shell::Directories:
            out += ":dirs\n";
            break;
        case Completion::Shell::None:
            out += ":none\n";
            break;
    }
    output << out;
    return 0;
}

std::string completionScript(const std::string& shell) {
    if (shell == "bash") {
        return R"(# bash completion for svcadv. Generated by `svcadv completion bash`; do not edit.
# Enable it for this shell with:  source <(svcadv completion bash)
_svcadv() {
    local line=${COMP_LINE:0:COMP_POINT} cur=${COMP_WORDS[COMP_CWORD]}
    local -a words
    read -ra words <<<"$line"
    if [[ ${#words[@]} -eq 0 || $line == *[[:space:]] ]]; then words+=(""); fi
    # Bash splits words at = and :, so cur may be the tail of the word svcadv completes.
    local current=${words[${#words[@]}-1]}
    local prefix=${current%"$cur"}
    local output directive candidate body=
    output=$("${words[0]}" __complete "${words[@]:1}" 2>/dev/null) || return 0
    directive=${output##*$'\n'}
    [[ $output == *$'\n'* ]] && body=${output%$'\n'*}
    COMPREPLY=()
    case $directive in
    :files)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return 0 ;;
    :dirs)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$cur")
        return 0 ;;
    esac
    [[ -n $body ]] || return 0
    while IFS= read -r candidate; do
        candidate=${candidate%%$'\t'*}
        COMPREPLY+=("${candidate#"$prefix"}")
    done <<<"$body"
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]]; then compopt -o nospace 2>/dev/null; fi
    return 0
}
complete -F _svcadv svcadv
)";
    }
    if (shell == "zsh") {
        return R"(#compdef svcadv
# zsh completion for svcadv. Generated by `svcadv completion zsh`; do not edit.
# Install it as _svcadv in a directory of $fpath, or for this shell:  source <(svcadv completion zsh)
_svcadv() {
    local -a lines values
    local output directive line
    output=$(${words[1]} __complete "${(@)words[2,CURRENT]}" 2>/dev/null) || return 1
    lines=("${(@f)output}")
    directive=${lines[-1]}
    lines[-1]=()
    case $directive in
    (:files) _files; return ;;
    (:dirs) _files -/; return ;;
    esac
    for line in "${lines[@]}"; do
        if [[ $line == *$'\t'* ]]; then
            values+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}")
        elif [[ -n $line ]]; then
            values+=("${line//:/\\:}")
        fi
    done
    (( ${#values} )) && _describe -t values svcadv values
}
if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
    _svcadv "$@"
else
    compdef _svcadv svcadv
fi
)";
    }
    if (shell == "fish") {
        return R"(# fish completion for svcadv. Generated by `svcadv completion fish`; do not edit.
# Enable it for this shell with:  svcadv completion fish | source
function __svcadv_complete
    set -l current (commandline -ct)
    set -l words (commandline -opc) "$current"
    set -l output (command $words[1] __complete $words[2..-1] 2>/dev/null)
    or return
    set -l directive $output[-1]
    set -e output[-1]
    switch $directive
        case :files
            __fish_complete_path "$current"
        case :dirs
            __fish_complete_directories "$current"
        case '*'
            printf '%s\n' $output
    end
end
complete -c svcadv -f -a '(__svcadv_complete)'
)";
    }
    throw usageError("completion: unsupported shell '" + shell + "' (bash, zsh or fish)");
}

void registerCompletion(CommandContext& context) {
    auto shell = std::make_shared<std::string>();
    CLI::App* command = addCommand(
        context.app, "completion", "Print the shell completion script (bash, zsh, fish)",
        "Prints a script that makes Tab complete svcadv's commands, flags, fixed flag values,\n"
        "BGPConfiguration names, node names, NAMESPACE/NAME of services and kubeconfig contexts.\n"
        "Names come from the configured datastore (or the --from files typed so far); when it\n"
        "cannot be reached, completion offers nothing rather than an error.",
        "  # bash, for this shell; add the line to ~/.bashrc to keep it\n"
        "  source <(svcadv completion bash)\n"
        "  # zsh\n"
        "  svcadv completion zsh > \"${fpath[1]}/_svcadv\"\n"
        "  # fish\n"
        "  svcadv completion fish > ~/.config/fish/completions/svcadv.fish");
    withChoices(command->add_option("shell", *shell, "bash, zsh or fish"), {"bash", "zsh", "fish"})
        ->required();
    command->callback([shell, &context] {
        context.action = [shell, &io = context.io] {
            io.out << completionScript(*shell);
            return 0;
        };
    });
}

}  // namespace svcadv::cmd
