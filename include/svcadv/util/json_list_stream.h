// The members of a JSON List read one at a time: a dump of 100,000 objects never becomes one tree.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "svcadv/util/document.h"

namespace svcadv {

// For a JSON text whose top level is a `kind: *List` object with `items` (a kubectl dump), gives
// `take` each member as expandLists(parseDocuments(text, source)) gives it (same location, same
// value), in order, reading the text once through the bounded reader (readJson) and holding one
// member's tree at a time. Returns true when the text was such a List.
//
// kubectl writes `items` before `kind`, so members are handed over before the text is known to
// be a List: when it returns false (another top-level value, `kind` not a List, `items` missing
// or not a list), the members `take` got were no documents and must be dropped; the caller reads
// the text as before. An error the reader finds is thrown as readJson throws it. An error `take`
// throws stops the handing over and is thrown once the whole text has been read, and only when
// it is a List: as when the whole text is parsed first and its members decoded after.
bool forEachJsonListMember(std::string_view text, const std::string& source,
                           const std::function<void(Document)>& take,
                           const ReadLimits& limits = {});

}  // namespace svcadv
