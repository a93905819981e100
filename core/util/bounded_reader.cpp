#include "svcadv/util/bounded_reader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <istream>
#include <limits>
#include <optional>
#include <streambuf>
#include <unordered_map>
#include <unordered_set>

#include "svcadv/util/block_yaml.h"
#include "svcadv/util/error.h"
#include "svcadv/util/strings.h"

namespace svcadv {
namespace {

// The offset of the first byte that is not part of well-formed UTF-8 (no overlong forms, no
// surrogates, nothing past U+10FFFF), or npos.
std::size_t firstInvalidUtf8(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length;
        std::uint32_t code;
        if (c >= 0xc2 && c <= 0xdf) {
            length = 2, code = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            length = 3, code = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            length = 4, code = c & 0x07;
        } else {
            return i;
        }
        if (n - i < length) return i;
        for (std::size_t k = 1; k < length; ++k) {
            if ((p[i + k] & 0xc0) != 0x80) return i;
            code = (code << 6) | (p[i + k] & 0x3f);
        }
        if (length == 3 && (code < 0x800 || (code >= 0xd800 && code <= 0xdfff))) return i;
        if (length == 4 && (code < 0x10000 || code > 0x10ffff)) return i;
        i += length;
    }
    return std::string_view::npos;
}

std::string lineAndColumnOf(std::string_view text, std::size_t offset) {
    std::size_t line = 1 + std::count(text.begin(), text.begin() + offset, '\n');
    std::size_t lineStart = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    std::size_t column =
        lineStart == std::string_view::npos || offset == 0 ? offset + 1 : offset - lineStart;
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

bool isDigits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// YAML 1.2 core schema float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? (sign removed).
bool isCoreFloat(std::string_view s) {
    std::size_t i = 0;
    auto digits = [&] {
        std::size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        return i - start;
    };
    std::size_t whole = digits();
    if (i < s.size() && s[i] == '.') {
        ++i;
        std::size_t fraction = digits();
        if (whole == 0 && fraction == 0) return false;
    } else if (whole == 0) {
        return false;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
        if (digits() == 0) return false;
    }
    return i == s.size();
}

Error numberDoesNotFit(std::string_view text, const char* what) {
    return invalidInput("number " + quoteForMessage(text) + " " + what);
}

// "spec.communities[0].name", from the open containers of a reader.
struct PathStep {
    bool inObject;
    std::string_view key;
    std::size_t index;
};

std::string formatPath(const std::vector<PathStep>& steps) {
    std::string path;
    for (const auto& step : steps) {
        if (step.inObject) {
            if (!path.empty()) path += '.';
            path += escapeControlCharacters(step.key.substr(0, 80));
            if (step.key.size() > 80) path += "...";
        } else {
            path += "[" + std::to_string(step.index) + "]";
        }
    }
    return path;
}

std::string withPath(const std::string& prefix, const std::string& path,
                     const std::string& problem) {
    return prefix + (path.empty() ? "" : path + ": ") + problem;
}

// ---- YAML ---------------------------------------------------------------------------------------

// An istream over the caller's text, without a copy.
class ViewStreamBuffer : public std::streambuf {
  public:
    explicit ViewStreamBuffer(std::string_view text) {
        char* begin = const_cast<char*>(text.data());
        setg(begin, begin, begin + text.size());
    }
};

class YamlTreeBuilder : public YAML::EventHandler {
  public:
    YamlTreeBuilder(const std::string& source, const ReadLimits& limits)
        : source_(source), limits_(limits) {}

    void beginDocument(std::size_t number) {
        number_ = number;
        frames_.clear();
        anchors_.clear();
        root_ = nullptr;
    }
    json takeRoot() { return std::move(root_); }
    std::size_t documentStart() const { return documentStart_; }

    void OnDocumentStart(const YAML::Mark& mark) override { documentStart_ = mark.pos; }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (expectingKey()) fail(mark, "mapping keys must be strings");
        count(mark, 1);
        place(nullptr, 0, 1, anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto it = anchors_.find(anchor);
        // yaml-cpp rejects undefined anchors itself; one it knows but we do not is still open.
        if (it == anchors_.end()) fail(mark, "an alias may not refer to a node that contains it");
        const Anchored& anchored = it->second;
        aliasNodes_ += anchored.nodes;
        if (aliasNodes_ > limits_.maxAliasNodes)
            fail(mark, "aliases expand to more than " + std::to_string(limits_.maxAliasNodes) +
                           " values");
        if (frames_.size() + anchored.height > limits_.maxDepth) failDepth(mark);
        count(mark, anchored.nodes);
        if (expectingKey()) {
            if (!anchored.value.is_primitive() || anchored.value.is_null())
                fail(mark, "mapping keys must be strings");
            setKey(mark, anchored.value.is_string() ? anchored.value.get<std::string>()
                                                    : anchored.value.dump());
            return;
        }
        place(json(anchored.value), anchored.height, anchored.nodes, 0);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        if (value.size() > limits_.maxScalarBytes)
            fail(mark, "a value of " + std::to_string(value.size()) + " bytes is longer than " +
                           std::to_string(limits_.maxScalarBytes));
        // The input is UTF-8 (checkInputText), so bytes that are not come from yaml-cpp 0.7's
        // escapes: it decodes \_ and \N to the single bytes 0xA0 and 0x85.
        if (firstInvalidUtf8(value) != std::string_view::npos)
            fail(mark,
                 "an escape such as \\_ or \\N that yaml-cpp decodes to bytes that are not "
                 "UTF-8; write the character itself");
        count(mark, 1);
        bool quotedOrString = tag == "!" || tag == "tag:yaml.org,2002:str";
        if (expectingKey()) {
            // Keys are their text, as before: `1: x` has the key "1".
            setKey(mark, value);
            if (anchor != 0) anchors_[anchor] = {resolve(mark, value, quotedOrString), 1, 0};
            return;
        }
        place(resolve(mark, value, quotedOrString), 0, 1, anchor);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, json::array(), anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, json::object(), anchor);
    }
    void OnMapEnd() override { close(); }

  private:
    struct Frame {
        json value;
        YAML::anchor_t anchor = 0;
        std::size_t nodesAtStart = 0;
        std::size_t childHeight = 0;
        std::string key;
        bool keyRead = false;
    };
    struct Anchored {
        json value;
        std::size_t nodes;
        std::size_t height;  // 0 for a scalar, 1 for a map of scalars, ...
    };

    bool expectingKey() const {
        return !frames_.empty() && frames_.back().value.is_object() && !frames_.back().keyRead;
    }

    json resolve(const YAML::Mark& mark, const std::string& value, bool isString) {
        if (isString) return value;
        try {
            return resolvePlainScalar(value);
        } catch (const Error& e) {
            fail(mark, e.what());
        }
    }

    void setKey(const YAML::Mark& mark, std::string key) {
        Frame& frame = frames_.back();
        frame.key = std::move(key);
        frame.keyRead = true;
        if (frame.value.contains(frame.key))
            fail(mark, "duplicate key " + quoteForMessage(frame.key));
    }

    void count(const YAML::Mark& mark, std::size_t nodes) {
        nodes_ += nodes;
        if (nodes_ > limits_.maxNodes)
            fail(mark, "more than " + std::to_string(limits_.maxNodes) + " values");
    }

    void open(const YAML::Mark& mark, json value, YAML::anchor_t anchor) {
        if (expectingKey()) fail(mark, "mapping keys must be strings");
        if (frames_.size() + 1 > limits_.maxDepth) failDepth(mark);
        count(mark, 1);
        Frame frame;
        frame.value = std::move(value);
        frame.anchor = anchor;
        frame.nodesAtStart = nodes_ - 1;
        frames_.push_back(std::move(frame));
    }

    void close() {
        Frame frame = std::move(frames_.back());
        frames_.pop_back();
        place(std::move(frame.value), frame.childHeight + 1, nodes_ - frame.nodesAtStart,
              frame.anchor);
    }

    void place(json value, std::size_t height, std::size_t nodes, YAML::anchor_t anchor) {
        if (anchor != 0) anchors_[anchor] = {value, nodes, height};
        if (frames_.empty()) {
            root_ = std::move(value);
            return;
        }
        Frame& parent = frames_.back();
        parent.childHeight = std::max(parent.childHeight, height);
        if (parent.value.is_array()) {
            parent.value.push_back(std::move(value));
        } else {
            parent.value[parent.key] = std::move(value);
            parent.keyRead = false;
        }
    }

    std::string path() const {
        std::vector<PathStep> steps;
        for (const auto& frame : frames_) {
            if (frame.value.is_object()) {
                if (!frame.keyRead) break;
                steps.push_back({true, frame.key, 0});
            } else {
                steps.push_back({false, {}, frame.value.size()});
            }
        }
        return formatPath(steps);
    }

    [[noreturn]] void failDepth(const YAML::Mark& mark) {
        fail(mark, "nested deeper than " + std::to_string(limits_.maxDepth) + " levels");
    }

    [[noreturn]] void fail(const YAML::Mark& mark, const std::string& problem) {
        throw invalidInput(
            withPath(source_ + ": document " + std::to_string(number_) + ": ", path(), problem) +
            " (line " + std::to_string(mark.line + 1) + ", column " +
            std::to_string(mark.column + 1) + ")");
    }

    const std::string& source_;
    const ReadLimits& limits_;
    std::size_t number_ = 0;
    std::size_t documentStart_ = 0;
    std::size_t nodes_ = 0;
    std::size_t aliasNodes_ = 0;
    std::vector<Frame> frames_;
    std::unordered_map<YAML::anchor_t, Anchored> anchors_;
    json root_;
};

// ---- JSON ---------------------------------------------------------------------------------------

// Checks every event against the limits, then hands it on.
class BoundedJsonSax final : public nlohmann::json_sax<json> {
  public:
    BoundedJsonSax(nlohmann::json_sax<json>& consumer, const std::string& source,
                   const ReadLimits& limits)
        : consumer_(consumer), source_(source), limits_(limits) {}

    bool null() override {
        value();
        return consumer_.null();
    }
    bool boolean(bool v) override {
        value();
        return consumer_.boolean(v);
    }
    bool number_integer(number_integer_t v) override {
        value();
        return consumer_.number_integer(v);
    }
    bool number_unsigned(number_unsigned_t v) override {
        value();
        return consumer_.number_unsigned(v);
    }
    bool number_float(number_float_t v, const string_t& text) override {
        value();
        // nlohmann reads an integer beyond 64 bits as a float, losing digits silently.
        if (text.find_first_of(".eE") == string_t::npos)
            fail(numberDoesNotFit(text, "does not fit in 64 bits").what());
        return consumer_.number_float(v, text);
    }
    bool string(string_t& v) override {
        value();
        checkLength(v);
        return consumer_.string(v);
    }
    bool binary(binary_t& v) override {
        value();
        return consumer_.binary(v);
    }
    bool start_object(std::size_t size) override {
        value();
        open(true);
        return consumer_.start_object(size);
    }
    bool key(string_t& key) override {
        Frame& frame = frames_.back();
        frame.key = key;
        frame.keyRead = true;
        checkLength(key);
        if (!frame.keys.insert(key).second) fail("duplicate key " + quoteForMessage(key));
        return consumer_.key(key);
    }
    bool end_object() override {
        frames_.pop_back();
        return consumer_.end_object();
    }
    bool start_array(std::size_t size) override {
        value();
        open(false);
        return consumer_.start_array(size);
    }
    bool end_array() override {
        frames_.pop_back();
        return consumer_.end_array();
    }
    bool parse_error(std::size_t, const std::string& token,
                     const nlohmann::detail::exception& e) override {
        if (e.id == 406) {  // out_of_range.406: a float beyond a double
            value();
            fail(numberDoesNotFit(token, "is out of range of a 64-bit float").what());
        }
        // nlohmann echoes the whole last token ("; last read: '...'"), however long.
        std::string what = e.what();
        auto tag = what.find("] ");
        if (tag != std::string::npos) what = what.substr(tag + 2);
        auto echo = what.find("; last read: ");
        if (echo != std::string::npos)
            what = what.substr(0, echo) + "; last read: " + quoteForMessage(token);
        throw invalidInput(source_ + ": invalid JSON: " + what);
    }

  private:
    struct Frame {
        bool isObject = false;
        std::size_t values = 0;  // values seen so far in a list
        std::string key;
        bool keyRead = false;
        std::unordered_set<std::string> keys;
    };

    // Every value: counted, and its position in the open list advanced.
    void value() {
        if (++nodes_ > limits_.maxNodes)
            fail("more than " + std::to_string(limits_.maxNodes) + " values");
        if (!frames_.empty() && !frames_.back().isObject) ++frames_.back().values;
    }
    void open(bool isObject) {
        if (frames_.size() + 1 > limits_.maxDepth)
            fail("nested deeper than " + std::to_string(limits_.maxDepth) + " levels");
        Frame frame;
        frame.isObject = isObject;
        frames_.push_back(std::move(frame));
    }
    void checkLength(const std::string& text) {
        if (text.size() > limits_.maxScalarBytes)
            fail("a value of " + std::to_string(text.size()) + " bytes is longer than " +
                 std::to_string(limits_.maxScalarBytes));
    }

    [[noreturn]] void fail(const std::string& problem) const {
        std::vector<PathStep> steps;
        for (const auto& frame : frames_) {
            if (frame.isObject) {
                if (!frame.keyRead) break;
                steps.push_back({true, frame.key, 0});
            } else {
                steps.push_back({false, {}, frame.values == 0 ? 0 : frame.values - 1});
            }
        }
        throw invalidInput(withPath(source_ + ": ", formatPath(steps), problem));
    }

    nlohmann::json_sax<json>& consumer_;
    const std::string& source_;
    const ReadLimits& limits_;
    std::size_t nodes_ = 0;
    std::vector<Frame> frames_;
};

// Builds the tree the events describe.
class JsonTreeBuilder final : public nlohmann::json_sax<json> {
  public:
    json root;

    bool null() override { return add(nullptr); }
    bool boolean(bool v) override { return add(v); }
    bool number_integer(number_integer_t v) override { return add(v); }
    bool number_unsigned(number_unsigned_t v) override { return add(v); }
    bool number_float(number_float_t v, const string_t&) override { return add(v); }
    bool string(string_t& v) override { return add(std::move(v)); }
    bool binary(binary_t& v) override { return add(json::binary(std::move(v))); }
    bool start_object(std::size_t) override { return openContainer(json::object()); }
    bool key(string_t& key) override {
        slot_ = &(*open_.back())[key];
        return true;
    }
    bool end_object() override { return closeContainer(); }
    bool start_array(std::size_t) override { return openContainer(json::array()); }
    bool end_array() override { return closeContainer(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;  // BoundedJsonSax reports it
    }

  private:
    json* place(json value) {
        if (open_.empty()) {
            root = std::move(value);
            return &root;
        }
        json& parent = *open_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        *slot_ = std::move(value);
        return slot_;
    }
    bool add(json value) {
        place(std::move(value));
        return true;
    }
    bool openContainer(json value) {
        open_.push_back(place(std::move(value)));
        return true;
    }
    bool closeContainer() {
        open_.pop_back();
        return true;
    }

    std::vector<json*> open_;
    json* slot_ = nullptr;
};

// YAML forbids tabs in indentation, and yaml-cpp's message never says so.
std::string tabHint(std::string_view text) {
    std::size_t line = 1;
    bool atLineStart = true;
    for (char c : text) {
        if (c == '\n') {
            ++line;
            atLineStart = true;
        } else if (atLineStart && c == '\t') {
            return " (line " + std::to_string(line) +
                   " is indented with a tab; YAML allows only spaces)";
        } else if (c != ' ') {
            atLineStart = false;
        }
    }
    return "";
}

}  // namespace

std::string quoteForMessage(std::string_view text, std::size_t maxBytes) {
    std::size_t cut = std::min(text.size(), maxBytes);
    while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
        --cut;
    // Quotes and backslashes first: the control character escapes add backslashes of their own.
    std::string quotable;
    for (char c : text.substr(0, cut)) {
        if (c == '"' || c == '\\') quotable += '\\';
        quotable += c;
    }
    std::string out = "\"" + escapeControlCharacters(quotable);
    if (cut < text.size()) return out + "...\", " + std::to_string(text.size()) + " bytes";
    return out + "\"";
}

void checkInputText(std::string_view text, const std::string& source, const ReadLimits& limits) {
    if (text.size() > limits.maxInputBytes)
        throw invalidInput(source + ": " + std::to_string(text.size()) +
                           " bytes is more than the limit of " +
                           std::to_string(limits.maxInputBytes) + " bytes");
    if (auto nul = text.find('\0'); nul != std::string_view::npos)
        throw invalidInput(source + ": " + lineAndColumnOf(text, nul) +
                           ": a NUL byte (svcadv reads UTF-8 YAML and JSON only)");
    if (auto bad = firstInvalidUtf8(text); bad != std::string_view::npos)
        throw invalidInput(source + ": " + lineAndColumnOf(text, bad) +
                           ": bytes that are not UTF-8 (svcadv reads UTF-8 YAML and JSON only)");
}

namespace {

// What a plain scalar reads as, decided from its text alone: no number is converted and nothing
// is copied, so that the writer can ask it of every string it writes.
enum class PlainType { Null, Boolean, Decimal, Based, Float, NotFinite, String };

bool isBasedDigits(std::string_view digits, int base) {
    return !digits.empty() && std::all_of(digits.begin(), digits.end(), [base](char c) {
        if (c >= '0' && c <= '7') return true;
        if (base == 8) return false;
        return (c >= '8' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

// A plain scalar without its sign, if it has one.
std::string_view withoutSign(std::string_view s) {
    return !s.empty() && (s[0] == '-' || s[0] == '+') ? s.substr(1) : s;
}

PlainType plainTypeOf(std::string_view s) {
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return PlainType::Null;
    if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")
        return PlainType::Boolean;
    std::string_view unsigned_ = withoutSign(s);
    if (isDigits(unsigned_)) return PlainType::Decimal;
    // 0x1F and 0o17, as from_chars reads them: every character after the prefix a digit of that
    // base (anything else is read further down, as a float or the string).
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o') &&
        isBasedDigits(s.substr(2), s[1] == 'x' ? 16 : 8))
        return PlainType::Based;
    if (isCoreFloat(unsigned_)) return PlainType::Float;
    if (unsigned_ == ".inf" || unsigned_ == ".Inf" || unsigned_ == ".INF" || s == ".nan" ||
        s == ".NaN" || s == ".NAN")
        return PlainType::NotFinite;
    return PlainType::String;
}

}  // namespace

bool plainScalarIsString(std::string_view text) {
    return plainTypeOf(text) == PlainType::String;
}

json resolvePlainScalar(std::string_view s) {
    std::string_view unsigned_ = withoutSign(s);
    bool negative = unsigned_.size() < s.size() && s[0] == '-';
    switch (plainTypeOf(s)) {
        case PlainType::Null:
            return nullptr;
        case PlainType::Boolean:
            return s[0] == 't' || s[0] == 'T';
        case PlainType::Decimal: {
            std::uint64_t magnitude = 0;
            auto [end, ec] =
                std::from_chars(unsigned_.data(), unsigned_.data() + unsigned_.size(), magnitude);
            if (ec != std::errc() || end != unsigned_.data() + unsigned_.size())
                throw numberDoesNotFit(s, "does not fit in 64 bits");
            if (!negative) return magnitude;
            constexpr auto limit = std::uint64_t{1} << 63;
            if (magnitude > limit) throw numberDoesNotFit(s, "does not fit in 64 bits");
            if (magnitude == limit) return std::numeric_limits<std::int64_t>::min();
            return -static_cast<std::int64_t>(magnitude);
        }
        case PlainType::Based: {
            std::string_view digits = s.substr(2);
            std::uint64_t value = 0;
            auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value,
                                             s[1] == 'x' ? 16 : 8);
            if (ec != std::errc() || end != digits.data() + digits.size())
                throw numberDoesNotFit(s, "does not fit in 64 bits");
            return value;
        }
        case PlainType::Float: {
            double value = 0;
            auto [end, ec] = std::from_chars(unsigned_.data(), unsigned_.data() + unsigned_.size(),
                                             value, std::chars_format::general);
            if (ec != std::errc() || end != unsigned_.data() + unsigned_.size() ||
                !std::isfinite(value))
                throw numberDoesNotFit(s, "is out of range of a 64-bit float");
            return negative ? -value : value;
        }
        case PlainType::NotFinite:
            throw invalidInput(quoteForMessage(s) +
                               " is not a finite number, which JSON and Kubernetes cannot hold "
                               "(quote it for a string)");
        case PlainType::String:
            break;
    }
    return std::string(s);
}

std::vector<YamlDocument> readYamlDocuments(std::string_view text, const std::string& source,
                                            const ReadLimits& limits) {
    checkInputText(text, source, limits);
    // Stored objects are in the block form svcadv writes: read in one pass, exactly as yaml-cpp's
    // events would read them.
    if (auto body = readCheckedBlockYaml(text, limits)) return {{1, std::move(*body)}};
    return readYamlDocumentsByEvents(text, source, limits);
}

std::vector<YamlDocument> readYamlDocumentsByEvents(std::string_view text,
                                                    const std::string& source,
                                                    const ReadLimits& limits) {
    checkInputText(text, source, limits);
    ViewStreamBuffer buffer(text);
    std::istream stream(&buffer);
    std::vector<YamlDocument> documents;
    YamlTreeBuilder builder(source, limits);
    std::optional<std::size_t> previousStart;
    try {
        YAML::Parser parser(stream);
        for (std::size_t number = 1;; ++number) {
            builder.beginDocument(number);
            if (!parser.HandleNextDocument(builder)) break;
            // yaml-cpp 0.7 can return the same empty document forever without reading a byte
            // (jbeder/yaml-cpp#1040: the input ","): a document must start past the last one.
            std::size_t start = builder.documentStart();
            if (previousStart && start <= *previousStart) {
                throw invalidInput(source + ": invalid YAML: " + lineAndColumnOf(text, start) +
                                   ": cannot read past " + quoteForMessage(text.substr(start, 1)));
            }
            previousStart = start;
            if (number > limits.maxDocuments)
                throw invalidInput(source + ": more than " + std::to_string(limits.maxDocuments) +
                                   " YAML documents");
            json body = builder.takeRoot();
            if (!body.is_null()) documents.push_back({number, std::move(body)});
        }
    } catch (const YAML::Exception& e) {
        throw invalidInput(source + ": invalid YAML: line " + std::to_string(e.mark.line + 1) +
                           ", column " + std::to_string(e.mark.column + 1) + ": " + e.msg +
                           tabHint(text));
    }
    return documents;
}

void readJson(std::string_view text, const std::string& source, nlohmann::json_sax<json>& consumer,
              const ReadLimits& limits) {
    checkInputText(text, source, limits);
    BoundedJsonSax bounded(consumer, source, limits);
    json::sax_parse(text.begin(), text.end(), &bounded, nlohmann::detail::input_format_t::json,
                    true);
}

json readJsonValue(std::string_view text, const std::string& source, const ReadLimits& limits) {
    JsonTreeBuilder builder;
    readJson(text, source, builder, limits);
    return std::move(builder.root);
}

}  // namespace svcadv
