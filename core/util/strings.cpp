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

std::string escapeControlCharacters(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        // U+0080..U+009F in UTF-8 is C2 80..C2 9F: CSI (9B) and friends act as ESC sequences.
        if (c == 0xC2 && i + 1 < text.size()) {
            auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) {
                out += "\\u00";
                out += kHex[next >> 4];
                out += kHex[next & 15];
                ++i;
                continue;
            }
        }
        if (c == '\t' || (c >= 0x20 && c != 0x7F)) {
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string withoutUrlUserinfo(std::string_view text) {
    std::string out;
    std::size_t at = 0;
    for (;;) {
        std::size_t scheme = text.find("://", at);
        if (scheme == std::string_view::npos) break;
        std::size_t authority = scheme + 3;
        // The authority ends at the first '/', '?', '#' or whitespace; userinfo ends at its last
        // '@'.
        std::size_t end = authority;
        while (end < text.size() && text[end] != '/' && text[end] != '?' && text[end] != '#' &&
               text[end] != ' ' && text[end] != '\t' && text[end] != '\n' && text[end] != '\'' &&
               text[end] != '"')
            ++end;
        std::size_t atSign = text.substr(authority, end - authority).rfind('@');
        out.append(text.substr(at, authority - at));
        if (atSign != std::string_view::npos) {
            out += "***";
            out.append(text.substr(authority + atSign, end - authority - atSign));
        } else {
            out.append(text.substr(authority, end - authority));
        }
        at = end;
    }
    out.append(text.substr(at));
    return out;
}

}  // namespace svcadv
