#include "svcadv/util/suggest.h"

#include <algorithm>

#include "svcadv/util/strings.h"

namespace svcadv {

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::string x = toLower(a), y = toLower(b);
    std::vector<std::size_t> previous(y.size() + 1), current(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            std::size_t substitute = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
        }
        std::swap(previous, current);
    }
    return previous[y.size()];
}

std::vector<std::string> closestMatches(std::string_view typed,
                                        const std::vector<std::string>& candidates,
                                        std::size_t maxDistance) {
    std::vector<std::pair<std::size_t, std::string>> scored;
    std::string lowered = toLower(typed);
    for (const auto& candidate : candidates) {
        if (candidate == typed) continue;
        if (std::any_of(scored.begin(), scored.end(),
                        [&](const auto& s) { return s.second == candidate; }))
            continue;
        std::size_t distance = editDistance(typed, candidate);
        bool prefix = !lowered.empty() && toLower(candidate).starts_with(lowered);
        // Short words are close to everything: allow one edit per three characters typed.
        std::size_t allowed = std::min(maxDistance, lowered.size() / 3);
        if (distance <= allowed || prefix)
            scored.push_back({prefix ? std::min(distance, maxDistance) : distance, candidate});
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (auto& entry : scored)
        out.push_back(std::move(entry.second));
    return out;
}

std::string didYouMean(std::string_view typed, const std::vector<std::string>& candidates) {
    auto matches = closestMatches(typed, candidates);
    if (matches.empty()) return "";
    std::string out = "\n\nDid you mean this?";
    for (std::size_t i = 0; i < matches.size() && i < 3; ++i)
        out += "\n\t" + matches[i];
    return out;
}

std::string didYouMeanInline(std::string_view typed, const std::vector<std::string>& candidates) {
    auto matches = closestMatches(typed, candidates);
    return matches.empty() ? "" : " (did you mean " + matches.front() + "?)";
}

}  // namespace svcadv
