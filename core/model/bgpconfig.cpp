#include "svcadv/model/bgpconfig.h"

#include <limits>
#include <regex>
#include <set>

#include "svcadv/util/suggest.h"

namespace svcadv {
namespace {

std::string shown(const json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// Walks one JSON object, remembering which keys were read, so that whatever is left over is
// reported as unknown. All problems are collected, none thrown.
class ObjectReader {
  public:
    ObjectReader(const json& value, std::string path, std::vector<FieldError>& errors)
        : value_(value), path_(std::move(path)), errors_(errors) {
        if (!value_.is_object()) {
            errors_.push_back(
                {path_.empty() ? "document" : path_, shown(value_), "expected an object"});
            valid_ = false;
        }
    }
    bool valid() const { return valid_; }
    std::string pathOf(const std::string& key) const {
        return path_.empty() ? key : path_ + "." + key;
    }

    // The value of `key`, or nullptr when absent or null (Go treats an explicit null as unset).
    const json* take(const std::string& key) {
        known_.insert(key);
        if (!valid_) return nullptr;
        auto it = value_.find(key);
        if (it == value_.end() || it->is_null()) return nullptr;
        return &*it;
    }

    void reportUnknown() {
        if (!valid_) return;
        for (const auto& [key, _] : value_.items()) {
            if (!known_.count(key)) {
                std::vector<std::string> known(known_.begin(), known_.end());
                errors_.push_back(
                    {pathOf(key), std::nullopt,
                     "field in document is not recognized or is in the wrong location: " +
                         pathOf(key) + didYouMeanInline(key, known),
                     true});
            }
        }
    }

    std::optional<std::string> string(const std::string& key) {
        const json* v = take(key);
        if (!v) return std::nullopt;
        if (!v->is_string()) return wrongType(key, *v, "expected a string"), std::nullopt;
        return v->get<std::string>();
    }

    // Go's omitempty: an empty string is the same as unset.
    std::optional<std::string> nonEmptyString(const std::string& key) {
        auto s = string(key);
        if (s && s->empty()) return std::nullopt;
        return s;
    }

    std::optional<bool> boolean(const std::string& key) {
        const json* v = take(key);
        if (!v) return std::nullopt;
        if (!v->is_boolean()) return wrongType(key, *v, "expected true or false"), std::nullopt;
        return v->get<bool>();
    }

    std::optional<std::int64_t> integer(const std::string& key) {
        const json* v = take(key);
        if (!v) return std::nullopt;
        if (v->is_number_integer()) return v->get<std::int64_t>();
        if (v->is_number_unsigned() &&
            v->get<std::uint64_t>() <= std::numeric_limits<std::int64_t>::max()) {
            return static_cast<std::int64_t>(v->get<std::uint64_t>());
        }
        if (v->is_number_float()) {
            double d = v->get<double>();
            if (d == static_cast<double>(static_cast<std::int64_t>(d)))
                return static_cast<std::int64_t>(d);
        }
        wrongType(key, *v, "expected an integer");
        return std::nullopt;
    }

    std::optional<std::vector<std::string>> stringList(const std::string& key) {
        const json* v = take(key);
        if (!v) return std::nullopt;
        if (!v->is_array()) return wrongType(key, *v, "expected a list of strings"), std::nullopt;
        std::vector<std::string> out;
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json& item = (*v)[i];
            if (!item.is_string()) {
                errors_.push_back({pathOf(key) + "[" + std::to_string(i) + "]", shown(item),
                                   "expected a string"});
                continue;
            }
            out.push_back(item.get<std::string>());
        }
        return out;
    }

    std::map<std::string, std::string> stringMap(const std::string& key) {
        std::map<std::string, std::string> out;
        const json* v = take(key);
        if (!v) return out;
        if (!v->is_object()) return wrongType(key, *v, "expected a map of strings"), out;
        for (const auto& [k, item] : v->items()) {
            if (!item.is_string()) {
                errors_.push_back({pathOf(key) + "." + k, shown(item), "expected a string"});
                continue;
            }
            out[k] = item.get<std::string>();
        }
        return out;
    }

    // A list of objects, each decoded by `decodeItem(reader)`.
    template <typename T, typename F>
    std::optional<std::vector<T>> objectList(const std::string& key, F decodeItem) {
        const json* v = take(key);
        if (!v) return std::nullopt;
        if (!v->is_array()) return wrongType(key, *v, "expected a list"), std::nullopt;
        std::vector<T> out;
        for (std::size_t i = 0; i < v->size(); ++i) {
            ObjectReader item((*v)[i], pathOf(key) + "[" + std::to_string(i) + "]", errors_);
            if (!item.valid()) continue;
            out.push_back(decodeItem(item));
            item.reportUnknown();
        }
        return out;
    }

    void wrongType(const std::string& key, const json& v, const std::string& reason) {
        errors_.push_back({pathOf(key), shown(v), reason});
    }

    std::vector<FieldError>& errors() { return errors_; }

  private:
    const json& value_;
    std::string path_;
    std::vector<FieldError>& errors_;
    std::set<std::string> known_;
    bool valid_ = true;
};

// ObjectMeta fields svcadv does not interpret but must keep.
const char* const kPreservedMetaFields[] = {
    "generateName",    "selfLink",   "deletionTimestamp", "deletionGracePeriodSeconds",
    "ownerReferences", "finalizers", "managedFields"};

ObjectMeta decodeMeta(ObjectReader& meta) {
    ObjectMeta out;
    out.name = meta.string("name").value_or("");
    out.namespace_ = meta.string("namespace").value_or("");
    // A hand-written `resourceVersion: 12` is taken as the string it stands for.
    if (const json* rv = meta.take("resourceVersion")) {
        if (rv->is_string()) {
            out.resourceVersion = rv->get<std::string>();
        } else if (rv->is_number_unsigned() || rv->is_number_integer()) {
            out.resourceVersion = rv->dump();
        } else {
            meta.wrongType("resourceVersion", *rv, "expected a string");
        }
    }
    out.uid = meta.string("uid").value_or("");
    out.creationTimestamp = meta.string("creationTimestamp").value_or("");
    out.generation = meta.integer("generation");
    out.labels = meta.stringMap("labels");
    out.annotations = meta.stringMap("annotations");
    for (const char* field : kPreservedMetaFields) {
        if (const json* v = meta.take(field)) out.preserved[field] = *v;
    }
    return out;
}

ServiceCidr decodeServiceCidr(ObjectReader& item) {
    return {item.string("cidr").value_or("")};
}

BGPConfigurationSpec decodeSpec(ObjectReader& spec) {
    BGPConfigurationSpec out;
    out.logSeverityScreen = spec.nonEmptyString("logSeverityScreen");
    out.nodeToNodeMeshEnabled = spec.boolean("nodeToNodeMeshEnabled");
    if (const json* v = spec.take("asNumber")) {
        out.asNumber = parseAsNumber(*v);
        if (!out.asNumber) {
            spec.wrongType(
                "asNumber", *v,
                "expected an AS number: an integer 0-4294967295, or \"a.b\" with a and b 0-65535");
        }
    }
    out.serviceClusterIPs = spec.objectList<ServiceCidr>("serviceClusterIPs", decodeServiceCidr);
    out.serviceExternalIPs = spec.objectList<ServiceCidr>("serviceExternalIPs", decodeServiceCidr);
    out.serviceLoadBalancerIPs =
        spec.objectList<ServiceCidr>("serviceLoadBalancerIPs", decodeServiceCidr);
    out.serviceLoadBalancerAggregation = spec.nonEmptyString("serviceLoadBalancerAggregation");
    out.communities = spec.objectList<Community>("communities", [](ObjectReader& item) {
        return Community{item.string("name").value_or(""), item.string("value").value_or("")};
    });
    out.prefixAdvertisements =
        spec.objectList<PrefixAdvertisement>("prefixAdvertisements", [](ObjectReader& item) {
            bool omitted = item.take("communities") == nullptr;  // absent or null, as in Go
            return PrefixAdvertisement{
                item.string("cidr").value_or(""),
                item.stringList("communities").value_or(std::vector<std::string>{}), omitted};
        });
    out.listenPort = spec.integer("listenPort");
    if (out.listenPort == 0) out.listenPort.reset();  // uint16 with omitempty: 0 means unset
    if (const json* v = spec.take("nodeMeshPassword")) {
        ObjectReader password(*v, spec.pathOf("nodeMeshPassword"), spec.errors());
        if (password.valid()) {
            SecretKeyRef ref;
            if (const json* s = password.take("secretKeyRef")) {
                ObjectReader keyRef(*s, password.pathOf("secretKeyRef"), spec.errors());
                if (keyRef.valid()) {
                    ref.name = keyRef.string("name").value_or("");
                    ref.key = keyRef.string("key").value_or("");
                    ref.optional = keyRef.boolean("optional");
                    keyRef.reportUnknown();
                }
            }
            password.reportUnknown();
            out.nodeMeshPassword = ref;
        }
    }
    out.nodeMeshMaxRestartTime = spec.nonEmptyString("nodeMeshMaxRestartTime");
    out.bindMode = spec.nonEmptyString("bindMode");
    out.ignoredInterfaces = spec.stringList("ignoredInterfaces");
    out.localWorkloadPeeringIPV4 = spec.nonEmptyString("localWorkloadPeeringIPV4");
    out.localWorkloadPeeringIPV6 = spec.nonEmptyString("localWorkloadPeeringIPV6");
    out.programClusterRoutes = spec.nonEmptyString("programClusterRoutes");
    out.ipv4NormalRoutePriority = spec.integer("ipv4NormalRoutePriority");
    out.ipv6NormalRoutePriority = spec.integer("ipv6NormalRoutePriority");
    return out;
}

json encodeCidrs(const std::vector<ServiceCidr>& list) {
    json out = json::array();
    for (const auto& entry : list) {
        out.push_back(entry.cidr.empty() ? json::object() : json{{"cidr", entry.cidr}});
    }
    return out;
}

}  // namespace

const char* fieldName(ServiceCidrList list) {
    switch (list) {
        case ServiceCidrList::ClusterIPs:
            return "serviceClusterIPs";
        case ServiceCidrList::ExternalIPs:
            return "serviceExternalIPs";
        case ServiceCidrList::LoadBalancerIPs:
            return "serviceLoadBalancerIPs";
    }
    return "";
}

std::optional<std::vector<ServiceCidr>>& cidrList(BGPConfigurationSpec& spec,
                                                  ServiceCidrList list) {
    switch (list) {
        case ServiceCidrList::ClusterIPs:
            return spec.serviceClusterIPs;
        case ServiceCidrList::ExternalIPs:
            return spec.serviceExternalIPs;
        case ServiceCidrList::LoadBalancerIPs:
            break;
    }
    return spec.serviceLoadBalancerIPs;
}

const std::optional<std::vector<ServiceCidr>>& cidrList(const BGPConfigurationSpec& spec,
                                                        ServiceCidrList list) {
    return cidrList(const_cast<BGPConfigurationSpec&>(spec), list);
}

std::optional<std::uint32_t> parseAsNumber(const json& value) {
    if (value.is_number_unsigned()) {
        auto v = value.get<std::uint64_t>();
        if (v <= std::numeric_limits<std::uint32_t>::max()) return static_cast<std::uint32_t>(v);
        return std::nullopt;
    }
    if (value.is_number_integer()) {
        auto v = value.get<std::int64_t>();
        if (v >= 0 && v <= std::numeric_limits<std::uint32_t>::max())
            return static_cast<std::uint32_t>(v);
        return std::nullopt;
    }
    if (!value.is_string()) return std::nullopt;
    static const std::regex plain("[0-9]{1,10}");
    static const std::regex dotted("([0-9]{1,5})\\.([0-9]{1,5})");
    const std::string& s = value.get_ref<const std::string&>();
    std::smatch m;
    if (std::regex_match(s, plain)) {
        auto v = std::stoull(s);
        if (v <= std::numeric_limits<std::uint32_t>::max()) return static_cast<std::uint32_t>(v);
    } else if (std::regex_match(s, m, dotted)) {
        auto high = std::stoul(m[1]), low = std::stoul(m[2]);
        if (high <= 0xFFFF && low <= 0xFFFF) return static_cast<std::uint32_t>(high * 65536 + low);
    }
    return std::nullopt;
}

DecodeResult decodeBgpConfiguration(const json& body) {
    DecodeResult result;
    ObjectReader root(body, "", result.errors);
    if (!root.valid()) return result;
    BGPConfiguration resource;
    auto apiVersion = root.string("apiVersion");
    auto kind = root.string("kind");
    if (kind && *kind != kBgpConfigurationKind) {
        result.errors.push_back({"kind", *kind, "expected BGPConfiguration"});
    }
    if (!apiVersion || *apiVersion != kCalicoApiVersion) {
        result.errors.push_back(
            {"apiVersion", apiVersion.value_or(""), std::string("expected ") + kCalicoApiVersion});
    }
    if (const json* meta = root.take("metadata")) {
        ObjectReader reader(*meta, "metadata", result.errors);
        // Without metadata the resource has no name, and every name-dependent rule would fire on
        // a resource the user never described; report the decode error alone.
        if (!reader.valid()) return result;
        resource.metadata = decodeMeta(reader);
        reader.reportUnknown();
    }
    if (const json* spec = root.take("spec")) {
        ObjectReader reader(*spec, "spec", result.errors);
        if (reader.valid()) {
            resource.spec = decodeSpec(reader);
            reader.reportUnknown();
        }
    }
    root.reportUnknown();
    result.resource = std::move(resource);
    return result;
}

json encodeBgpConfiguration(const BGPConfiguration& resource) {
    const ObjectMeta& m = resource.metadata;
    json meta = m.preserved;
    meta["name"] = m.name;
    if (!m.namespace_.empty()) meta["namespace"] = m.namespace_;
    if (!m.resourceVersion.empty()) meta["resourceVersion"] = m.resourceVersion;
    if (!m.uid.empty()) meta["uid"] = m.uid;
    if (!m.creationTimestamp.empty()) meta["creationTimestamp"] = m.creationTimestamp;
    if (m.generation) meta["generation"] = *m.generation;
    if (!m.labels.empty()) meta["labels"] = m.labels;
    if (!m.annotations.empty()) meta["annotations"] = m.annotations;

    const BGPConfigurationSpec& s = resource.spec;
    json spec = json::object();
    auto put = [&spec](const char* key, const auto& field) {
        if (field) spec[key] = *field;
    };
    put("logSeverityScreen", s.logSeverityScreen);
    put("nodeToNodeMeshEnabled", s.nodeToNodeMeshEnabled);
    put("asNumber", s.asNumber);
    for (ServiceCidrList list : kServiceCidrLists) {
        const auto& entries = cidrList(s, list);
        if (entries && !entries->empty()) spec[fieldName(list)] = encodeCidrs(*entries);
    }
    put("serviceLoadBalancerAggregation", s.serviceLoadBalancerAggregation);
    if (s.communities && !s.communities->empty()) {
        json list = json::array();
        for (const auto& c : *s.communities)
            list.push_back({{"name", c.name}, {"value", c.value}});
        spec["communities"] = list;
    }
    if (s.prefixAdvertisements && !s.prefixAdvertisements->empty()) {
        json list = json::array();
        for (const auto& pa : *s.prefixAdvertisements) {
            json item{{"cidr", pa.cidr}};
            if (!pa.communities.empty()) item["communities"] = pa.communities;
            list.push_back(item);
        }
        spec["prefixAdvertisements"] = list;
    }
    put("listenPort", s.listenPort);
    if (s.nodeMeshPassword) {
        json ref{{"name", s.nodeMeshPassword->name}, {"key", s.nodeMeshPassword->key}};
        if (s.nodeMeshPassword->optional) ref["optional"] = *s.nodeMeshPassword->optional;
        spec["nodeMeshPassword"] = {{"secretKeyRef", ref}};
    }
    put("nodeMeshMaxRestartTime", s.nodeMeshMaxRestartTime);
    put("bindMode", s.bindMode);
    if (s.ignoredInterfaces && !s.ignoredInterfaces->empty())
        spec["ignoredInterfaces"] = *s.ignoredInterfaces;
    put("localWorkloadPeeringIPV4", s.localWorkloadPeeringIPV4);
    put("localWorkloadPeeringIPV6", s.localWorkloadPeeringIPV6);
    put("programClusterRoutes", s.programClusterRoutes);
    put("ipv4NormalRoutePriority", s.ipv4NormalRoutePriority);
    put("ipv6NormalRoutePriority", s.ipv6NormalRoutePriority);

    return json{{"apiVersion", kCalicoApiVersion},
                {"kind", kBgpConfigurationKind},
                {"metadata", meta},
                {"spec", spec}};
}

}  // namespace svcadv
