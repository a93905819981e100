// libcurl options set with their result checked: an option libcurl refuses (an unknown option, a
// feature its TLS backend lacks, out of memory) is an error naming the option, never a request
// sent without it.
#pragma once

#include <curl/curl.h>

namespace svcadv {

// Throws an Unreachable error "libcurl refused CURLOPT_<NAME>: <reason>" unless `code` is CURLE_OK.
void checkCurlOption(CURLoption option, CURLcode code);

template <typename Value>
void setCurlOption(CURL* handle, CURLoption option, Value value) {
    checkCurlOption(option, curl_easy_setopt(handle, option, value));
}

}  // namespace svcadv
