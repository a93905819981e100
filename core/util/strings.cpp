#include "svcadv/util/strings.h"

#include <algorithm>

namespace svcadv {
namespace {

constexpr std::string_view kWhitespace = " \t\r\n\f\v";

char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    for (;;) {
        auto at = text.find(separator);
        parts.emplace_back(text.substr(0, at));
        if (at == std::string_view::npos) return parts;
        text.remove_prefix(at + 1);
    }
}

std::string trim(std::string_view text) {
    auto start = text.find_first_not_of(kWhitespace);
    if (start == std::string_view::npos) return "";
    auto end = text.find_last_not_of(kWhitespace);
    return std::string(text.substr(start, end - start + 1));
}

std::string toLower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lowerAscii);
    return out;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](char x, char y) { return lowerAscii(x) == lowerAscii(y); });
}

}  // namespace svcadv
