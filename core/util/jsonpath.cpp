#include "svcadv/util/jsonpath.h"

#include <cctype>
#include <optional>
#include <vector>

#include "svcadv/util/error.h"

namespace svcadv {

using json = nlohmann::json;

namespace {

struct Filter;

struct Segment {
    enum Kind { Root, Current, Field, Recursive, Wildcard, Index, Slice, Select };
    Kind kind = Field;
    std::vector<std::string> names;  // Field: one, or several for ['a','b']
    long index = 0;
    std::optional<long> start, end, step;
    std::shared_ptr<const Filter> filter;

    static Segment of(Kind kind) {
        Segment out;
        out.kind = kind;
        return out;
    }
};
using Path = std::vector<Segment>;

struct Operand {
    bool isPath = false;
    Path path;
    json literal;
};

struct Filter {
    Operand left;
    std::string op;  // "" tests that the left path exists
    Operand right;
};

Error badTemplate(const std::string& problem) {
    return usageError("-o jsonpath: " + problem);
}

class PathParser {
  public:
    PathParser(std::string_view text, std::size_t pos) : text_(text), pos_(pos) {}
    std::size_t pos() const { return pos_; }

    // A path up to the end of the text, a space, an operator, ')' or ','.
    Path parsePath() {
        Path path;
        skipSpaces();
        if (peek() == '$' || peek() == '@') {
            path.push_back(Segment::of(peek() == '$' ? Segment::Root : Segment::Current));
            ++pos_;
        } else if (isNameChar(peek())) {
            path.push_back(fieldSegment(readName()));
        }
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c == '.') {
                ++pos_;
                if (peek() == '.') {
                    ++pos_;
                    path.push_back(Segment::of(Segment::Recursive));
                }
                if (peek() == '*') {
                    ++pos_;
                    path.push_back(Segment::of(Segment::Wildcard));
                } else if (peek() == '[') {
                    continue;
                } else {
                    std::string name = readName();
                    if (!name.empty()) path.push_back(fieldSegment(name));
                }
            } else if (c == '[') {
                path.push_back(parseBracket());
            } else {
                break;
            }
        }
        return path;
    }

    Operand parseOperand() {
        skipSpaces();
        Operand out;
        char c = peek();
        if (c == '"' || c == '\'') {
            out.literal = readQuoted();
        } else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
            std::size_t begin = pos_++;
            while (pos_ < text_.size() &&
                   (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.'))
                ++pos_;
            std::string number(text_.substr(begin, pos_ - begin));
            try {
                out.literal = json::parse(number);
            } catch (const json::exception&) {
                throw badTemplate("'" + number + "' is not a number");
            }
        } else if (startsWith("true") || startsWith("false") || startsWith("null")) {
            std::string word = startsWith("true") ? "true" : startsWith("false") ? "false" : "null";
            pos_ += word.size();
            out.literal = json::parse(word);
        } else {
            out.isPath = true;
            out.path = parsePath();
            if (out.path.empty()) throw badTemplate("expected a value in a filter");
        }
        return out;
    }

    std::string readQuoted() {
        char quote = text_[pos_++];
        std::string out;
        while (pos_ < text_.size() && text_[pos_] != quote) {
            char c = text_[pos_++];
            if (c == '\\' && pos_ < text_.size()) {
                char e = text_[pos_++];
                out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
            } else {
                out += c;
            }
        }
        if (pos_ >= text_.size()) throw badTemplate("unterminated string");
        ++pos_;
        return out;
    }

    void skipSpaces() {
        while (pos_ < text_.size() && text_[pos_] == ' ')
            ++pos_;
    }
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    bool startsWith(std::string_view word) const { return text_.substr(pos_).starts_with(word); }
    void expect(char c) {
        skipSpaces();
        if (peek() != c) throw badTemplate(std::string("expected '") + c + "'");
        ++pos_;
    }

  private:
    static bool isNameChar(char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '/' ||
               c == '\\';
    }
    static Segment fieldSegment(std::string name) {
        Segment segment = Segment::of(Segment::Field);
        segment.names = {std::move(name)};
        return segment;
    }
    // A name; "\." keeps a dot in it (labels such as app\.kubernetes\.io/name).
    std::string readName() {
        std::string out;
        while (pos_ < text_.size() && isNameChar(text_[pos_])) {
            if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
            out += text_[pos_++];
        }
        return out;
    }

    std::optional<long> readInteger() {
        skipSpaces();
        std::size_t begin = pos_;
        if (peek() == '-') ++pos_;
        while (std::isdigit(static_cast<unsigned char>(peek())))
            ++pos_;
        if (pos_ == begin) return std::nullopt;
        std::string digits(text_.substr(begin, pos_ - begin));
        if (digits == "-" || digits.size() > 12) throw badTemplate("bad index '" + digits + "'");
        return std::stol(digits);
    }

    Segment parseBracket() {
        ++pos_;  // [
        skipSpaces();
        Segment segment;
        if (peek() == '*') {
            ++pos_;
            segment.kind = Segment::Wildcard;
        } else if (peek() == '?') {
            ++pos_;
            expect('(');
            auto filter = std::make_shared<Filter>();
            filter->left = parseOperand();
            skipSpaces();
            for (const char* op : {"==", "!=", "<=", ">=", "<", ">"}) {
                if (startsWith(op)) {
                    filter->op = op;
                    pos_ += filter->op.size();
                    filter->right = parseOperand();
                    break;
                }
            }
            expect(')');
            segment.kind = Segment::Select;
            segment.filter = std::move(filter);
        } else if (peek() == '\'' || peek() == '"') {
            segment.kind = Segment::Field;
            segment.names.push_back(readQuoted());
            skipSpaces();
            while (peek() == ',') {
                ++pos_;
                skipSpaces();
                if (peek() != '\'' && peek() != '"') throw badTemplate("expected a quoted name");
                segment.names.push_back(readQuoted());
                skipSpaces();
            }
        } else {
            auto first = readInteger();
            skipSpaces();
            if (peek() == ':') {
                segment.kind = Segment::Slice;
                segment.start = first;
                ++pos_;
                segment.end = readInteger();
                skipSpaces();
                if (peek() == ':') {
                    ++pos_;
                    segment.step = readInteger();
                    if (segment.step && *segment.step <= 0)
                        throw badTemplate("a slice step must be positive");
                }
            } else if (first) {
                segment.kind = Segment::Index;
                segment.index = *first;
            } else {
                throw badTemplate("expected an index, a slice, '*', a name or a filter in []");
            }
        }
        expect(']');
        return segment;
    }

    std::string_view text_;
    std::size_t pos_;
};

using Values = std::vector<const json*>;

Values evaluate(const Path& path, const json& root, const json& current);

void descendants(const json* value, Values& out) {
    out.push_back(value);
    if (value->is_structured()) {
        for (const auto& child : *value)
            descendants(&child, out);
    }
}

std::optional<json> operandValue(const Operand& operand, const json& root, const json& current) {
    if (!operand.isPath) return operand.literal;
    Values values = evaluate(operand.path, root, current);
    if (values.empty()) return std::nullopt;
    return *values.front();
}

bool matches(const Filter& filter, const json& root, const json& item) {
    auto left = operandValue(filter.left, root, item);
    if (filter.op.empty()) return left.has_value();
    auto right = operandValue(filter.right, root, item);
    if (!left || !right) return false;
    const std::string& op = filter.op;
    if (op == "==") return *left == *right;
    if (op == "!=") return *left != *right;
    bool comparable =
        (left->is_number() && right->is_number()) || (left->is_string() && right->is_string());
    if (!comparable) return false;
    if (op == "<") return *left < *right;
    if (op == "<=") return *left <= *right;
    if (op == ">") return *left > *right;
    return *left >= *right;
}

long clampIndex(long index, long size) {
    if (index < 0) index += size;
    return std::max(0L, std::min(index, size));
}

Values apply(const Segment& segment, const Values& in, const json& root) {
    Values out;
    for (const json* value : in) {
        switch (segment.kind) {
            case Segment::Root:
                out.push_back(&root);
                break;
            case Segment::Current:
                out.push_back(value);
                break;
            case Segment::Field:
                if (!value->is_object()) break;
                for (const auto& name : segment.names) {
                    auto it = value->find(name);
                    if (it != value->end()) out.push_back(&*it);
                }
                break;
            case Segment::Recursive:
                descendants(value, out);
                break;
            case Segment::Wildcard:
                if (value->is_structured()) {
                    for (const auto& child : *value)
                        out.push_back(&child);
                }
                break;
            case Segment::Index: {
                if (!value->is_array()) break;
                long size = static_cast<long>(value->size());
                long index = segment.index < 0 ? segment.index + size : segment.index;
                if (index >= 0 && index < size) out.push_back(&(*value)[index]);
                break;
            }
            case Segment::Slice: {
                if (!value->is_array()) break;
                long size = static_cast<long>(value->size());
                long begin = clampIndex(segment.start.value_or(0), size);
                long end = clampIndex(segment.end.value_or(size), size);
                for (long i = begin; i < end; i += segment.step.value_or(1))
                    out.push_back(&(*value)[i]);
                break;
            }
            case Segment::Select:
                if (!value->is_array()) break;
                for (const auto& item : *value) {
                    if (matches(*segment.filter, root, item)) out.push_back(&item);
                }
                break;
        }
    }
    return out;
}

Values evaluate(const Path& path, const json& root, const json& current) {
    Values values{&current};
    for (const auto& segment : path)
        values = apply(segment, values, root);
    return values;
}

}  // namespace

struct JsonPathTemplate::Node {
    enum Kind { Text, Expression, Range };
    Kind kind = Text;
    std::string text;
    Path path;
    std::vector<Node> children;

    static Node of(Kind kind, std::string text = "") {
        Node out;
        out.kind = kind;
        out.text = std::move(text);
        return out;
    }
};

namespace {

using Node = JsonPathTemplate::Node;

// The end of the action starting after '{': the matching '}' outside quotes.
std::size_t actionEnd(std::string_view text, std::size_t pos) {
    char quote = 0;
    for (; pos < text.size(); ++pos) {
        char c = text[pos];
        if (quote) {
            if (c == '\\')
                ++pos;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '}') {
            return pos;
        }
    }
    throw badTemplate("unclosed '{'");
}

Path parseWholePath(std::string_view text) {
    PathParser parser(text, 0);
    Path path = parser.parsePath();
    parser.skipSpaces();
    if (parser.pos() != text.size())
        throw badTemplate("unexpected '" + std::string(text.substr(parser.pos())) + "' in {" +
                          std::string(text) + "}");
    return path;
}

std::string shown(const json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

void run(const std::vector<Node>& nodes, const json& root, const json& current, std::string& out) {
    for (const auto& node : nodes) {
        switch (node.kind) {
            case Node::Text:
                out += node.text;
                break;
            case Node::Expression: {
                Values values = evaluate(node.path, root, current);
                for (std::size_t i = 0; i < values.size(); ++i)
                    out += (i ? " " : "") + shown(*values[i]);
                break;
            }
            case Node::Range:
                for (const json* value : evaluate(node.path, root, current))
                    run(node.children, root, *value, out);
                break;
        }
    }
}

}  // namespace

JsonPathTemplate JsonPathTemplate::parse(std::string_view text) {
    std::vector<std::vector<Node>> stack(1);
    std::vector<Node> openRanges;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t open = text.find('{', pos);
        if (open == std::string_view::npos) open = text.size();
        if (open > pos)
            stack.back().push_back(Node::of(Node::Text, std::string(text.substr(pos, open - pos))));
        if (open == text.size()) break;
        std::size_t close = actionEnd(text, open + 1);
        std::string_view action = text.substr(open + 1, close - open - 1);
        while (!action.empty() && action.front() == ' ')
            action.remove_prefix(1);
        while (!action.empty() && action.back() == ' ')
            action.remove_suffix(1);
        pos = close + 1;
        if (action == "end") {
            if (openRanges.empty()) throw badTemplate("{end} without {range}");
            Node range = std::move(openRanges.back());
            openRanges.pop_back();
            range.children = std::move(stack.back());
            stack.pop_back();
            stack.back().push_back(std::move(range));
        } else if (action.starts_with("range ")) {
            Node range = Node::of(Node::Range);
            range.path = parseWholePath(action.substr(6));
            openRanges.push_back(std::move(range));
            stack.emplace_back();
        } else if (!action.empty() && (action.front() == '"' || action.front() == '\'')) {
            PathParser parser(action, 0);
            std::string literal = parser.readQuoted();
            if (parser.pos() != action.size()) throw badTemplate("text after a string literal");
            stack.back().push_back(Node::of(Node::Text, literal));
        } else {
            Node expression = Node::of(Node::Expression);
            expression.path = parseWholePath(action);
            stack.back().push_back(std::move(expression));
        }
    }
    if (!openRanges.empty()) throw badTemplate("{range} without {end}");
    JsonPathTemplate out;
    out.nodes_ = std::make_shared<const std::vector<Node>>(std::move(stack.front()));
    return out;
}

std::string JsonPathTemplate::execute(const json& root) const {
    std::string out;
    run(*nodes_, root, root, out);
    return out;
}

}  // namespace svcadv
