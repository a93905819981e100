#include "svcadv/util/label_selector.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "svcadv/util/error.h"

namespace svcadv {
namespace {

// The lexer's tokens (labels/lexer in apimachinery). `in` and `notin` are keywords only where an
// operator is expected; elsewhere they are identifiers like any other word.
enum class Token {
    End,
    Identifier,
    In,
    NotIn,
    Bang,
    NotEquals,
    Equals,
    DoubleEquals,
    GreaterThan,
    LessThan,
    OpenParen,
    CloseParen,
    Comma,
};

struct Scanned {
    Token token;
    std::string literal;
};

bool isSelectorSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool isSpecialSymbol(char c) {
    return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
}

// A NUL ends the selector, as in Go's lexer (it reads a 0 byte as end of string).
std::vector<Scanned> lex(std::string_view text) {
    std::vector<Scanned> out;
    std::size_t at = 0;
    auto peek = [&](std::size_t i) { return i < text.size() ? text[i] : '\0'; };
    for (;;) {
        while (isSelectorSpace(peek(at)))
            ++at;
        char c = peek(at);
        if (c == '\0') break;
        if (isSpecialSymbol(c)) {
            char next = peek(at + 1);
            if ((c == '!' || c == '=') && next == '=') {
                out.push_back(
                    {c == '!' ? Token::NotEquals : Token::DoubleEquals, std::string{c, next}});
                at += 2;
                continue;
            }
            Token token = c == '!'   ? Token::Bang
                          : c == '=' ? Token::Equals
                          : c == '(' ? Token::OpenParen
                          : c == ')' ? Token::CloseParen
                          : c == ',' ? Token::Comma
                          : c == '>' ? Token::GreaterThan
                                     : Token::LessThan;
            out.push_back({token, std::string(1, c)});
            ++at;
            continue;
        }
        std::size_t start = at;
        while (peek(at) != '\0' && !isSelectorSpace(peek(at)) && !isSpecialSymbol(peek(at)))
            ++at;
        std::string word(text.substr(start, at - start));
        Token token = word == "in" ? Token::In : word == "notin" ? Token::NotIn : Token::Identifier;
        out.push_back({token, std::move(word)});
    }
    out.push_back({Token::End, ""});
    return out;
}

bool isAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9], at most 63 characters; `what` names the part.
std::optional<std::string> namePartProblem(std::string_view name, const std::string& what) {
    if (name.empty()) return what + " must be non-empty";
    if (name.size() > 63) return what + " must be no more than 63 characters";
    bool inner = std::all_of(name.begin(), name.end(), [](char c) {
        return isAlphanumeric(c) || c == '-' || c == '_' || c == '.';
    });
    if (!inner || !isAlphanumeric(name.front()) || !isAlphanumeric(name.back()))
        return what +
               " must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
               "with an alphanumeric character";
    return std::nullopt;
}

// A DNS-1123 subdomain: lower-case labels of [a-z0-9-] with alphanumeric ends, joined by dots.
std::optional<std::string> prefixProblem(std::string_view prefix) {
    if (prefix.empty()) return "prefix part must be non-empty";
    if (prefix.size() > 253) return "prefix part must be no more than 253 characters";
    auto lowerAlphanumeric = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    };
    std::size_t start = 0;
    for (;;) {
        std::size_t dot = prefix.find('.', start);
        std::string_view label =
            prefix.substr(start, dot == std::string_view::npos ? dot : dot - start);
        bool ok = !label.empty() && lowerAlphanumeric(label.front()) &&
                  lowerAlphanumeric(label.back()) &&
                  std::all_of(label.begin(), label.end(),
                              [&](char c) { return lowerAlphanumeric(c) || c == '-'; });
        if (!ok)
            return std::string(
                "prefix part must be a lowercase DNS subdomain (e.g. 'example.com')");
        if (dot == std::string_view::npos) return std::nullopt;
        start = dot + 1;
    }
}

std::optional<std::int64_t> parseInt64(std::string_view text) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

class Parser {
  public:
    explicit Parser(const std::string& text) : items_(lex(text)) {}

    std::vector<LabelRequirement> parse() {
        std::vector<LabelRequirement> out;
        for (;;) {
            Token token = lookaheadAsValue();
            if (token == Token::End) return out;
            if (token != Token::Identifier && token != Token::Bang)
                fail("found '" + current().literal +
                     "', expected: !, identifier, or end of string");
            out.push_back(parseRequirement());
            Scanned after = consumeAsValue();
            if (after.token == Token::End) return out;
            if (after.token != Token::Comma)
                fail("found '" + after.literal + "', expected: ',' or end of string");
            Token next = lookaheadAsValue();
            if (next != Token::Identifier && next != Token::Bang)
                fail("found '" + current().literal + "', expected: identifier after ','");
        }
    }

  private:
    using Op = LabelRequirement::Operator;

    [[noreturn]] static void fail(const std::string& what) { throw std::invalid_argument(what); }

    const Scanned& current() const { return items_[position_]; }

    // Where a value or key is expected, the keywords are plain identifiers.
    static Token asValue(Token token) {
        return token == Token::In || token == Token::NotIn ? Token::Identifier : token;
    }
    Token lookaheadAsValue() const { return asValue(current().token); }
    Scanned consume() {
        Scanned item = current();
        if (item.token != Token::End) ++position_;
        return item;
    }
    Scanned consumeAsValue() {
        Scanned item = consume();
        item.token = asValue(item.token);
        return item;
    }

    LabelRequirement parseRequirement() {
        LabelRequirement requirement;
        Scanned key = consumeAsValue();
        bool negated = key.token == Token::Bang;
        if (negated) key = consumeAsValue();
        if (key.token != Token::Identifier)
            fail("found '" + key.literal + "', expected: identifier");
        if (auto problem = labelKeyProblem(key.literal))
            fail("key '" + key.literal + "': " + *problem);
        requirement.key = key.literal;
        Token next = lookaheadAsValue();
        if (negated || next == Token::End || next == Token::Comma) {
            // "!a" followed by an operator is caught by the caller: "found '=', expected: ','".
            requirement.op = negated ? Op::DoesNotExist : Op::Exists;
            return requirement;
        }
        Scanned op = consume();
        switch (op.token) {
            case Token::In:
            case Token::NotIn:
                requirement.op = op.token == Token::In ? Op::In : Op::NotIn;
                requirement.values = parseValues();
                break;
            case Token::Equals:
            case Token::DoubleEquals:
            case Token::NotEquals:
            case Token::GreaterThan:
            case Token::LessThan:
                requirement.op = op.token == Token::NotEquals     ? Op::NotEquals
                                 : op.token == Token::GreaterThan ? Op::GreaterThan
                                 : op.token == Token::LessThan    ? Op::LessThan
                                                                  : Op::Equals;
                requirement.values = {parseExactValue()};
                break;
            default:
                fail("found '" + op.literal + "', expected: in, notin, =, ==, !=, gt, lt");
        }
        for (const auto& value : requirement.values) {
            if (auto problem = labelValueProblem(value)) fail("value '" + value + "': " + *problem);
        }
        if ((requirement.op == Op::GreaterThan || requirement.op == Op::LessThan) &&
            !parseInt64(requirement.values[0]))
            fail("for 'gt', 'lt' operators, the value must be an integer");
        return requirement;
    }

    std::vector<std::string> parseValues() {
        Scanned open = consumeAsValue();
        if (open.token != Token::OpenParen) fail("found '" + open.literal + "' expected: '('");
        std::vector<std::string> values;
        Token next = lookaheadAsValue();
        if (next == Token::CloseParen) {
            consume();
            return {""};  // "()" is the set of the empty value
        }
        if (next != Token::Identifier && next != Token::Comma)
            fail("found '" + current().literal + "', expected: ',', ')' or identifier");
        values = parseIdentifierList();
        Scanned close = consumeAsValue();
        if (close.token != Token::CloseParen) fail("found '" + close.literal + "', expected: ')'");
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        return values;
    }

    // Identifiers separated by commas; empty places (",", "(,", ",)") stand for the empty value.
    std::vector<std::string> parseIdentifierList() {
        std::vector<std::string> values;
        for (;;) {
            Scanned item = consumeAsValue();
            if (item.token == Token::Identifier) {
                values.push_back(item.literal);
                Token next = lookaheadAsValue();
                if (next == Token::Comma) continue;
                if (next == Token::CloseParen) return values;
                fail("found '" + current().literal + "', expected: ',' or ')'");
            } else if (item.token == Token::Comma) {
                if (values.empty()) values.push_back("");
                Token next = lookaheadAsValue();
                if (next == Token::CloseParen) {
                    values.push_back("");
                    return values;
                }
                if (next == Token::Comma) {
                    consume();
                    values.push_back("");
                }
            } else {
                fail("found '" + item.literal + "', expected: ',', or identifier");
            }
        }
    }

    std::string parseExactValue() {
        Token next = lookaheadAsValue();
        if (next == Token::End || next == Token::Comma) return "";
        Scanned value = consumeAsValue();
        if (value.token != Token::Identifier)
            fail("found '" + value.literal + "', expected: identifier");
        return value.literal;
    }

    std::vector<Scanned> items_;
    std::size_t position_ = 0;
};

}  // namespace

LabelSelector LabelSelector::parse(const std::string& text) {
    LabelSelector selector;
    try {
        selector.requirements_ = Parser(text).parse();
    } catch (const std::invalid_argument& e) {
        throw usageError("invalid label selector '" + text + "': " + e.what());
    }
    return selector;
}

bool LabelSelector::matches(const json& labels) const {
    for (const auto& r : requirements_) {
        std::optional<std::string> value;
        if (labels.is_object()) {
            auto it = labels.find(r.key);
            if (it != labels.end() && it->is_string()) value = it->get<std::string>();
        }
        auto inValues = [&] {
            return value && std::binary_search(r.values.begin(), r.values.end(), *value);
        };
        bool holds = true;
        switch (r.op) {
            case LabelRequirement::Operator::Exists:
                holds = value.has_value();
                break;
            case LabelRequirement::Operator::DoesNotExist:
                holds = !value.has_value();
                break;
            case LabelRequirement::Operator::In:
            case LabelRequirement::Operator::Equals:
                holds = inValues();
                break;
            case LabelRequirement::Operator::NotIn:
            case LabelRequirement::Operator::NotEquals:
                holds = !inValues();
                break;
            case LabelRequirement::Operator::GreaterThan:
            case LabelRequirement::Operator::LessThan: {
                auto have = value ? parseInt64(*value) : std::nullopt;
                auto bound = parseInt64(r.values[0]);
                holds = have && bound &&
                        (r.op == LabelRequirement::Operator::GreaterThan ? *have > *bound
                                                                         : *have < *bound);
                break;
            }
        }
        if (!holds) return false;
    }
    return true;
}

bool labelSelectorMatches(const json& labels, const std::string& selector) {
    return LabelSelector::parse(selector).matches(labels);
}

std::optional<std::string> labelKeyProblem(std::string_view key) {
    std::size_t slash = key.find('/');
    if (slash == std::string_view::npos) return namePartProblem(key, "name part");
    if (key.find('/', slash + 1) != std::string_view::npos)
        return std::string("a qualified name has at most one '/'");
    if (auto problem = prefixProblem(key.substr(0, slash))) return problem;
    return namePartProblem(key.substr(slash + 1), "name part");
}

std::optional<std::string> labelValueProblem(std::string_view value) {
    if (value.empty()) return std::nullopt;
    return namePartProblem(value, "a label value");
}

}  // namespace svcadv
