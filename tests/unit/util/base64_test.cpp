#include <doctest/doctest.h>

#include "svcadv/util/base64.h"
#include "svcadv/util/error.h"

using namespace svcadv;

TEST_CASE("base64 as kubeconfig data fields carry it") {
    CHECK(decodeBase64("aGVsbG8gd29ybGQ=") == "hello world");
    CHECK(decodeBase64("aGVsbG8gd29ybGQ") == "hello world");          // padding optional
    CHECK(decodeBase64("aGVs\nbG8g\r\nd29y bGQ=") == "hello world");  // PEM-style line breaks
    CHECK(decodeBase64("") == "");
    CHECK(decodeBase64("+/8=") == "\xFB\xFF");
    CHECK(decodeBase64("-_8=") == "\xFB\xFF");  // URL-safe alphabet
}

TEST_CASE("a character outside the alphabet is invalid input") {
    try {
        decodeBase64("not*base64");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::InvalidInput);
        CHECK(std::string(e.what()) == "invalid base64 data");
    }
}

TEST_CASE("encode and decode (RFC 4648 vectors, binary, padding optional)") {
    CHECK(encodeBase64("") == "");
    CHECK(encodeBase64("f") == "Zg==");
    CHECK(encodeBase64("fo") == "Zm8=");
    CHECK(encodeBase64("foo") == "Zm9v");
    CHECK(encodeBase64("foobar") == "Zm9vYmFy");
    CHECK(decodeBase64("Zm9vYg==") == "foob");
    CHECK(decodeBase64("Zm9vYg") == "foob");
    std::string binary("\0\xff\x10/", 4);
    CHECK(decodeBase64(encodeBase64(binary)) == binary);
    CHECK_THROWS_AS(decodeBase64("Zm9v!"), Error);
}
