// The one decoder of Nodes, Services and EndpointSlices. It is fed parse events (from the JSON
// stream, or from a walk over a tree already parsed) and keeps only the fields route decisions
// read, so the JSON path never builds a tree for the bulk of a cluster dump.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "svcadv/routes/cluster.h"

namespace svcadv::detail {

struct PathNode;

enum class ValueType { Null, Boolean, Number, String, Object, Array };

class ObjectCapture {
  public:
    // Starts a new object. With `buildTree`, the events also build the object's tree until its
    // apiVersion shows a built-in group (v1, discovery.k8s.io/v1) that never needs one.
    void begin(bool buildTree);

    void key(std::string& key);
    void string(std::string& value);
    void boolean(bool value);
    void otherScalar(ValueType type, json value);  // null and numbers
    void startContainer(ValueType type);           // Object or Array
    void endContainer();

    // Adds the finished object to the state. `tree` is the object's parsed tree when the caller
    // has one (otherwise the one built here is used, for kinds decoded from a tree).
    void finish(ClusterState& state, const Document& where, const json* tree);

  private:
    struct Level {
        const PathNode* node;  // nullptr: a part nothing reads
        std::size_t nextIndex = 0;
        std::string segment;  // "spec", "[3]": for error messages (only where node is set)
    };
    struct Arrival {
        const PathNode* node;
        std::string segment;
    };
    struct TypeError {
        std::string path;
        std::string message;
        unsigned kinds;
    };

    // Where the value that arrives now sits, and the node that reads it (nullptr: none does).
    Arrival arrive();
    void scalarValue(ValueType type, const std::string* text, bool flag);
    void treeValue(json value, bool container);
    void recordTypeError(const Arrival& arrival, ValueType got);

    std::vector<Level> levels_;
    const PathNode* pending_ = nullptr;  // the node the next value is for
    std::string pendingKey_;
    bool pendingKnown_ = false;

    ValueType rootType_ = ValueType::Object;
    std::string kind_;
    std::string name_;
    std::string namespace_;
    std::string apiVersion_;
    NodeInfo node_;
    ServiceInfo service_;
    EndpointSliceInfo slice_;
    EndpointsInfo endpoints_;
    std::optional<TypeError> error_;

    bool buildTree_ = false;
    json tree_;
    std::vector<json*> treeStack_;
    std::string treeKey_;
};

// ClusterInformation `default`: its spec.calicoVersion names the route rules calico-node follows.
// Other names count as ignored objects; a calicoVersion that is not a string is an error.
void readClusterInformation(ClusterState& state, const Document& where, const json& tree);

// The JSON half of readClusterObjects: a SAX pass that hands each List member to an ObjectCapture.
void readJsonClusterObjects(ClusterState& state, std::string_view text, const std::string& source,
                            const ObjectProgress& progress);

}  // namespace svcadv::detail
