#include "svcadv/sys/curl_option.h"

#include <string>

#include "svcadv/util/error.h"

namespace svcadv {

void checkCurlOption(CURLoption option, CURLcode code) {
    if (code == CURLE_OK) return;
    const curl_easyoption* known = curl_easy_option_by_id(option);
    std::string name = known ? std::string("CURLOPT_") + known->name
                             : "libcurl option " + std::to_string(static_cast<int>(option));
    throw Error(ExitCode::Unreachable, "libcurl refused " + name + ": " + curl_easy_strerror(code) +
                                           " (the installed libcurl lacks a feature svcadv needs)");
}

}  // namespace svcadv
