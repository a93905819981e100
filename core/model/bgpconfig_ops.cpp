#include "svcadv/model/bgpconfig_ops.h"

#include <algorithm>

namespace svcadv {
namespace {

ResourceRef refFor(const std::string& name) {
    return {kBgpConfigurationKind, "", name};
}

std::string resourceVersionOf(const json& object) {
    const json& meta = object.value("metadata", json::object());
    return meta.value("resourceVersion", "");
}

// The stored object as a typed resource. A stored object that no longer validates is reported
// with its name, so it can be fixed with apply or replace.
BGPConfiguration storedResource(const json& object, const std::string& name) {
    return checkedBgpConfiguration({"stored " + refFor(name).str(), "current state", object});
}

void tell(const BeforeWrite& beforeWrite, const ProposedWrite& proposed) {
    if (beforeWrite) beforeWrite(proposed);
}

json writeOne(Datastore& store, const BGPConfiguration& resource, const WriteRequest& request) {
    ResourceRef ref = refFor(resource.metadata.name);
    WriteOptions options{request.dryRun};
    json object = encodeBgpConfiguration(resource);
    switch (request.verb) {
        case WriteVerb::Create:
            if (!resource.metadata.resourceVersion.empty()) {
                throw invalidInput("metadata.resourceVersion must not be set when creating " +
                                   ref.str());
            }
            // Whether something is there shows only when the create fails: unknown before.
            tell(request.beforeWrite, {ref.name, false, std::nullopt, object});
            return store.create(ref, object, options);
        case WriteVerb::Replace:
            tell(request.beforeWrite, {ref.name, false, std::nullopt, object});
            return store.update(ref, object, options);
        case WriteVerb::Apply: {
            const std::string wanted = resource.metadata.resourceVersion;
            auto stored = store.modify(
                ref,
                [&](const std::optional<json>& current) -> std::optional<json> {
                    json next = object;
                    if (!current) {
                        next["metadata"].erase("resourceVersion");
                    } else if (!wanted.empty() && wanted != resourceVersionOf(*current)) {
                        throw updateConflict(kBgpConfigurationKind, resource.metadata.name);
                    }
                    tell(request.beforeWrite, {ref.name, true, current, next});
                    return next;
                },
                options);
            return *stored;
        }
        case WriteVerb::Delete:
            break;
    }
    throw Error(ExitCode::Other, "internal error: unexpected write verb");
}

// Writes the items in order, as calicoctl does: the first failure stops the run, except a
// `Skippable` one (the resource exists / does not exist) when the caller asked to skip those.
template <typename Skippable, typename Item, typename Write>
WriteReport writeEach(const std::vector<Item>& items, bool skip, const Write& write) {
    WriteReport report;
    report.total = items.size();
    for (const Item& item : items) {
        try {
            report.written.push_back(write(item, report));
        } catch (const Skippable& e) {
            if (!skip) {
                report.failure = e;
                break;
            }
            ++report.skipped;
        } catch (const Error& e) {
            report.failure = e;
            break;
        }
    }
    return report;
}

}  // namespace

const char* pastTense(WriteVerb verb) {
    switch (verb) {
        case WriteVerb::Create:
            return "created";
        case WriteVerb::Apply:
            return "applied";
        case WriteVerb::Replace:
            return "replaced";
        case WriteVerb::Delete:
            return "deleted";
    }
    return "";
}

WriteReport writeBgpConfigurations(Datastore& store, const std::vector<Document>& documents,
                                   const WriteRequest& request) {
    bool skipExisting = request.verb == WriteVerb::Create && request.skipExisting;
    return writeEach<AlreadyExistsError>(
        documents, skipExisting, [&](const Document& document, WriteReport& report) {
            BGPConfiguration resource = checkedBgpConfiguration(document, request.validation);
            for (const auto& warning : lintBgpConfiguration(resource)) {
                report.warnings.push_back(document.origin() + ": " + warning);
            }
            return writeOne(store, resource, request);
        });
}

WriteReport deleteBgpConfigurations(Datastore& store, const std::vector<std::string>& names,
                                    const WriteRequest& request) {
    return writeEach<NotFoundError>(
        names, request.skipExisting, [&](const std::string& name, WriteReport&) {
            tell(request.beforeWrite, {name, false, std::nullopt, std::nullopt});
            return store.remove(refFor(name), {request.dryRun});
        });
}

json patchBgpConfiguration(Datastore& store, const PatchRequest& request) {
    ResourceRef ref = refFor(request.name);
    auto stored = store.modify(
        ref,
        [&](const std::optional<json>& current) -> std::optional<json> {
            if (!current) throw notFound(kBgpConfigurationKind, request.name);
            json patched;
            try {
                patched = applyPatch(*current, request.patch, request.type);
            } catch (const Error& e) {
                throw e.withContext(ref.str());
            }
            Document result{ref.str(), "after patch", patched};
            // A patch that renames (or breaks) metadata is refused before the result is validated,
            // so the message is about the rename, not about the other resource it would describe.
            const json* meta = patched.is_object() && patched.contains("metadata")
                                   ? &patched["metadata"]
                                   : nullptr;
            if (meta && meta->is_object() && meta->value("name", json()) != request.name) {
                throw invalidInput(result.origin() +
                                   ": metadata.name cannot be changed by a patch");
            }
            BGPConfiguration resource = checkedBgpConfiguration(result, request.validation);
            // A resourceVersion set by the patch is a precondition, as with kubectl.
            const std::string& wanted = resource.metadata.resourceVersion;
            if (!wanted.empty() && wanted != resourceVersionOf(*current)) {
                throw updateConflict(kBgpConfigurationKind, request.name);
            }
            json next = encodeBgpConfiguration(resource);
            tell(request.beforeWrite, {request.name, true, current, next});
            return next;
        },
        {request.dryRun});
    return *stored;
}

CidrEditResult editServiceCidrs(Datastore& store, const std::vector<CidrEdit>& edits, bool add,
                                DryRun dryRun, const ValidationOptions& validation,
                                const BeforeWrite& beforeWrite) {
    CidrEditResult result;
    result.stored = store.modify(
        refFor("default"),
        [&](const std::optional<json>& current) -> std::optional<json> {
            result.outcomes.clear();  // a retry starts again from the fresh object
            if (!current && !add) {
                for (const auto& edit : edits)
                    result.outcomes.push_back({edit, false});
                return std::nullopt;
            }
            BGPConfiguration resource;
            resource.metadata.name = "default";
            if (current) resource = storedResource(*current, "default");
            bool anyChange = false;
            for (const auto& edit : edits) {
                auto& entries = cidrList(resource.spec, edit.list);
                if (!entries) entries.emplace();
                auto same = [&](const ServiceCidr& entry) {
                    auto parsed = parseCidr(entry.cidr).cidr;
                    return parsed && *parsed == edit.cidr;
                };
                bool present = std::any_of(entries->begin(), entries->end(), same);
                bool changed = add ? !present : present;
                if (changed && add) entries->push_back({edit.cidr.str()});
                if (changed && !add) std::erase_if(*entries, same);
                result.outcomes.push_back({edit, changed});
                anyChange = anyChange || changed;
            }
            if (!anyChange) return std::nullopt;
            auto errors = validateBgpConfiguration(resource, validation);
            if (!errors.empty())
                throw invalidInput(refFor("default").str() + ": " + formatFieldErrors(errors));
            json next = encodeBgpConfiguration(resource);
            tell(beforeWrite, {"default", true, current, next});
            return next;
        },
        {dryRun});
    return result;
}

}  // namespace svcadv
