#include "svcadv/sys/curl_option.h"

#include <doctest/doctest.h>

#include <string>

#include "svcadv/util/error.h"

using namespace svcadv;

TEST_CASE("a libcurl option that is refused is an error naming it") {
    CHECK_NOTHROW(checkCurlOption(CURLOPT_URL, CURLE_OK));
    try {
        checkCurlOption(CURLOPT_CAINFO_BLOB, CURLE_NOT_BUILT_IN);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Unreachable);
        CHECK(std::string(e.what()).find("libcurl refused CURLOPT_CAINFO_BLOB: ") == 0);
    }
}

TEST_CASE("setCurlOption passes good values and refuses bad ones") {
    CURL* handle = curl_easy_init();
    REQUIRE(handle != nullptr);
    CHECK_NOTHROW(setCurlOption(handle, CURLOPT_URL, "https://example.invalid/"));
    CHECK_NOTHROW(setCurlOption(handle, CURLOPT_TIMEOUT_MS, 1000L));
    // libcurl refuses an unknown HTTP version with CURLE_UNSUPPORTED_PROTOCOL or
    // BAD_FUNCTION_ARGUMENT.
    CHECK_THROWS_AS(setCurlOption(handle, CURLOPT_HTTP_VERSION, 999L), Error);
    curl_easy_cleanup(handle);
}
