#include "calico_version_flag.h"

#include "svcadv/util/error.h"

namespace svcadv::cmd {
namespace {

std::optional<std::string> detectedCalicoVersion(Datastore& store) {
    try {
        auto info = store.get({"ClusterInformation", "", "default"});
        if (!info || !info->is_object()) return std::nullopt;
        const json& spec = info->value("spec", json::object());
        if (spec.is_object() && spec.contains("calicoVersion") && spec["calicoVersion"].is_string())
            return spec["calicoVersion"].get<std::string>();
    } catch (const Error&) {
        // No permission to read ClusterInformation (or no such kind): validate as the newest.
    }
    return std::nullopt;
}

}  // namespace

void addCalicoVersionFlag(CLI::App* command, std::string& text, bool readsDatastore) {
    command->add_option("--calico-version", text,
                        readsDatastore
                            ? "Validate by the rules of this Calico release (X.Y[.Z] or master) "
                              "instead of the one ClusterInformation default names"
                            : "Validate by the rules of this Calico release (X.Y[.Z] or master; "
                              "default: the newest)");
}

std::optional<CalicoVersion> requestedCalicoVersion(const std::string& text) {
    if (text.empty()) return std::nullopt;
    std::string problem;
    auto version = parseCalicoVersion(text, problem);
    if (!version) throw usageError("--calico-version: " + problem);
    return version;
}

ValidationProfile validationProfileFor(IOStreams& io, const std::string& flag, Datastore* store) {
    auto requested = requestedCalicoVersion(flag);
    std::optional<std::string> detected;
    if (!requested && store) detected = detectedCalicoVersion(*store);
    ResolvedSemantics resolved = resolveCalicoSemantics(requested, detected);
    if (!resolved.note.empty()) io.err << "svcadv: " << resolved.note << "\n";
    ValidationProfile profile = validationProfileOf(resolved.semantics.version);
    if (!resolved.origin.empty() && !sameRules(profile, latestValidationProfile()))
        io.err << "svcadv: validating by the rules of Calico " << profile.release << " ("
               << resolved.origin << ")\n";
    return profile;
}

}  // namespace svcadv::cmd
