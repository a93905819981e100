// Writing a snapshot's objects into a directory in the file datastore layout, fast and whole.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "svcadv/model/datastore.h"
#include "svcadv/store/file/file_datastore.h"

namespace svcadv {

// Writes `objects` as FileDatastore::importObjects does. A directory that does not exist yet (or
// is empty) is built beside it under a hidden name, flushed once and renamed into place: one
// flush instead of one per file and per folder, and no reader ever sees half a snapshot. Into a
// directory that holds files the objects are imported in place, each replacing its stored copy.
// Returns how many objects were written.
std::size_t writeSnapshotDirectory(const std::string& directory,
                                   std::vector<FileDatastore::Import> objects);
std::size_t writeSnapshotDirectory(const std::string& directory,
                                   std::vector<std::pair<ResourceRef, json>> objects);

}  // namespace svcadv
