#include "svcadv/util/bounded_reader.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "svcadv/util/error.h"

using namespace svcadv;

namespace {

// The message of the InvalidInput error `read` throws; FAILs when it throws nothing or another
// code.
template <typename Read>
std::string invalidInputMessage(Read read) {
    try {
        read();
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::InvalidInput);
        return e.what();
    }
    FAIL("expected an InvalidInput error");
    return "";
}

std::string yamlError(const std::string& text, const ReadLimits& limits = {}) {
    return invalidInputMessage([&] { readYamlDocuments(text, "in.yaml", limits); });
}

std::string jsonError(const std::string& text, const ReadLimits& limits = {}) {
    return invalidInputMessage([&] { readJsonValue(text, "in.json", limits); });
}

std::string repeat(const std::string& part, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i)
        out += part;
    return out;
}

}  // namespace

TEST_CASE("plain scalars resolve by the YAML 1.2 core schema without regular expressions") {
    CHECK(resolvePlainScalar("").is_null());
    CHECK(resolvePlainScalar("~").is_null());
    CHECK(resolvePlainScalar("True") == true);
    CHECK(resolvePlainScalar("FALSE") == false);
    CHECK(resolvePlainScalar("42") == 42);
    CHECK(resolvePlainScalar("+42") == 42);
    CHECK(resolvePlainScalar("-42") == -42);
    CHECK(resolvePlainScalar("18446744073709551615") == 18446744073709551615ULL);
    CHECK(resolvePlainScalar("-9223372036854775808").get<std::int64_t>() ==
          std::numeric_limits<std::int64_t>::min());
    CHECK(resolvePlainScalar("0x1F") == 31);
    CHECK(resolvePlainScalar("0o17") == 15);
    CHECK(resolvePlainScalar("0x") == "0x");
    CHECK(resolvePlainScalar("0xZZ") == "0xZZ");
    CHECK(resolvePlainScalar("1.5") == 1.5);
    CHECK(resolvePlainScalar(".5") == 0.5);
    CHECK(resolvePlainScalar("-5.") == -5.0);
    CHECK(resolvePlainScalar("1e3") == 1000.0);
    CHECK(resolvePlainScalar("1E+3") == 1000.0);
    CHECK(resolvePlainScalar("1e") == "1e");
    CHECK(resolvePlainScalar(".") == ".");
    CHECK(resolvePlainScalar("1.2.3") == "1.2.3");
    CHECK(resolvePlainScalar("yes") == "yes");
    CHECK(resolvePlainScalar("65000:100") == "65000:100");
    // A 50,000-digit scalar is refused in linear time (std::regex recursed once per digit).
    CHECK_THROWS_AS(resolvePlainScalar(std::string(50000, '7')), Error);
    CHECK(resolvePlainScalar(std::string(50000, '7') + "x") == std::string(50000, '7') + "x");
}

TEST_CASE("plainScalarIsString answers exactly when resolvePlainScalar gives the string back") {
    const std::string samples[] = {"", "~", "null", "NULL", "nul", "true", "TRUE", "tRUE", "false",
                                   "42", "+42", "-42", "-", "+", "4-2", "0x1F", "0xff", "0x",
                                   "0xZZ", "0x1G", "0o17", "0o8", "0o", "-0x1",
                                   "0x" + std::string(20, 'f'), "1.5", ".5", "-5.", "1e3",
                                   "1E+3", "1e", "1e+", ".", "..", "1.2.3", "10.0.0.1",
                                   "fd00::1", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "-.nan",
                                   "yes", "65000:100", "svc-1", "TCP", std::string(30, '9'),
                                   "1e400", "2024-01-01"};
    for (const auto& sample : samples) {
        CAPTURE(sample);
        bool resolvesToItself = false;
        try {
            json value = resolvePlainScalar(sample);
            resolvesToItself = value.is_string() && value == sample;
        } catch (const Error&) {
        }
        CHECK(plainScalarIsString(sample) == resolvesToItself);
    }
}

TEST_CASE("numbers that do not fit and non-finite floats are errors, not other values") {
    auto message = [](const std::string& text) {
        return invalidInputMessage([&] { resolvePlainScalar(text); });
    };
    CHECK(message("18446744073709551616") ==
          "number \"18446744073709551616\" does not fit in 64 bits");
    CHECK(message("-9223372036854775809").find("does not fit in 64 bits") != std::string::npos);
    CHECK(message("0xFFFFFFFFFFFFFFFFFF").find("does not fit") != std::string::npos);
    CHECK(message("1e999") == "number \"1e999\" is out of range of a 64-bit float");
    CHECK(message(".inf").find("not a finite number") != std::string::npos);
    CHECK(message("-.Inf").find("not a finite number") != std::string::npos);
    CHECK(message(".nan").find("not a finite number") != std::string::npos);
}

TEST_CASE("messages quote values shortened and with control characters escaped") {
    CHECK(quoteForMessage("abc") == "\"abc\"");
    CHECK(quoteForMessage("a\rb\n\x1b[31m\"\\") == "\"a\\rb\\n\\x1b[31m\\\"\\\\\"");
    CHECK(quoteForMessage("\xc2\x9b"
                          "2J") == "\"\\u009b2J\"");
    CHECK(quoteForMessage(std::string(5000, 'x')) ==
          "\"" + std::string(80, 'x') + "...\", 5000 bytes");
    // Never cut inside a UTF-8 sequence: 79 ASCII bytes then "é" (2 bytes) ends before the "é".
    // Built with append, not operator+ of temporaries: GCC 12's -Warray-bounds misfires on those.
    std::string cutBeforeE(79, 'x');
    cutBeforeE.append("\xc3\xa9yy");
    std::string expected = "\"";
    expected.append(79, 'x').append("...\", 83 bytes");
    CHECK(quoteForMessage(cutBeforeE) == expected);
}

TEST_CASE("the input is bounded UTF-8 without NUL bytes") {
    CHECK(yamlError(std::string("\0\0\0a: 1\n", 8)) ==
          "in.yaml: line 1, column 1: a NUL byte (svcadv reads UTF-8 YAML and JSON only)");
    CHECK(yamlError("a: b\nc: \xff\n") ==
          "in.yaml: line 2, column 4: bytes that are not UTF-8 (svcadv reads UTF-8 YAML and JSON "
          "only)");
    CHECK(yamlError("a: \xc0\x80\n").find("not UTF-8") != std::string::npos);      // overlong NUL
    CHECK(yamlError("a: \xed\xa0\x80\n").find("not UTF-8") != std::string::npos);  // surrogate
    CHECK(jsonError("{\"a\": \"\xf4\x90\x80\x80\"}").find("not UTF-8") != std::string::npos);
    CHECK(readYamlDocuments("a: \"\xc3\xa9\xf0\x9f\x98\x80\"\n", "x")[0].body["a"] ==
          "\xc3\xa9\xf0\x9f\x98\x80");
    ReadLimits small;
    small.maxInputBytes = 10;
    CHECK(yamlError("a: 12345678901\n", small) ==
          "in.yaml: 15 bytes is more than the limit of 10 bytes");
}

TEST_CASE("escapes yaml-cpp decodes to bytes that are not UTF-8 are refused, naming the place") {
    // Found by the reader fuzz target: "y\_" read as "y" and the lone byte 0xA0 (U+00A0 is
    // C2 A0), which nlohmann then refused to write (type_error, exit 7).
    CHECK(yamlError("a:\n  b: \"y\\_\"\n") ==
          "in.yaml: document 1: a.b: an escape such as \\_ or \\N that yaml-cpp decodes to bytes "
          "that are not UTF-8; write the character itself (line 2, column 6)");
    CHECK(yamlError("- \"\\N\"\n").find("write the character itself") != std::string::npos);
    CHECK(yamlError("\"k\\_\": 1\n").find("write the character itself") != std::string::npos);
    // The character itself, and the escapes yaml-cpp decodes to UTF-8, read as they should.
    CHECK(readYamlDocuments("a: \"y\xc2\xa0\\L\\u00e9\"\n", "x")[0].body["a"] ==
          "y\xc2\xa0\xe2\x80\xa8\xc3\xa9");
}

TEST_CASE("a YAML parser that stops making progress is an error, not a loop (yaml-cpp#1040)") {
    CHECK(yamlError(",") == "in.yaml: invalid YAML: line 1, column 1: cannot read past \",\"");
    CHECK(yamlError("a: 1\n---\n,").find("cannot read past") != std::string::npos);
}

TEST_CASE("YAML documents are numbered among all documents, empty ones skipped") {
    auto documents = readYamlDocuments("---\na: 1\n---\n---\n--- b\n...\n", "x");
    REQUIRE(documents.size() == 2);
    CHECK(documents[0].number == 1);
    CHECK(documents[0].body == json{{"a", 1}});
    CHECK(documents[1].number == 4);
    CHECK(documents[1].body == "b");
    CHECK(readYamlDocuments("", "x").empty());
    CHECK(readYamlDocuments("# only a comment\n", "x").empty());
    ReadLimits few;
    few.maxDocuments = 2;
    CHECK(yamlError("a\n---\nb\n---\nc\n", few) == "in.yaml: more than 2 YAML documents");
}

TEST_CASE("YAML aliases are copied, within limits; self-references and bombs are refused") {
    auto documents = readYamlDocuments("a: &x {k: [1, 2]}\nb: *x\n", "x");
    CHECK(documents[0].body["b"] == documents[0].body["a"]);
    CHECK(yamlError("&a [*a]") ==
          "in.yaml: document 1: [0]: an alias may not refer to a node that contains it (line 1, "
          "column 5)");
    CHECK(yamlError("a: &a {b: *a}\n").find("may not refer to a node that contains it") !=
          std::string::npos);
    std::string laughs =
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    for (char c = 'b'; c <= 'i'; ++c) {
        std::string previous(1, static_cast<char>(c - 1));
        laughs += std::string(1, c) + ": &" + c + " [" + repeat("*" + previous + ",", 8) + "*" +
                  previous + "]\n";
    }
    CHECK(yamlError(laughs).find("aliases expand to more than 100000 values") != std::string::npos);
    // An alias keeps the depth limit: 3 levels aliased under 3 more is 6.
    ReadLimits shallow;
    shallow.maxDepth = 5;
    CHECK(yamlError("a: &a [[[1]]]\nb: [[*a]]\n", shallow).find("nested deeper than 5 levels") !=
          std::string::npos);
}

TEST_CASE("YAML nesting, scalar length and node count are bounded, the field named") {
    // 100,000 unclosed brackets: refused at once (yaml-cpp reads the first as a complex key).
    CHECK(yamlError(repeat("[", 100000)).find("in.yaml: document 1: ") == 0);
    CHECK(yamlError("a: " + repeat("[", 300) + repeat("]", 300)) ==
          "in.yaml: document 1: a" + repeat("[0]", 255) +
              ": nested deeper than 256 levels (line 1, column 259)");
    CHECK(yamlError(repeat("- ", 300) + "x\n").find("nested deeper than 256 levels") !=
          std::string::npos);
    ReadLimits limits;
    limits.maxScalarBytes = 4;
    CHECK(yamlError("spec:\n  name: abcdef\n", limits) ==
          "in.yaml: document 1: spec.name: a value of 6 bytes is longer than 4 (line 2, column 9)");
    limits = {};
    limits.maxNodes = 5;
    CHECK(yamlError("[1, 2, 3, 4, 5, 6]", limits).find("more than 5 values") != std::string::npos);
}

TEST_CASE("YAML errors name the document and field of the value") {
    CHECK(yamlError("a: 1\n---\nspec:\n  asNumber: 1e999\n") ==
          "in.yaml: document 2: spec.asNumber: number \"1e999\" is out of range of a 64-bit float "
          "(line 4, column 13)");
    CHECK(yamlError("items:\n- x\n- {n: 99999999999999999999}\n") ==
          "in.yaml: document 1: items[1].n: number \"99999999999999999999\" does not fit in 64 "
          "bits (line 3, column 7)");
    CHECK(yamlError("a: 1\na: 2\n") ==
          "in.yaml: document 1: a: duplicate key \"a\" (line 2, column 1)");
    CHECK(yamlError("[a]: 1\n").find("mapping keys must be strings") != std::string::npos);
    CHECK(yamlError("a: [1, 2\n").find("in.yaml: invalid YAML: line ") == 0);
    // Quoted scalars stay strings whatever they look like.
    CHECK(readYamlDocuments("a: \"1e999\"\nb: '.inf'\n", "x")[0].body ==
          json{{"a", "1e999"}, {"b", ".inf"}});
}

TEST_CASE("JSON is read with the same limits, duplicate keys and unfit numbers refused") {
    CHECK(readJsonValue(" {\"a\": [1, -2, 2.5, \"x\", null, true]} ", "x") ==
          json{{"a", {1, -2, 2.5, "x", nullptr, true}}});
    CHECK(jsonError("{\"a\": 1, \"a\": 2}") == "in.json: a: duplicate key \"a\"");
    CHECK(jsonError("{\"spec\": {\"asNumber\": 1e999}}") ==
          "in.json: spec.asNumber: number \"1e999\" is out of range of a 64-bit float");
    CHECK(jsonError("{\"x\": [0, 123456789012345678901234567890]}") ==
          "in.json: x[1]: number \"123456789012345678901234567890\" does not fit in 64 bits");
    CHECK(jsonError(repeat("[", 100000)) ==
          "in.json: " + repeat("[0]", 256) + ": nested deeper than 256 levels");
    CHECK(jsonError(repeat("{\"a\":", 300) + "1" + repeat("}", 300))
              .find("nested deeper than 256 levels") != std::string::npos);
    ReadLimits limits;
    limits.maxScalarBytes = 3;
    CHECK(jsonError("{\"k\": \"abcd\"}", limits) ==
          "in.json: k: a value of 4 bytes is longer than 3");
    // Syntax errors keep nlohmann's position but echo the token shortened.
    std::string message = jsonError("{\"a\": \"" + std::string(5000, 'x') + "\x01\"}");
    CHECK(message.find("in.json: invalid JSON: parse error at line 1") == 0);
    CHECK(message.size() < 400);
    CHECK(jsonError("{} x").find("invalid JSON") != std::string::npos);
}
