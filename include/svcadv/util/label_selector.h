// Kubernetes label selectors as kubectl takes them: a=b, a==b, a!=b, a, !a, a in (x,y),
// a notin (x,y); terms separated by commas must all hold.
#pragma once

#include <string>

#include "svcadv/util/document.h"

namespace svcadv {

// `labels` is an object of strings (anything else has no labels). An empty selector matches.
bool labelSelectorMatches(const json& labels, const std::string& selector);

}  // namespace svcadv
