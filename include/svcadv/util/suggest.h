// "Did you mean ...?" as kubectl and cobra answer a typo: candidates within a small edit distance
// (or that the typed word is a prefix of), closest first.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace svcadv {

// Levenshtein distance (insertions, deletions, substitutions), case-insensitive over ASCII.
std::size_t editDistance(std::string_view a, std::string_view b);

// The candidates within `maxDistance` of `typed` (default: 2, as cobra; at most one edit per three
// characters typed, so "foo" is not "no"), or having it as a prefix, closest first, ties in
// candidate order, without duplicates and without `typed` itself.
std::vector<std::string> closestMatches(std::string_view typed,
                                        const std::vector<std::string>& candidates,
                                        std::size_t maxDistance = 2);

// "" when there is no match; else "\n\nDid you mean this?\n\t<a>\n\t<b>" (cobra's form), at most
// three.
std::string didYouMean(std::string_view typed, const std::vector<std::string>& candidates);

// The same on one line, for messages that list several problems: " (did you mean X?)" with the
// closest match, or "".
std::string didYouMeanInline(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace svcadv
