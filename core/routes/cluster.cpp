#include "svcadv/routes/cluster.h"

#include <algorithm>

#include "cluster_capture.h"
#include "svcadv/util/error.h"

namespace svcadv {
namespace {

void walk(detail::ObjectCapture& capture, const json& value) {
    using detail::ValueType;
    switch (value.type()) {
        case json::value_t::object:
            capture.startContainer(ValueType::Object);
            for (const auto& [key, member] : value.items()) {
                std::string name = key;
                capture.key(name);
                walk(capture, member);
            }
            capture.endContainer();
            break;
        case json::value_t::array:
            capture.startContainer(ValueType::Array);
            for (const auto& element : value)
                walk(capture, element);
            capture.endContainer();
            break;
        case json::value_t::string: {
            std::string text = value.get<std::string>();
            capture.string(text);
            break;
        }
        case json::value_t::boolean:
            capture.boolean(value.get<bool>());
            break;
        case json::value_t::null:
            capture.otherScalar(ValueType::Null, value);
            break;
        default:
            capture.otherScalar(ValueType::Number, value);
            break;
    }
}

template <typename T>
void keepLastOfEachName(std::vector<T>& items) {
    auto key = [](const T& item) {
        if constexpr (requires { item.namespace_; })
            return std::pair<const std::string&, const std::string&>(item.namespace_, item.name);
        else
            return std::pair<const std::string&, const std::string&>(item.name, item.name);
    };
    // Dumps come sorted by namespace and name with no second copies: nothing to do then.
    bool sortedAndUnique =
        std::adjacent_find(items.begin(), items.end(), [&](const T& a, const T& b) {
            return !(key(a) < key(b));
        }) == items.end();
    if (sortedAndUnique) return;
    // A stable sort of indexes keeps input order among equals (the last of each run is the one
    // to keep) and moves each object once, not log n times.
    std::vector<std::size_t> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return key(items[a]) < key(items[b]); });
    std::vector<T> kept;
    kept.reserve(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (i + 1 < order.size() && key(items[order[i]]) == key(items[order[i + 1]])) continue;
        kept.push_back(std::move(items[order[i]]));
    }
    items = std::move(kept);
}

}  // namespace

const BGPConfiguration* ClusterState::defaultBgpConfiguration() const {
    // The last one read wins, as it does for every other kind.
    for (auto it = bgpConfigurations.rbegin(); it != bgpConfigurations.rend(); ++it) {
        if (it->resource.metadata.name == "default") return &it->resource;
    }
    return nullptr;
}

void addClusterObject(ClusterState& state, const Document& document) {
    detail::ObjectCapture capture;
    capture.begin(false);
    walk(capture, document.body);
    capture.finish(state, document, &document.body);
}

void readClusterObjects(ClusterState& state, std::string_view text, const std::string& source,
                        const ObjectProgress& progress) {
    if (looksLikeJson(text)) return detail::readJsonClusterObjects(state, text, source, progress);
    std::size_t count = 0;
    for (const auto& document : expandLists(parseDocuments(text, source))) {
        addClusterObject(state, document);
        if (progress) progress(++count);
    }
}

void proposeDefaultBgpConfiguration(ClusterState& state, BGPConfiguration proposed,
                                    const std::string& origin) {
    if (proposed.metadata.name != "default")
        throw invalidInput(origin +
                           ": only the BGPConfiguration named 'default' drives service "
                           "advertisement, not '" +
                           proposed.metadata.name + "'");
    std::erase_if(state.bgpConfigurations, [](const SourcedBgpConfiguration& c) {
        return c.resource.metadata.name == "default";
    });
    state.bgpConfigurations.push_back({std::move(proposed), origin});
}

void removeDuplicateObjects(ClusterState& state) {
    keepLastOfEachName(state.nodes);
    keepLastOfEachName(state.services);
    keepLastOfEachName(state.endpointSlices);
    keepLastOfEachName(state.coreEndpoints);
}

}  // namespace svcadv
