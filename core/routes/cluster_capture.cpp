#include "cluster_capture.h"

#include <cstring>

#include "svcadv/model/calico_crd.h"
#include "svcadv/util/error.h"

namespace svcadv::detail {

enum class Field {
    None,
    Kind,
    ApiVersion,
    Name,
    Namespace,
    ExcludeLabel,
    ServiceNameLabel,
    Type,
    ClusterIP,
    ClusterIPsItem,
    IpFamiliesItem,
    ExternalIPsItem,
    LoadBalancerIP,
    Policy,
    IngressIP,
    AddressType,
    EndpointItem,
    EndpointNodeName,
    EndpointReady,
    EndpointsAddressItem,
    EndpointsAddressIP,
    EndpointsAddressNodeName,
    EndpointServing,
    EndpointTerminating,
};

// Which kinds read a field: a wrong type is only an error for an object of those kinds (a Pod's
// spec.type is not a Service's).
enum KindBit : unsigned { kNode = 1, kService = 2, kSlice = 4, kEndpoints = 8, kAll = 15 };

struct PathNode {
    const char* key;  // the member name; "[]" for a list's elements
    ValueType expect;
    Field field = Field::None;
    unsigned kinds = kAll;
    std::vector<PathNode> children = {};

    const PathNode* child(const std::string& name) const {
        for (const auto& c : children) {
            if (name == c.key) return &c;
        }
        return nullptr;
    }
    const PathNode* element() const { return children.empty() ? nullptr : &children.front(); }
};

namespace {

using VT = ValueType;

PathNode str(const char* key, Field field, unsigned kinds) {
    return {key, VT::String, field, kinds};
}
PathNode strings(const char* key, Field item, unsigned kinds) {
    return {key, VT::Array, Field::None, kinds, {str("[]", item, kinds)}};
}

// Every path svcadv reads from a Node, Service or EndpointSlice.
const PathNode& objectRoot() {
    static const PathNode root{
        "",
        VT::Object,
        Field::None,
        kAll,
        {
            str("kind", Field::Kind, kAll),
            str("apiVersion", Field::ApiVersion, kAll),
            {"metadata",
             VT::Object,
             Field::None,
             kAll,
             {str("name", Field::Name, kAll),
              str("namespace", Field::Namespace, kService | kSlice | kEndpoints),
              {"labels",
               VT::Object,
               Field::None,
               kAll,
               {str(kExcludeLabel, Field::ExcludeLabel, kNode),
                str(kServiceNameLabel, Field::ServiceNameLabel, kSlice)}}}},
            {"spec",
             VT::Object,
             Field::None,
             kService,
             {str("type", Field::Type, kService), str("clusterIP", Field::ClusterIP, kService),
              strings("clusterIPs", Field::ClusterIPsItem, kService),
              strings("ipFamilies", Field::IpFamiliesItem, kService),
              strings("externalIPs", Field::ExternalIPsItem, kService),
              str("loadBalancerIP", Field::LoadBalancerIP, kService),
              str("externalTrafficPolicy", Field::Policy, kService)}},
            {"status",
             VT::Object,
             Field::None,
             kService,
             {{"loadBalancer",
               VT::Object,
               Field::None,
               kService,
               {{"ingress",
                 VT::Array,
                 Field::None,
                 kService,
                 {{"[]",
                   VT::Object,
                   Field::None,
                   kService,
                   {str("ip", Field::IngressIP, kService)}}}}}}}},
            str("addressType", Field::AddressType, kSlice),
            {"endpoints",
             VT::Array,
             Field::None,
             kSlice,
             {{"[]",
               VT::Object,
               Field::EndpointItem,
               kSlice,
               {str("nodeName", Field::EndpointNodeName, kSlice),
                {"conditions",
                 VT::Object,
                 Field::None,
                 kSlice,
                 {{"ready", VT::Boolean, Field::EndpointReady, kSlice},
                  {"serving", VT::Boolean, Field::EndpointServing, kSlice},
                  {"terminating", VT::Boolean, Field::EndpointTerminating, kSlice}}}}}}},
            // v1 Endpoints: only the ready addresses (subsets[].addresses) are read.
            {"subsets",
             VT::Array,
             Field::None,
             kEndpoints,
             {{"[]",
               VT::Object,
               Field::None,
               kEndpoints,
               {{"addresses",
                 VT::Array,
                 Field::None,
                 kEndpoints,
                 {{"[]",
                   VT::Object,
                   Field::EndpointsAddressItem,
                   kEndpoints,
                   {str("ip", Field::EndpointsAddressIP, kEndpoints),
                    str("nodeName", Field::EndpointsAddressNodeName, kEndpoints)}}}}}}}},
        }};
    return root;
}

const char* describe(ValueType type) {
    switch (type) {
        case VT::Object:
            return "an object";
        case VT::Array:
            return "a list";
        case VT::String:
            return "a string";
        case VT::Boolean:
            return "a boolean";
        case VT::Null:
            return "null";
        default:
            return "a number";
    }
}

}  // namespace

void ObjectCapture::begin(bool buildTree) {
    levels_.clear();
    rootType_ = ValueType::Object;
    name_.clear();
    namespace_.clear();
    pending_ = nullptr;
    pendingKnown_ = false;
    kind_.clear();
    apiVersion_.clear();
    node_ = {};
    service_ = {};
    slice_ = {};
    endpoints_ = {};
    error_.reset();
    buildTree_ = buildTree;
    tree_ = json();
    treeStack_.clear();
}

void ObjectCapture::key(std::string& key) {
    const PathNode* parent = levels_.empty() ? nullptr : levels_.back().node;
    pending_ = parent ? parent->child(key) : nullptr;
    pendingKnown_ = true;
    pendingKey_ = std::move(key);
    if (buildTree_) treeKey_ = pendingKey_;
}

ObjectCapture::Arrival ObjectCapture::arrive() {
    if (levels_.empty()) return {&objectRoot(), ""};
    if (pendingKnown_) {
        pendingKnown_ = false;
        return {pending_, pending_ ? pendingKey_ : std::string()};
    }
    Level& parent = levels_.back();
    std::size_t index = parent.nextIndex++;
    if (!parent.node) return {nullptr, ""};
    return {parent.node->element(), "[" + std::to_string(index) + "]"};
}

void ObjectCapture::recordTypeError(const Arrival& arrival, ValueType got) {
    if (levels_.empty()) rootType_ = got;
    if (error_) return;  // the first one is reported
    std::string path;
    for (std::size_t i = 1; i < levels_.size(); ++i) {
        const std::string& segment = levels_[i].segment;
        if (!path.empty() && segment[0] != '[') path += '.';
        path += segment;
    }
    if (!path.empty() && arrival.segment[0] != '[') path += '.';
    path += arrival.segment;
    error_ = TypeError{
        path, std::string("expected ") + describe(arrival.node->expect) + ", got " + describe(got),
        arrival.node->kinds};
}

void ObjectCapture::treeValue(json value, bool container) {
    if (treeStack_.empty()) {
        tree_ = std::move(value);
        if (container) treeStack_.push_back(&tree_);
        return;
    }
    json& parent = *treeStack_.back();
    json* slot;
    if (parent.is_array()) {
        parent.push_back(std::move(value));
        slot = &parent.back();
    } else {
        slot = &parent[treeKey_];
        *slot = std::move(value);
    }
    if (container) treeStack_.push_back(slot);
}

void ObjectCapture::scalarValue(ValueType type, const std::string* text, bool flag) {
    Arrival arrival = arrive();
    const PathNode* node = arrival.node;
    if (!node || type == VT::Null) return;
    if (node->expect != type) return recordTypeError(arrival, type);
    switch (node->field) {
        case Field::Kind:
            kind_ = *text;
            break;
        case Field::ApiVersion:
            apiVersion_ = *text;
            if (levels_.size() == 1 &&
                (apiVersion_ == "v1" || apiVersion_ == "discovery.k8s.io/v1")) {
                // A built-in kind: decoded from the captured fields, its tree is never needed.
                buildTree_ = false;
                tree_ = json();
                treeStack_.clear();
            }
            break;
        case Field::Name:
            name_ = *text;
            break;
        case Field::Namespace:
            namespace_ = *text;
            break;
        case Field::ExcludeLabel:
            node_.excludeLabel = *text;
            break;
        case Field::ServiceNameLabel:
            slice_.serviceName = *text;
            break;
        case Field::Type:
            service_.type = *text;
            break;
        case Field::ClusterIP:
            service_.clusterIP = *text;
            break;
        case Field::ClusterIPsItem:
            service_.clusterIPs.push_back(*text);
            break;
        case Field::IpFamiliesItem:
            service_.ipFamilies.push_back(*text);
            break;
        case Field::ExternalIPsItem:
            service_.externalIPs.push_back(*text);
            break;
        case Field::LoadBalancerIP:
            service_.loadBalancerIP = *text;
            break;
        case Field::Policy:
            service_.externalTrafficPolicy = *text;
            break;
        case Field::IngressIP:
            if (!text->empty()) service_.ingressIPs.push_back(*text);
            break;
        case Field::AddressType:
            slice_.addressType = *text;
            break;
        case Field::EndpointNodeName:
            slice_.endpoints.back().nodeName = *text;
            break;
        case Field::EndpointReady:
            slice_.endpoints.back().ready = flag;
            break;
        case Field::EndpointsAddressIP:
            endpoints_.readyAddresses.back().ip = *text;
            break;
        case Field::EndpointsAddressNodeName:
            endpoints_.readyAddresses.back().nodeName = *text;
            break;
        case Field::EndpointServing:
            slice_.endpoints.back().serving = flag;
            break;
        case Field::EndpointTerminating:
            slice_.endpoints.back().terminating = flag;
            break;
        default:
            break;
    }
}

void ObjectCapture::string(std::string& value) {
    scalarValue(VT::String, &value, false);
    if (buildTree_) treeValue(std::move(value), false);
}

void ObjectCapture::boolean(bool value) {
    scalarValue(VT::Boolean, nullptr, value);
    if (buildTree_) treeValue(value, false);
}

void ObjectCapture::otherScalar(ValueType type, json value) {
    scalarValue(type, nullptr, false);
    if (buildTree_) treeValue(std::move(value), false);
}

void ObjectCapture::startContainer(ValueType type) {
    Arrival arrival = arrive();
    const PathNode* node = arrival.node;
    if (node && node->expect != type) {
        recordTypeError(arrival, type);
        node = nullptr;
    }
    if (node && node->field == Field::EndpointItem) slice_.endpoints.emplace_back();
    if (node && node->field == Field::EndpointsAddressItem)
        endpoints_.readyAddresses.emplace_back();
    levels_.push_back({node, 0, std::move(arrival.segment)});
    if (buildTree_) treeValue(type == VT::Object ? json::object() : json::array(), true);
}

void ObjectCapture::endContainer() {
    levels_.pop_back();
    pendingKnown_ = false;
    if (buildTree_ && !treeStack_.empty()) treeStack_.pop_back();
}

void ObjectCapture::finish(ClusterState& state, const Document& where, const json* tree) {
    if (rootType_ != VT::Object)
        throw invalidInput(where.origin() + ": expected an object, got " + describe(rootType_));
    unsigned bit = 0;
    if (kind_ == "Node") bit = kNode;
    if (kind_ == "Service") bit = kService;
    if (kind_ == "EndpointSlice") bit = kSlice;
    if (kind_ == "Endpoints" && apiVersion_ == "v1") bit = kEndpoints;
    // kind and apiVersion of the wrong type are errors for every object; other fields only for
    // the kinds that read them.
    bool everyKind = error_ && (error_->path == "kind" || error_->path == "apiVersion");
    if (error_ && (everyKind || (error_->kinds & bit))) {
        throw invalidInput(where.origin() + ": " + error_->path + ": " + error_->message);
    }
    if (kind_.empty()) throw invalidInput(where.origin() + ": kind is missing");
    if (kind_ == kBgpConfigurationKind) {
        const json& body = tree ? *tree : tree_;
        // What `kubectl get bgpconfigurations` prints on the Kubernetes datastore is the stored
        // custom resource: read as that datastore reads it.
        DecodeResult decoded =
            decodeBgpConfiguration(apiVersion_ == kCalicoCrd.apiVersion() ? crdToV3(body) : body);
        if (!decoded.errors.empty())
            throw invalidInput(where.origin() + ": " + formatFieldErrors(decoded.errors));
        if (!decoded.resource || decoded.resource->metadata.name.empty())
            throw invalidInput(where.origin() + ": metadata.name is missing");
        state.bgpConfigurations.push_back({std::move(*decoded.resource), where.origin()});
        return;
    }
    if (kind_ == "ClusterInformation") {
        readClusterInformation(state, where, tree ? *tree : tree_);
        return;
    }
    if (!bit) {
        ++state.ignoredObjects;
        return;
    }
    if (name_.empty()) throw invalidInput(where.origin() + ": metadata.name is missing");
    // Objects read from a namespace's files may leave their namespace out.
    if (namespace_.empty()) namespace_ = "default";
    if (bit == kNode) {
        node_.name = std::move(name_);
        state.nodes.push_back(std::move(node_));
    } else if (bit == kService) {
        service_.name = std::move(name_);
        service_.namespace_ = std::move(namespace_);
        state.services.push_back(std::move(service_));
    } else if (bit == kEndpoints) {
        endpoints_.name = std::move(name_);
        endpoints_.namespace_ = std::move(namespace_);
        state.coreEndpoints.push_back(std::move(endpoints_));
    } else {
        if (apiVersion_ != "discovery.k8s.io/v1")
            throw invalidInput(where.origin() + ": EndpointSlice apiVersion '" + apiVersion_ +
                               "' is not supported (expected discovery.k8s.io/v1)");
        slice_.name = std::move(name_);
        slice_.namespace_ = std::move(namespace_);
        state.endpointSlices.push_back(std::move(slice_));
    }
}

}  // namespace svcadv::detail
