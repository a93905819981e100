#include "manpage.h"

#include <algorithm>
#include <sstream>

namespace svcadv::cmd {
namespace {

// Text as roff reads it literally: backslashes escaped, no line taken for a request.
std::string escape(const std::string& text, bool literalDashes = false) {
    std::string out;
    bool lineStart = true;
    for (char c : text) {
        if (lineStart && (c == '.' || c == '\'')) out += "\\&";
        if (c == '\\')
            out += "\\e";
        else if (c == '-' && literalDashes)
            out += "\\-";
        else
            out += c;
        lineStart = c == '\n';
    }
    return out;
}

std::string upper(std::string text) {
    for (auto& c : text)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

std::vector<CLI::App*> visibleSubcommands(CLI::App* command) {
    std::vector<CLI::App*> out;
    for (CLI::App* sub : command->get_subcommands([](CLI::App*) { return true; })) {
        if (!isHidden(sub)) out.push_back(sub);
    }
    return out;
}

// "get", "snapshot save": the words after svcadv.
std::string commandPath(const CLI::App* command) {
    std::string path;
    for (const CLI::App* at = command; at && at->get_parent(); at = at->get_parent())
        path = at->get_name() + (path.empty() ? "" : " " + path);
    return path;
}

std::string pageName(const CLI::App* command) {
    std::string name = "svcadv";
    std::string path = commandPath(command);
    for (char c : path)
        name += c == ' ' ? '-' : c;
    if (!path.empty()) name.insert(6, "-");
    return name;
}

std::string header(const std::string& page, const std::string& summary) {
    return ".TH " + upper(page) + " 1 \"\" \"svcadv " SVCADV_VERSION "\" \"svcadv Manual\"\n" +
           ".SH NAME\n" + escape(page, true) + " \\- " + escape(summary) + "\n";
}

std::string optionEntry(const CLI::Option* option) {
    std::string names;
    for (const auto& name : option->get_snames())
        names += (names.empty() ? "" : ", ") + std::string("\\fB\\-") + name + "\\fR";
    for (const auto& name : option->get_lnames())
        names +=
            (names.empty() ? "" : ", ") + std::string("\\fB\\-\\-") + escape(name, true) + "\\fR";
    if (option->get_expected_max() > 0) names += " \\fIVALUE\\fR";
    std::string out = ".TP\n" + names + "\n" + escape(option->get_description()) + "\n";
    if (const CompletionHint* hint = completionHint(option); hint && !hint->choices.empty()) {
        std::string choices;
        for (const auto& choice : hint->choices)
            choices += (choices.empty() ? "" : ", ") + choice;
        out += ".br\nValues: " + escape(choices, true) + ".\n";
    }
    return out;
}

std::string optionsSection(const std::string& title, const CLI::App* command) {
    std::string out;
    for (const CLI::Option* option : command->get_options()) {
        if (!option->nonpositional() || option->get_group().empty()) continue;
        out += optionEntry(option);
    }
    return out.empty() ? "" : ".SH " + title + "\n" + out;
}

std::string synopsis(const CLI::App* command) {
    std::string line = "\\fBsvcadv " + escape(commandPath(command), true) + "\\fR";
    if (!visibleSubcommands(const_cast<CLI::App*>(command)).empty())
        return ".SH SYNOPSIS\n" + line + " \\fICOMMAND\\fR [\\fIoptions\\fR]\n";
    line += " [\\fIoptions\\fR]";
    for (const CLI::Option* option : command->get_options()) {
        if (!option->get_positional()) continue;
        std::string name = upper(option->get_name());
        bool many = option->get_expected_max() > 1;
        std::string word = "\\fI" + escape(name) + "\\fR" + (many ? "..." : "");
        line += option->get_required() ? " " + word : " [" + word + "]";
    }
    return ".SH SYNOPSIS\n" + line + "\n";
}

// "  # comment" lines become paragraphs, the commands below them example blocks.
std::string examplesSection(const std::string& examples) {
    std::string out = ".SH EXAMPLES\n";
    std::istringstream lines(examples);
    bool inBlock = false;
    for (std::string line; std::getline(lines, line);) {
        auto start = line.find_first_not_of(' ');
        if (start == std::string::npos) continue;
        line = line.substr(start);
        if (line[0] == '#') {
            if (inBlock) out += ".EE\n";
            inBlock = false;
            out += ".PP\n" + escape(line.substr(line.find_first_not_of("# "))) + "\n";
            continue;
        }
        if (!inBlock) out += ".EX\n";
        inBlock = true;
        out += escape(line, true) + "\n";
    }
    if (inBlock) out += ".EE\n";
    return out;
}

std::string seeAlso(const std::vector<std::string>& pages) {
    std::string out = ".SH SEE ALSO\n";
    for (std::size_t i = 0; i < pages.size(); ++i)
        out += "\\fB" + escape(pages[i], true) + "\\fR(1)" + (i + 1 < pages.size() ? ",\n" : "\n");
    return out;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

// A title line, then "  TERM  text" lines: a list of terms (preview-routes' codes).
bool isTermList(const std::vector<std::string>& lines) {
    return lines.size() > 1 && std::all_of(lines.begin() + 1, lines.end(), [](const auto& line) {
               return line.starts_with("  ") && line.size() > 2 && line[2] != ' ';
           });
}

std::string termList(const std::vector<std::string>& lines) {
    std::string out = ".PP\n" + escape(lines.front()) + "\n";
    for (auto line = lines.begin() + 1; line != lines.end(); ++line) {
        std::string entry = line->substr(2);
        auto end = entry.find(' ');
        std::string term = entry.substr(0, end);
        auto start = end == std::string::npos ? end : entry.find_first_not_of(' ', end);
        std::string text = start == std::string::npos ? "" : entry.substr(start);
        out += ".TP\n\\fB" + escape(term, true) + "\\fR\n" + escape(text) + "\n";
    }
    return out;
}

// The help text wraps lines for a terminal; roff fills them again. Blank lines separate
// paragraphs.
std::string paragraphs(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = std::min(text.find("\n\n", start), text.size());
        std::string block = text.substr(start, end - start);
        if (!block.empty()) {
            std::vector<std::string> lines = splitLines(block);
            out += isTermList(lines) ? termList(lines) : ".PP\n" + escape(block) + "\n";
        }
        start = end + 2;
    }
    return out;
}

void addCommandPages(CLI::App* command, std::map<std::string, std::string>& pages) {
    for (CLI::App* sub : visibleSubcommands(command)) {
        std::string page = header(pageName(sub), sub->get_description()) + synopsis(sub);
        if (const CommandDoc* doc = commandDoc(sub))
            page += ".SH DESCRIPTION\n" + paragraphs(doc->description);
        std::vector<CLI::App*> nested = visibleSubcommands(sub);
        if (!nested.empty()) {
            page += ".SH COMMANDS\n";
            for (CLI::App* child : nested)
                page += ".TP\n\\fB" + escape(pageName(child), true) + "\\fR(1)\n" +
                        escape(child->get_description()) + "\n";
        }
        page += optionsSection("OPTIONS", sub);
        page +=
            ".SH GLOBAL OPTIONS\nThe global options of \\fBsvcadv\\fR(1) are accepted after the "
            "command too.\n";
        if (const CommandDoc* doc = commandDoc(sub)) page += examplesSection(doc->examples);
        page += seeAlso({"svcadv"});
        pages[pageName(sub) + ".1"] = page;
        addCommandPages(sub, pages);
    }
}

const char* kOverview =
    "Calico can advertise Kubernetes service IPs over BGP, so that routers outside the cluster "
    "reach services without a load balancer. It is driven by the BGPConfiguration named "
    "\\fBdefault\\fR (its lists \\fBserviceClusterIPs\\fR, \\fBserviceExternalIPs\\fR and "
    "\\fBserviceLoadBalancerIPs\\fR), by each service's \\fBexternalTrafficPolicy\\fR, and by the "
    "node label \\fBnode.kubernetes.io/exclude\\-from\\-external\\-load\\-balancers=true\\fR.\n"
    ".PP\n"
    "\\fBsvcadv\\fR manages BGPConfiguration resources with calicoctl's verbs (validated exactly "
    "as Calico validates them, with dry runs and JSON merge and JSON patches), and previews which "
    "node advertises which service prefix, and why, from a datastore or from snapshot files.\n";

const char* kConfiguration =
    "The datastore is chosen by \\fB\\-\\-datastore\\-type\\fR, else \\fBDATASTORE_TYPE\\fR, "
    "else the calicoctl config file, else \\fBfile\\fR when a data directory is named, "
    "\\fBetcdv3\\fR when \\fBETCD_ENDPOINTS\\fR is set, and \\fBkubernetes\\fR otherwise. "
    "Precedence: flag, then environment, then config file, then defaults.\n"
    ".PP\n"
    "The \\fBfile\\fR datastore is a directory of YAML manifests, one object per file: "
    "\\fIbgpconfigurations/NAME.yaml\\fR, \\fInodes/NAME.yaml\\fR, "
    "\\fIservices/NAMESPACE/NAME.yaml\\fR, \\fIendpointslices/NAMESPACE/NAME.yaml\\fR. Writes are "
    "atomic and serialized by an flock on \\fI.lock\\fR.\n";

const char* kEnvironment =
    ".TP\n\\fBSVCADV_DATA_DIR\\fR\nThe file datastore's directory.\n"
    ".TP\n\\fBDATASTORE_TYPE\\fR, \\fBCALICO_DATASTORE_TYPE\\fR\nkubernetes, etcdv3 or file.\n"
    ".TP\n\\fBKUBECONFIG\\fR\nKubeconfig files, colon-separated.\n"
    ".TP\n\\fBK8S_API_ENDPOINT\\fR, \\fBK8S_CA_FILE\\fR, \\fBK8S_CERT_FILE\\fR, "
    "\\fBK8S_KEY_FILE\\fR, "
    "\\fBK8S_API_TOKEN\\fR, \\fBK8S_INSECURE_SKIP_TLS_VERIFY\\fR, \\fBK8S_CURRENT_CONTEXT\\fR\n"
    "calicoctl's Kubernetes settings (a \\fBCALICO_\\fR prefixed name is read first).\n"
    ".TP\n\\fBETCD_ENDPOINTS\\fR, \\fBETCD_CA_CERT_FILE\\fR, \\fBETCD_CERT_FILE\\fR, "
    "\\fBETCD_KEY_FILE\\fR, \\fBETCD_USERNAME\\fR, \\fBETCD_PASSWORD\\fR\ncalicoctl's etcd "
    "settings.\n"
    ".TP\n\\fBCALICO_API_GROUP\\fR\ncrd.projectcalico.org/v1 or projectcalico.org/v3.\n"
    ".TP\n\\fBCALICOCTL_CONFIG\\fR\nThe calicoctl config file.\n";

const char* kFiles =
    ".TP\n\\fI/etc/calico/calicoctl.cfg\\fR\ncalicoctl's CalicoAPIConfig, read when present.\n"
    ".TP\n\\fI~/.kube/config\\fR\nThe default kubeconfig.\n"
    ".TP\n\\fI$XDG_DATA_HOME/svcadv\\fR\nThe default file datastore directory "
    "(\\fI~/.local/share/svcadv\\fR).\n";

const char* kExitStatus =
    ".TP\n0\nSuccess; with \\fB\\-\\-exit\\-code\\fR: no difference and no gated warning.\n"
    ".TP\n1\nWith \\fB\\-\\-exit\\-code\\fR: differences or gated warnings found.\n"
    ".TP\n2\nUsage error: unknown flag, missing argument, bad flag value.\n"
    ".TP\n3\nInvalid input: decode or validation failure; nothing written.\n"
    ".TP\n4\nResource state: not found, already exists, conflict after retries.\n"
    ".TP\n5\nCannot reach or authenticate to the datastore.\n"
    ".TP\n6\nPartial success: some documents applied, some failed (each failure listed).\n"
    ".TP\n7\nAny other failure.\n";

}  // namespace

std::map<std::string, std::string> manPages(CLI::App& root) {
    std::map<std::string, std::string> pages;
    std::string main =
        header("svcadv", root.get_description().substr(root.get_description().find(": ") + 2));
    main +=
        ".SH SYNOPSIS\n\\fBsvcadv\\fR [\\fIglobal options\\fR] \\fICOMMAND\\fR [\\fIoptions\\fR]\n";
    main += ".SH DESCRIPTION\n";
    main += kOverview;
    main += ".SH COMMANDS\n";
    std::vector<std::string> related;
    for (CLI::App* command : visibleSubcommands(&root)) {
        main += ".TP\n\\fB" + escape(pageName(command), true) + "\\fR(1)\n" +
                escape(command->get_description()) + "\n";
        related.push_back(pageName(command));
    }
    main += optionsSection("GLOBAL OPTIONS", &root);
    main += ".SH CONFIGURATION\n";
    main += kConfiguration;
    main += ".SH ENVIRONMENT\n";
    main += kEnvironment;
    main += ".SH FILES\n";
    main += kFiles;
    main += ".SH EXIT STATUS\n";
    main += kExitStatus;
    related.push_back("calicoctl");
    related.push_back("kubectl");
    main += seeAlso(related);
    pages["svcadv.1"] = main;
    addCommandPages(&root, pages);
    return pages;
}

}  // namespace svcadv::cmd
