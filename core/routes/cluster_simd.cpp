// simdjson On-Demand over a cluster dump. The walk reads the same paths as cluster_capture.cpp's
// table; anything outside what it decides alone (a value of an unexpected type, a kind decoded
// from a tree, an object that would be an error) is handed back to that decoder, which stays the
// one definition of the result and of every message.
#include "svcadv/routes/cluster_simd.h"

#include <simdjson.h>
#include <array>
#include <bit>

#include <cstdint>
#include <cstring>

#include "cluster_capture.h"
#include "svcadv/util/bounded_reader.h"
#include "svcadv/util/error.h"

namespace svcadv {
namespace {

namespace od = simdjson::ondemand;

static_assert(kClusterTextPadding >= simdjson::SIMDJSON_PADDING);

// This member goes to the existing decoder (from its own text).
struct MemberFallback {};
// The whole text goes to the existing decoder.
struct TextFallback {};

// The fields of one member, for whichever of the three kinds it turns out to be (kind may come
// last). Views point into the parser's string buffer, valid while the document is.
struct MemberFields {
    std::string_view kind, apiVersion, name, namespace_;
    bool hasKind = false, hasApiVersion = false, hasMetadata = false;
    bool hasExcludeLabel = false;
    std::string_view excludeLabel, serviceName;
    std::string_view type, clusterIP, loadBalancerIP, policy, addressType;
    std::vector<std::string_view> clusterIPs, ipFamilies, externalIPs, ingressIPs;
    struct Endpoint {
        std::string_view nodeName;
        bool ready = true;
        std::optional<bool> serving;
        bool terminating = false;
    };
    std::vector<Endpoint> endpoints;
    struct Address {
        std::string_view ip, nodeName;
    };
    std::vector<Address> readyAddresses;  // a v1 Endpoints' subsets[].addresses[]

    void clear() {
        kind = apiVersion = name = namespace_ = {};
        hasKind = hasApiVersion = hasMetadata = false;
        hasExcludeLabel = false;
        excludeLabel = serviceName = type = clusterIP = loadBalancerIP = policy = addressType = {};
        clusterIPs.clear();
        ipFamilies.clear();
        externalIPs.clear();
        ingressIPs.clear();
        endpoints.clear();
        readyAddresses.clear();
    }
};

// Whether a member's name is `literal`: with the length known at compile time the comparison is
// inlined (names are compared for every member of every object).
template <std::size_t N>
bool is(std::string_view name, const char (&literal)[N]) {
    return name.size() == N - 1 && std::memcmp(name.data(), literal, N - 1) == 0;
}

// Whether [text, text + size) holds a backslash (an escape) or a byte below 0x20 (a raw control
// character, invalid JSON), looked at eight bytes at a time: every name and string of the input
// passes here, which byte by byte was a tenth of the whole preview. The last word may read past
// the end: the text is padded (kClusterTextPadding), and the bytes beyond are masked off.
inline bool hasEscapeOrControl(const char* text, std::size_t size) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
    static_assert(std::endian::native == std::endian::little, "the mask keeps the low bytes");
    // A byte below n sets its high bit in (x - n) & ~x; borrows run only towards later bytes, so
    // the bytes kept answer exactly.
    auto found = [&](std::size_t at) {
        std::uint64_t word;
        std::memcpy(&word, text + at, 8);
        std::uint64_t backslashes = word ^ (kOnes * '\\');
        return ((word - kOnes * 0x20) & ~word) | ((backslashes - kOnes) & ~backslashes);
    };
    std::size_t at = 0;
    for (; at + 8 < size; at += 8) {
        if (found(at) & kHighs) return true;
    }
    std::size_t left = size - at;  // 1 to 8, or 0 for an empty text
    std::uint64_t kept = left >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * left)) - 1;
    return (found(at) & kHighs & kept) != 0;
}

// The last byte of a token that is not JSON whitespace (raw_json_token runs on to the next one).
const char* lastOfToken(std::string_view token) {
    const char* last = token.data() + token.size() - 1;
    while (*last == ' ' || *last == '\n' || *last == '\r' || *last == '\t')
        --last;
    return last;
}

// A member's name, escapes decoded (the existing decoder compares decoded names too). Names
// without escapes are read in place: unescaping would copy every name into the parser's string
// buffer, which grows with the whole input.
std::string_view keyOf(od::field& field) {
    const char* start = field.key().raw();
    // The name's closing quote is the last one before its value (only ':' and whitespace between):
    // found from the value's start, which the structural index gives, instead of by a scan.
    const char* end = field.value().raw_json_token().data() - 1;
    while (*end != '"')
        --end;
    auto size = static_cast<std::size_t>(end - start);
    if (hasEscapeOrControl(start, size)) {
        // A raw control character is invalid JSON: the existing decoder says so.
        for (const char* c = start; c != end; ++c) {
            if (static_cast<unsigned char>(*c) < 0x20) throw TextFallback{};
        }
        return field.unescaped_key().value();
    }
    return {start, size};
}

// The keys of one object read so far. JSON with a repeated key is refused by the existing decoder
// (issue 13: no silent last-wins), so a repeat sends the whole text to it, for its message. Only
// the objects this reader walks are checked; it skips the rest without looking at their keys.
class ObjectKeys {
  public:
    std::string_view next(od::field& field) {
        std::string_view key = keyOf(field);
        if (count_ < inline_.size()) {
            for (std::size_t i = 0; i < count_; ++i)
                if (inline_[i] == key) throw TextFallback{};
            inline_[count_++] = key;
            return key;
        }
        for (auto seen : inline_)
            if (seen == key) throw TextFallback{};
        for (auto seen : more_)
            if (seen == key) throw TextFallback{};
        more_.push_back(key);
        return key;
    }

  private:
    std::array<std::string_view, 24> inline_{};  // most objects: no allocation
    std::size_t count_ = 0;
    std::vector<std::string_view> more_;
};

// nullopt for null (the decoder treats null as absent); MemberFallback for any other type.
// Strings without escapes are read in place (see keyOf).
std::optional<std::string_view> stringOrNull(od::value value) {
    switch (value.type()) {
        case od::json_type::null:
            return std::nullopt;
        case od::json_type::string: {
            std::string_view token = value.raw_json_token();
            const char* start = token.data() + 1;  // after the opening quote
            auto size = static_cast<std::size_t>(lastOfToken(token) - start);  // to the closing one
            if (!hasEscapeOrControl(start, size)) return std::string_view(start, size);
            // A raw control character is invalid JSON: the existing decoder looks at it.
            for (std::size_t i = 0; i < size; ++i) {
                if (static_cast<unsigned char>(start[i]) < 0x20) throw MemberFallback{};
            }
            std::string_view text = value.get_string();
            // An escaped control character is valid; the existing decoder decides.
            for (char c : text) {
                if (static_cast<unsigned char>(c) < 0x20) throw MemberFallback{};
            }
            return text;
        }
        default:
            throw MemberFallback{};
    }
}

void readString(od::value value, std::string_view& into) {
    if (auto text = stringOrNull(value)) into = *text;
}

// An object or null (absent); MemberFallback otherwise.
std::optional<od::object> objectOrNull(od::value value) {
    switch (value.type()) {
        case od::json_type::null:
            return std::nullopt;
        case od::json_type::object:
            return value.get_object().value();
        default:
            throw MemberFallback{};
    }
}

std::optional<od::array> arrayOrNull(od::value value) {
    switch (value.type()) {
        case od::json_type::null:
            return std::nullopt;
        case od::json_type::array:
            return value.get_array().value();
        default:
            throw MemberFallback{};
    }
}

void readStrings(od::value value, std::vector<std::string_view>& into) {
    auto list = arrayOrNull(value);
    if (!list) return;
    for (od::value element : *list) {
        if (auto text = stringOrNull(element)) into.push_back(*text);
    }
}

void readMetadata(od::object metadata, MemberFields& fields) {
    ObjectKeys fieldKeys;
    for (od::field field : metadata) {
        std::string_view key = fieldKeys.next(field);
        if (is(key, "name")) {
            readString(field.value(), fields.name);
        } else if (is(key, "namespace")) {
            readString(field.value(), fields.namespace_);
        } else if (is(key, "labels")) {
            auto labels = objectOrNull(field.value());
            if (!labels) continue;
            ObjectKeys labelKeys;
            for (od::field label : *labels) {
                std::string_view labelKey = labelKeys.next(label);
                if (labelKey == kExcludeLabel) {
                    if (auto text = stringOrNull(label.value())) {
                        fields.hasExcludeLabel = true;
                        fields.excludeLabel = *text;
                    }
                } else if (labelKey == kServiceNameLabel) {
                    readString(label.value(), fields.serviceName);
                }
            }
        }
    }
}

void readSpec(od::object spec, MemberFields& fields) {
    ObjectKeys fieldKeys;
    for (od::field field : spec) {
        std::string_view key = fieldKeys.next(field);
        if (is(key, "type")) {
            readString(field.value(), fields.type);
        } else if (is(key, "clusterIP")) {
            readString(field.value(), fields.clusterIP);
        } else if (is(key, "clusterIPs")) {
            readStrings(field.value(), fields.clusterIPs);
        } else if (is(key, "ipFamilies")) {
            readStrings(field.value(), fields.ipFamilies);
        } else if (is(key, "externalIPs")) {
            readStrings(field.value(), fields.externalIPs);
        } else if (is(key, "loadBalancerIP")) {
            readString(field.value(), fields.loadBalancerIP);
        } else if (is(key, "externalTrafficPolicy")) {
            readString(field.value(), fields.policy);
        }
    }
}

void readStatus(od::object status, MemberFields& fields) {
    ObjectKeys fieldKeys;
    for (od::field field : status) {
        if (!is(fieldKeys.next(field), "loadBalancer")) continue;
        auto loadBalancer = objectOrNull(field.value());
        if (!loadBalancer) continue;
        ObjectKeys lbFieldKeys;
        for (od::field lbField : *loadBalancer) {
            if (!is(lbFieldKeys.next(lbField), "ingress")) continue;
            auto ingress = arrayOrNull(lbField.value());
            if (!ingress) continue;
            for (od::value element : *ingress) {
                auto entry = objectOrNull(element);
                if (!entry) continue;
                ObjectKeys entryFieldKeys;
                for (od::field entryField : *entry) {
                    if (!is(entryFieldKeys.next(entryField), "ip")) continue;
                    // An empty ip is a hostname-only entry: skipped, as the decoder does.
                    if (auto ip = stringOrNull(entryField.value()); ip && !ip->empty())
                        fields.ingressIPs.push_back(*ip);
                }
            }
        }
    }
}

std::optional<bool> booleanOrNull(od::value value) {
    switch (value.type()) {
        case od::json_type::null:
            return std::nullopt;
        case od::json_type::boolean:
            return value.get_bool().value();
        default:
            throw MemberFallback{};
    }
}

void readEndpoints(od::value value, MemberFields& fields) {
    auto list = arrayOrNull(value);
    if (!list) return;
    for (od::value element : *list) {
        auto endpoint = objectOrNull(element);
        if (!endpoint) continue;
        MemberFields::Endpoint& into = fields.endpoints.emplace_back();
        ObjectKeys fieldKeys;
        for (od::field field : *endpoint) {
            std::string_view key = fieldKeys.next(field);
            if (is(key, "nodeName")) {
                readString(field.value(), into.nodeName);
            } else if (is(key, "conditions")) {
                auto conditions = objectOrNull(field.value());
                if (!conditions) continue;
                ObjectKeys conditionKeys;
                for (od::field condition : *conditions) {
                    std::string_view name = conditionKeys.next(condition);
                    if (is(name, "ready")) {
                        if (auto flag = booleanOrNull(condition.value())) into.ready = *flag;
                    } else if (is(name, "serving")) {
                        if (auto flag = booleanOrNull(condition.value())) into.serving = *flag;
                    } else if (is(name, "terminating")) {
                        if (auto flag = booleanOrNull(condition.value())) into.terminating = *flag;
                    }
                }
            }
        }
    }
}

// A v1 Endpoints' subsets: only the ready addresses (notReadyAddresses are never read).
void readSubsets(od::value value, MemberFields& fields) {
    auto subsets = arrayOrNull(value);
    if (!subsets) return;
    for (od::value element : *subsets) {
        auto subset = objectOrNull(element);
        if (!subset) continue;
        ObjectKeys fieldKeys;
        for (od::field field : *subset) {
            if (!is(fieldKeys.next(field), "addresses")) continue;
            auto addresses = arrayOrNull(field.value());
            if (!addresses) continue;
            for (od::value entry : *addresses) {
                auto address = objectOrNull(entry);
                if (!address) continue;
                MemberFields::Address& into = fields.readyAddresses.emplace_back();
                ObjectKeys addressFieldKeys;
                for (od::field addressField : *address) {
                    std::string_view key = addressFieldKeys.next(addressField);
                    if (is(key, "ip")) {
                        readString(addressField.value(), into.ip);
                    } else if (is(key, "nodeName")) {
                        readString(addressField.value(), into.nodeName);
                    }
                }
            }
        }
    }
}

void readMember(od::object member, MemberFields& fields) {
    ObjectKeys fieldKeys;
    for (od::field field : member) {
        std::string_view key = fieldKeys.next(field);
        if (is(key, "kind")) {
            fields.hasKind = true;
            readString(field.value(), fields.kind);
        } else if (is(key, "apiVersion")) {
            fields.hasApiVersion = true;
            readString(field.value(), fields.apiVersion);
        } else if (is(key, "metadata")) {
            if (auto metadata = objectOrNull(field.value())) {
                fields.hasMetadata = true;
                readMetadata(*metadata, fields);
            }
        } else if (is(key, "spec")) {
            if (auto spec = objectOrNull(field.value())) readSpec(*spec, fields);
        } else if (is(key, "status")) {
            if (auto status = objectOrNull(field.value())) readStatus(*status, fields);
        } else if (is(key, "addressType")) {
            readString(field.value(), fields.addressType);
        } else if (is(key, "endpoints")) {
            readEndpoints(field.value(), fields);
        } else if (is(key, "subsets")) {
            readSubsets(field.value(), fields);
        }
    }
}

std::vector<std::string> toStrings(const std::vector<std::string_view>& views) {
    return {views.begin(), views.end()};
}

// Adds a decoded member as ObjectCapture::finish would; TextFallback where finish would throw,
// MemberFallback for a kind decoded from its tree.
void addMember(ClusterState& state, MemberFields& fields) {
    if (fields.kind.empty()) throw TextFallback{};
    bool isNode = fields.kind == "Node";
    bool isService = fields.kind == "Service";
    bool isSlice = fields.kind == "EndpointSlice";
    bool isEndpoints = fields.kind == "Endpoints" && fields.apiVersion == "v1";
    // Kinds decoded from their tree.
    if (fields.kind == kBgpConfigurationKind || fields.kind == "ClusterInformation")
        throw MemberFallback{};
    if (!isNode && !isService && !isSlice && !isEndpoints) {
        ++state.ignoredObjects;
        return;
    }
    if (fields.name.empty()) throw TextFallback{};
    std::string_view namespace_ = fields.namespace_.empty() ? "default" : fields.namespace_;
    if (isNode) {
        NodeInfo& node = state.nodes.emplace_back();
        node.name = fields.name;
        if (fields.hasExcludeLabel) node.excludeLabel = std::string(fields.excludeLabel);
    } else if (isService) {
        ServiceInfo& service = state.services.emplace_back();
        service.namespace_ = namespace_;
        service.name = fields.name;
        service.type = fields.type;
        service.clusterIP = fields.clusterIP;
        service.clusterIPs = toStrings(fields.clusterIPs);
        service.ipFamilies = toStrings(fields.ipFamilies);
        service.externalIPs = toStrings(fields.externalIPs);
        service.loadBalancerIP = fields.loadBalancerIP;
        service.externalTrafficPolicy = fields.policy;
        service.ingressIPs = toStrings(fields.ingressIPs);
    } else if (isEndpoints) {
        EndpointsInfo& endpoints = state.coreEndpoints.emplace_back();
        endpoints.namespace_ = namespace_;
        endpoints.name = fields.name;
        endpoints.readyAddresses.reserve(fields.readyAddresses.size());
        for (const auto& address : fields.readyAddresses)
            endpoints.readyAddresses.push_back(
                {std::string(address.ip), std::string(address.nodeName)});
    } else {
        if (fields.apiVersion != "discovery.k8s.io/v1") throw TextFallback{};
        EndpointSliceInfo& slice = state.endpointSlices.emplace_back();
        slice.namespace_ = namespace_;
        slice.name = fields.name;
        slice.serviceName = fields.serviceName;
        slice.addressType = fields.addressType;
        slice.endpoints.reserve(fields.endpoints.size());
        for (const auto& endpoint : fields.endpoints)
            slice.endpoints.push_back({std::string(endpoint.nodeName), endpoint.ready,
                                       endpoint.serving, endpoint.terminating});
    }
}

// The existing decoder's events for one value of a text, fed to an ObjectCapture: the decoding of
// one member exactly as the stream decoder does it.
class MemberEvents : public nlohmann::json_sax<json> {
  public:
    explicit MemberEvents(detail::ObjectCapture& capture) : capture_(capture) {}

    bool null() override { return other(detail::ValueType::Null, nullptr); }
    bool number_integer(number_integer_t value) override {
        return other(detail::ValueType::Number, value);
    }
    bool number_unsigned(number_unsigned_t value) override {
        return other(detail::ValueType::Number, value);
    }
    bool number_float(number_float_t value, const string_t&) override {
        return other(detail::ValueType::Number, value);
    }
    bool binary(binary_t&) override { return true; }
    bool string(string_t& value) override {
        capture_.string(value);
        return true;
    }
    bool boolean(bool value) override {
        capture_.boolean(value);
        return true;
    }
    bool key(string_t& key) override {
        capture_.key(key);
        return true;
    }
    bool start_object(std::size_t) override {
        capture_.startContainer(detail::ValueType::Object);
        return true;
    }
    bool start_array(std::size_t) override {
        capture_.startContainer(detail::ValueType::Array);
        return true;
    }
    bool end_object() override {
        capture_.endContainer();
        return true;
    }
    bool end_array() override {
        capture_.endContainer();
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        throw TextFallback{};
    }

  private:
    bool other(detail::ValueType type, json value) {
        capture_.otherScalar(type, std::move(value));
        return true;
    }
    detail::ObjectCapture& capture_;
};

// Decodes the member that starts at `start` with the existing decoder.
void addMemberFromText(ClusterState& state, const char* start, std::string_view text,
                       const std::string& source, std::size_t index) {
    detail::ObjectCapture capture;
    capture.begin(true);
    MemberEvents events(capture);
    // Not strict: the member is followed by the rest of the List.
    json::sax_parse(start, text.data() + text.size(), &events, json::input_format_t::json, false);
    try {
        capture.finish(state, {source, "document 1: items[" + std::to_string(index) + "]", json()},
                       nullptr);
    } catch (const Error&) {
        throw TextFallback{};  // the whole text is read again, for the message the decoder gives
    }
}

class ListReader {
  public:
    ListReader(ClusterState& state, std::string_view text, const std::string& source,
               const ObjectProgress& progress, const ConsumedText& consumed,
               const ListItemType* itemType = nullptr)
        : state_(state),
          text_(text),
          source_(source),
          progress_(progress),
          consumed_(consumed),
          itemType_(itemType) {}

    void readMembers(od::array members) {
        for (od::value member : members) {
            const char* start = member.raw_json_token().data();
            // Every few thousand members: On-Demand only reads forward.
            if (consumed_ && count_ % 4096 == 0)
                consumed_(static_cast<std::size_t>(start - text_.data()));
            if (member.type() != od::json_type::object) throw TextFallback{};
            fields_.clear();
            bool decoded = true;
            try {
                readMember(member.get_object(), fields_);
                if (itemType_) takeItemType();
                addMember(state_, fields_);
            } catch (const MemberFallback&) {
                // A page's items lack their kind in their own text: the page goes to the tree.
                if (itemType_) throw TextFallback{};
                decoded = false;
            }
            // A member left half read is skipped by the array's iterator.
            if (!decoded) addMemberFromText(state_, start, text_, source_, count_);
            ++count_;
            if (progress_) progress_(count_);
        }
    }

    std::size_t count() const { return count_; }

  private:
    // A list answer's item as KubernetesDatastore's fromStored completes it: the list's kind and
    // apiVersion where the item has none. Anything else (a null kind, no metadata object, which
    // the tree path refuses) goes to the tree.
    void takeItemType() {
        if ((fields_.hasKind && fields_.kind.empty()) ||
            (fields_.hasApiVersion && fields_.apiVersion.empty()) || !fields_.hasMetadata)
            throw TextFallback{};
        if (!fields_.hasKind) fields_.kind = itemType_->kind;
        if (!fields_.hasApiVersion) fields_.apiVersion = itemType_->apiVersion;
    }

    ClusterState& state_;
    std::string_view text_;
    const std::string& source_;
    const ObjectProgress& progress_;
    const ConsumedText& consumed_;
    const ListItemType* itemType_;
    MemberFields fields_;
    std::size_t count_ = 0;
};

// The members of the text's List or top-level list. TextFallback for any other text.
void readMembers(ClusterState& state, std::string_view text, std::size_t capacity,
                 const std::string& source, const ObjectProgress& progress,
                 const ConsumedText& consumed) {
    od::parser parser;
    od::document document =
        parser.iterate(simdjson::padded_string_view(text.data(), text.size(), capacity));
    ListReader reader(state, text, source, progress, consumed);
    if (document.type() == od::json_type::array) {
        reader.readMembers(document.get_array());
    } else {
        bool sawItems = false;
        ObjectKeys fieldKeys;
        for (od::field field : document.get_object()) {
            if (fieldKeys.next(field) != "items") continue;
            od::value items = field.value();
            // "items" that is not a list leaves the text a single object.
            if (items.type() != od::json_type::array) throw TextFallback{};
            reader.readMembers(items.get_array());
            sawItems = true;
        }
        if (!sawItems) throw TextFallback{};  // one resource: the existing decoder's case
    }
    // More after the value is invalid JSON (at the end, the location is out of bounds).
    if (document.current_location().error() != simdjson::OUT_OF_BOUNDS) throw TextFallback{};
}

// The sizes of a state before a reader added to it, to go back to them when the text goes to
// another decoder.
class StateMark {
  public:
    explicit StateMark(const ClusterState& state)
        : nodes_(state.nodes.size()),
          services_(state.services.size()),
          slices_(state.endpointSlices.size()),
          configs_(state.bgpConfigurations.size()),
          coreEndpoints_(state.coreEndpoints.size()),
          ignored_(state.ignoredObjects),
          calicoVersion_(state.calicoVersion) {}

    void restore(ClusterState& state) {
        state.nodes.resize(nodes_);
        state.services.resize(services_);
        state.endpointSlices.resize(slices_);
        state.coreEndpoints.resize(coreEndpoints_);
        state.calicoVersion = std::move(calicoVersion_);
        state.bgpConfigurations.erase(state.bgpConfigurations.begin() + static_cast<long>(configs_),
                                      state.bgpConfigurations.end());
        state.ignoredObjects = ignored_;
    }

  private:
    std::size_t nodes_, services_, slices_, configs_, coreEndpoints_, ignored_;
    std::optional<std::string> calicoVersion_;
};

// A page's `metadata`: its continue token (a string, null or absent), TextFallback for any other
// shape.
std::string readListMetadata(od::value value) {
    auto metadata = objectOrNull(value);
    std::string token;
    if (!metadata) return token;
    ObjectKeys fieldKeys;
    for (od::field field : *metadata) {
        if (!is(fieldKeys.next(field), "continue")) continue;
        if (auto text = stringOrNull(field.value())) token = std::string(*text);
    }
    return token;
}

ListPage readPageMembers(ClusterState& state, std::string_view text, const ListItemType& itemType,
                         const std::string& source) {
    od::parser parser;
    od::document document = parser.iterate(
        simdjson::padded_string_view(text.data(), text.size(), text.size() + kClusterTextPadding));
    const ObjectProgress noProgress;
    const ConsumedText noConsumed;
    ListReader reader(state, text, source, noProgress, noConsumed, &itemType);
    ListPage page;
    if (document.type() != od::json_type::object) throw TextFallback{};
    ObjectKeys fieldKeys;
    for (od::field field : document.get_object()) {
        std::string_view key = fieldKeys.next(field);
        if (is(key, "metadata")) {
            page.continueToken = readListMetadata(field.value());
        } else if (is(key, "items")) {
            auto items = arrayOrNull(field.value());
            if (items) reader.readMembers(*items);
        }
    }
    if (document.current_location().error() != simdjson::OUT_OF_BOUNDS) throw TextFallback{};
    page.items = reader.count();
    return page;
}

// The page as KubernetesDatastore's list read it before: one tree, each item completed with the
// list's kind and decoded on its own; the messages are that path's.
ListPage readPageTree(ClusterState& state, std::string_view text, const ListItemType& itemType,
                      const std::string& source, const std::string& server) {
    json body;
    try {
        body = readJsonValue(text, server);
    } catch (const std::exception&) {
        throw Error(ExitCode::Unreachable, server + " answered something that is not JSON");
    }
    if (!body.is_object())
        throw Error(ExitCode::Unreachable, server + " answered JSON that is not an object");
    ListPage page;
    auto found = body.find("items");
    if (found != body.end() && !found->is_array() && !found->is_null())
        throw Error(ExitCode::Unreachable,
                    server + " answered a list whose items are not an array");
    if (found != body.end() && found->is_array()) {
        for (auto& item : *found) {
            if (!item.is_object() || !item.contains("metadata") || !item["metadata"].is_object())
                throw Error(ExitCode::Unreachable,
                            server + " answered a list item without metadata");
            if (!item.contains("kind")) item["kind"] = itemType.kind;
            if (!item.contains("apiVersion")) item["apiVersion"] = itemType.apiVersion;
            addClusterObject(state, Document{source, std::string(itemType.kind), std::move(item)});
            ++page.items;
        }
    }
    if (auto meta = body.find("metadata"); meta != body.end() && meta->is_object()) {
        if (auto token = meta->find("continue"); token != meta->end() && token->is_string())
            page.continueToken = token->get<std::string>();
    }
    return page;
}

}  // namespace

void readClusterObjectsPadded(ClusterState& state, std::string_view text, const std::string& source,
                              const ObjectProgress& progress, const ConsumedText& consumed) {
    if (!looksLikeJson(text)) return readClusterObjects(state, text, source, progress);
    StateMark mark(state);
    try {
        readMembers(state, text, text.size() + kClusterTextPadding, source, progress, consumed);
        return;
    } catch (const TextFallback&) {
    } catch (const simdjson::simdjson_error&) {
    }
    // Back to the state as it was, then the existing decoder reads the whole text.
    mark.restore(state);
    readClusterObjects(state, text, source, progress);
}

ListPage readClusterListPagePadded(ClusterState& state, std::string_view text,
                                   const ListItemType& itemType, const std::string& source,
                                   const std::string& server) {
    StateMark mark(state);
    try {
        return readPageMembers(state, text, itemType, source);
    } catch (const TextFallback&) {
    } catch (const MemberFallback&) {
    } catch (const simdjson::simdjson_error&) {
    }
    mark.restore(state);
    return readPageTree(state, text, itemType, source, server);
}

}  // namespace svcadv
