#include "svcadv/util/block_yaml.h"

#include <cmath>
#include <cstdint>

#include "svcadv/util/document.h"
#include "svcadv/util/error.h"

namespace svcadv {
namespace {

bool isPlainStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '/';
}

// What a plain scalar may hold besides its first character, spaces and colons: nothing YAML reads
// as an indicator anywhere in a block scalar.
bool isPlainInner(char c) {
    return isPlainStart(c) || c == '.' || c == '+' || c == '@' || c == '=' || c == '~' ||
           c == ',' || c == '-';
}

// The length of the plain scalar at the start of `text` as the reader takes it: letters and the
// like, a space only before another such character or space, a colon only before another such
// character (": " ends a key). A negative number starts with '-' and a digit.
std::size_t plainLength(std::string_view text, bool key) {
    std::size_t i = 0;
    if (text.empty()) return 0;
    if (!isPlainStart(text[0]) &&
        !(text[0] == '-' && text.size() > 1 && text[1] >= '0' && text[1] <= '9'))
        return 0;
    for (i = 1; i < text.size(); ++i) {
        char c = text[i];
        if (isPlainInner(c)) continue;
        char next = i + 1 < text.size() ? text[i + 1] : '\n';
        if (c == ' ' && !key && (next == ' ' || isPlainInner(next))) continue;
        if (c == ':' && !key && isPlainInner(next)) continue;
        break;
    }
    while (i > 0 && text[i - 1] == ' ')  // a scalar never ends in a space: it would be trimmed
        --i;
    return i;
}

bool writtenPlain(const std::string& s, bool key) {
    return !s.empty() && plainLength(s, key) == s.size() && !yamlStringNeedsQuotes(s);
}

// The length of the UTF-8 sequence at text[i] (1 to 4), 0 when it is not one.
std::size_t utf8Length(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (length == 0 || c > 0xf4 || i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k)
        if ((byte(i + k) & 0xc0) != 0x80) return 0;
    std::uint32_t point = c & (0xff >> (length + 1));
    for (std::size_t k = 1; k < length; ++k)
        point = (point << 6) | (byte(i + k) & 0x3f);
    static constexpr std::uint32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (point < kShortest[length] || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff))
        return 0;
    return length;
}

std::uint32_t codePoint(std::string_view text, std::size_t i, std::size_t length) {
    std::uint32_t point = static_cast<unsigned char>(text[i]) & (0xff >> (length + 1));
    if (length == 1) return static_cast<unsigned char>(text[i]);
    for (std::size_t k = 1; k < length; ++k)
        point = (point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
    return point;
}

// Code points a YAML reader may take for a line break or a byte order mark, or that are C1
// controls: always escaped, never read raw.
bool escapedCodePoint(std::uint32_t point) {
    return (point >= 0x80 && point <= 0x9f) || point == 0x2028 || point == 0x2029 ||
           point == 0xfeff;
}

void appendHex4(std::string& out, std::uint32_t value) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += kHex[(value >> shift) & 0xf];
}

// A double-quoted scalar with JSON's escapes; false when `s` is not UTF-8.
bool appendQuoted(std::string& out, const std::string& s) {
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            std::size_t length = utf8Length(s, i);
            if (length == 0) return false;
            std::uint32_t point = codePoint(s, i, length);
            if (escapedCodePoint(point))
                appendHex4(out, point);
            else
                out.append(s, i, length);
            i += length;
            continue;
        }
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20 || c == 0x7f)
                    appendHex4(out, c);
                else
                    out += static_cast<char>(c);
        }
        ++i;
    }
    out += '"';
    return true;
}

struct NotUtf8 {};

class BlockWriter {
  public:
    std::string out;

    void string(const std::string& s, bool key) {
        if (writtenPlain(s, key))
            out += s;
        else if (!appendQuoted(out, s))
            throw NotUtf8{};
    }

    void scalar(const json& value) {
        switch (value.type()) {
            case json::value_t::string:
                string(value.get_ref<const std::string&>(), false);
                break;
            case json::value_t::boolean:
                out += value.get<bool>() ? "true" : "false";
                break;
            case json::value_t::null:
                out += "null";
                break;
            case json::value_t::object:
                out += "{}";
                break;  // empty: others are blocks
            case json::value_t::array:
                out += "[]";
                break;
            case json::value_t::number_float: {
                double number = value.get<double>();
                if (std::isnan(number))
                    out += ".nan";
                else if (std::isinf(number))
                    out += number > 0 ? ".inf" : "-.inf";
                else
                    out += value.dump();
                break;
            }
            default:
                out += value.dump();
                break;
        }
    }

    static bool isBlock(const json& value) {
        return (value.is_object() || value.is_array()) && !value.empty();
    }

    void indent(std::size_t width) { out.append(width, ' '); }

    // A block at `width`; `inlineFirst`: its first line continues the current one (after "- ").
    void block(const json& value, std::size_t width, bool inlineFirst) {
        bool first = true;
        if (value.is_object()) {
            for (const auto& [key, item] : value.items()) {
                if (!(first && inlineFirst)) indent(width);
                first = false;
                string(key, true);
                out += ':';
                if (isBlock(item)) {
                    out += '\n';
                    block(item, width + 2, false);
                } else {
                    out += ' ';
                    scalar(item);
                    out += '\n';
                }
            }
            return;
        }
        for (const auto& item : value) {
            if (!(first && inlineFirst)) indent(width);
            first = false;
            out += "- ";
            if (isBlock(item)) {
                block(item, width + 2, true);
            } else {
                scalar(item);
                out += '\n';
            }
        }
    }
};

// Thrown inside the reader when the text leaves the form: the caller falls back.
struct NotBlockYaml {};

class BlockReader {
  public:
    BlockReader(std::string_view text, const ReadLimits& limits) : text_(text), limits_(limits) {}

    json document() {
        if (lineIndent() != 0) throw NotBlockYaml{};
        json value = map(0, false, 1);
        if (pos_ != text_.size()) throw NotBlockYaml{};
        return value;
    }

  private:
    std::string_view text_;
    const ReadLimits& limits_;
    std::size_t pos_ = 0;
    std::size_t nodes_ = 0;

    char peek(std::size_t ahead = 0) const {
        return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
    }

    // The spaces at pos_ (a line's start); -1 at the end of the text.
    long lineIndent() const {
        std::size_t i = pos_;
        while (i < text_.size() && text_[i] == ' ')
            ++i;
        if (i < text_.size()) return static_cast<long>(i - pos_);
        if (i > pos_) throw NotBlockYaml{};  // blanks at the end
        return -1;
    }

    void count() {
        if (++nodes_ > limits_.maxNodes) throw NotBlockYaml{};
    }

    void checkLength(const std::string& s) const {
        if (s.size() > limits_.maxScalarBytes) throw NotBlockYaml{};
    }

    void endOfLine() {
        if (peek() != '\n') throw NotBlockYaml{};
        ++pos_;
    }

    static void appendUtf8(std::string& out, std::uint32_t point) {
        if (point < 0x80) {
            out += static_cast<char>(point);
        } else if (point < 0x800) {
            out += static_cast<char>(0xc0 | (point >> 6));
            out += static_cast<char>(0x80 | (point & 0x3f));
        } else {
            out += static_cast<char>(0xe0 | (point >> 12));
            out += static_cast<char>(0x80 | ((point >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (point & 0x3f));
        }
    }

    // A double-quoted scalar on one line, with the escapes writeBlockYaml writes (and \/ \b \f).
    std::string quoted() {
        std::string out;
        ++pos_;  // the opening quote
        for (;;) {
            if (pos_ >= text_.size()) throw NotBlockYaml{};
            auto c = static_cast<unsigned char>(text_[pos_]);
            if (c == '"') {
                ++pos_;
                return out;
            }
            if (c == '\\') {
                char e = peek(1);
                pos_ += 2;
                switch (e) {
                    case '"':
                        out += '"';
                        break;
                    case '\\':
                        out += '\\';
                        break;
                    case '/':
                        out += '/';
                        break;
                    case 'n':
                        out += '\n';
                        break;
                    case 'r':
                        out += '\r';
                        break;
                    case 't':
                        out += '\t';
                        break;
                    case 'b':
                        out += '\b';
                        break;
                    case 'f':
                        out += '\f';
                        break;
                    case 'u': {
                        std::uint32_t point = 0;
                        for (int k = 0; k < 4; ++k) {
                            char h = peek();
                            ++pos_;
                            int digit = h >= '0' && h <= '9'   ? h - '0'
                                        : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                        : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                               : -1;
                            if (digit < 0) throw NotBlockYaml{};
                            point = point * 16 + static_cast<std::uint32_t>(digit);
                        }
                        if (point >= 0xd800 && point <= 0xdfff) throw NotBlockYaml{};
                        appendUtf8(out, point);
                        break;
                    }
                    default:
                        throw NotBlockYaml{};
                }
                continue;
            }
            if (c < 0x20 || c == 0x7f) throw NotBlockYaml{};  // raw tabs and breaks fold
            if (c >= 0x80) {
                std::size_t length = utf8Length(text_, pos_);
                if (length == 0 || escapedCodePoint(codePoint(text_, pos_, length)))
                    throw NotBlockYaml{};
                out.append(text_.substr(pos_, length));
                pos_ += length;
                continue;
            }
            out += static_cast<char>(c);
            ++pos_;
        }
    }

    // A key and its ':'.
    std::string key() {
        std::string out;
        if (peek() == '"') {
            out = quoted();
        } else {
            std::size_t length = plainLength(text_.substr(pos_), true);
            if (length == 0) throw NotBlockYaml{};
            out = std::string(text_.substr(pos_, length));
            pos_ += length;
            // Keys are their text, but a plain `null` or `~` key is no string to yaml-cpp.
            if (!resolvePlainScalar(out).is_string()) throw NotBlockYaml{};
        }
        if (peek() != ':') throw NotBlockYaml{};
        ++pos_;
        checkLength(out);
        count();
        return out;
    }

    // A scalar up to the end of its line (which it consumes).
    json scalar(std::size_t depth) {
        json value;
        if (peek() == '"') {
            std::string s = quoted();
            checkLength(s);
            value = std::move(s);
        } else if (text_.substr(pos_, 3) == "{}\n" && depth < limits_.maxDepth) {
            pos_ += 2;
            value = json::object();
        } else if (text_.substr(pos_, 3) == "[]\n" && depth < limits_.maxDepth) {
            pos_ += 2;
            value = json::array();
        } else {
            std::size_t length = plainLength(text_.substr(pos_), false);
            if (length == 0) throw NotBlockYaml{};
            std::string_view plain = text_.substr(pos_, length);
            pos_ += length;
            if (plain.size() > limits_.maxScalarBytes) throw NotBlockYaml{};
            value = resolvePlainScalar(plain);  // an error falls back to the reader that names it
        }
        endOfLine();
        count();
        return value;
    }

    // A map or list that starts on the next line, `width` deeper.
    json nested(std::size_t width, std::size_t depth) {
        if (lineIndent() != static_cast<long>(width)) throw NotBlockYaml{};
        if (text_.substr(pos_ + width, 2) == "- ") return list(width, false, depth);
        return map(width, false, depth);
    }

    // What follows "key:" or "- ": a block on the next lines, or a scalar on this one.
    json valueAfter(std::size_t width, std::size_t depth) {
        if (peek() == '\n') {
            ++pos_;
            return nested(width + 2, depth + 1);
        }
        if (peek() != ' ') throw NotBlockYaml{};
        ++pos_;
        return scalar(depth);
    }

    json map(std::size_t width, bool inlineFirst, std::size_t depth) {
        if (depth > limits_.maxDepth) throw NotBlockYaml{};
        count();
        json object = json::object();
        for (bool first = true;; first = false) {
            if (!(first && inlineFirst)) {
                long spaces = lineIndent();
                if (!first && spaces < static_cast<long>(width)) return object;
                if (spaces != static_cast<long>(width)) throw NotBlockYaml{};
                pos_ += width;
            }
            std::string name = key();
            if (object.contains(name)) throw NotBlockYaml{};  // the reader names the duplicate
            object[name] = valueAfter(width, depth);
        }
    }

    json list(std::size_t width, bool inlineFirst, std::size_t depth) {
        if (depth > limits_.maxDepth) throw NotBlockYaml{};
        count();
        json array = json::array();
        for (bool first = true;; first = false) {
            if (!(first && inlineFirst)) {
                long spaces = lineIndent();
                if (!first && spaces < static_cast<long>(width)) return array;
                if (spaces != static_cast<long>(width)) throw NotBlockYaml{};
                pos_ += width;
            }
            if (peek() != '-' || peek(1) != ' ') throw NotBlockYaml{};
            pos_ += 2;
            array.push_back(item(width + 2, depth));
        }
    }

    // A list item after "- ": a nested list, a map whose first key is on this line, or a scalar.
    json item(std::size_t width, std::size_t depth) {
        // A nested list's first item, or a map's first key, is on this line.
        if (peek() == '-' && peek(1) == ' ') return list(width, true, depth + 1);
        if (startsMapEntry()) return map(width, true, depth + 1);
        return scalar(depth);
    }

    // Whether the text at pos_ is "key:" followed by a space or a line break.
    bool startsMapEntry() const {
        std::size_t end = pos_;
        if (peek() == '"') {
            // A quoted key: find its closing quote on this line.
            for (++end; end < text_.size() && text_[end] != '"' && text_[end] != '\n'; ++end)
                if (text_[end] == '\\') ++end;
            if (end >= text_.size() || text_[end] != '"') return false;
            ++end;
        } else {
            end += plainLength(text_.substr(pos_), true);
            if (end == pos_) return false;
        }
        return end + 1 < text_.size() && text_[end] == ':' &&
               (text_[end + 1] == ' ' || text_[end + 1] == '\n');
    }
};

}  // namespace

std::string writeBlockYaml(const json& value) {
    if (!BlockWriter::isBlock(value)) return toYaml(value);
    try {
        BlockWriter writer;
        writer.block(value, 0, false);
        return std::move(writer.out);
    } catch (const NotUtf8&) {
        return toYaml(value);
    }
}

std::optional<json> readCheckedBlockYaml(std::string_view text, const ReadLimits& limits) {
    try {
        return BlockReader(text, limits).document();
    } catch (const NotBlockYaml&) {
        return std::nullopt;
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::optional<json> readBlockYaml(std::string_view text, const ReadLimits& limits) {
    try {
        checkInputText(text, "", limits);
    } catch (const Error&) {
        return std::nullopt;
    }
    return readCheckedBlockYaml(text, limits);
}

}  // namespace svcadv
