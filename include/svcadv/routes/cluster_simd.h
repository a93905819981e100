// The fast reader of cluster dumps: readClusterObjects for a text followed by padding, decoding the
// bulk of a JSON List (Nodes, Services, EndpointSlices) with simdjson's On-Demand API. It gives
// exactly the state readClusterObjects gives; what it does not decode itself goes to that decoder.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "svcadv/routes/cluster.h"

namespace svcadv {

// The zero bytes readClusterObjectsPadded needs after the text (simdjson reads in 64-byte blocks).
inline constexpr std::size_t kClusterTextPadding = 64;

// readClusterObjects, for a `text` that at least kClusterTextPadding readable bytes follow in
// memory (sys/padded_file.h gives such texts). YAML goes to readClusterObjects. In a JSON List or
// top-level list, members that are Nodes, Services, Endpoints (v1) and EndpointSlices
// (discovery.k8s.io/v1) with the expected field types are decoded here, objects of other kinds are
// counted; any other member (a BGPConfiguration, a ClusterInformation, a field of the wrong type)
// is decoded by the existing decoder from
// its own text, and a text this reader does not take as a whole (a single object, invalid JSON,
// an error in any member) is read again by readClusterObjects, so results and messages are its.
//
// `consumed`, when set, is told now and then an offset before which the reader will not look at
// the text again, except to read it all anew from the start in the fallback: a caller whose text
// is a file mapping can give those pages back (sys/padded_file.h releaseBefore).
using ConsumedText = std::function<void(std::size_t offset)>;
void readClusterObjectsPadded(ClusterState& state, std::string_view text, const std::string& source,
                              const ObjectProgress& progress = {},
                              const ConsumedText& consumed = {});

// One page of a Kubernetes list answer (GET /api/v1/nodes?limit=500), decoded as
// KubernetesDatastore's list decoded it: items take the list's kind and apiVersion where they have
// none (built-in lists' items carry neither) and each is decoded as addClusterObject would, with
// `source` (the datastore's description) and the item's kind as its origin. The fast path is the
// simdjson reader above; a page it does not take as a whole is decoded again as one tree, whose
// messages name `server` for answers that are no list. `text` is followed by
// kClusterTextPadding readable bytes. What the page adds to `state` is all or nothing.
struct ListItemType {
    std::string_view kind;        // "Node"
    std::string_view apiVersion;  // "v1", "discovery.k8s.io/v1"
};
struct ListPage {
    std::string continueToken;  // metadata.continue; empty on the last page
    std::size_t items = 0;
};
ListPage readClusterListPagePadded(ClusterState& state, std::string_view text,
                                   const ListItemType& itemType, const std::string& source,
                                   const std::string& server);

}  // namespace svcadv
