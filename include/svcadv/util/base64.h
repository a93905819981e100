// Base64 as kubeconfigs and Secrets carry certificates and keys.
#pragma once

#include <string>
#include <string_view>

namespace svcadv {

// Decodes base64 (standard or URL-safe alphabet, padding optional, line breaks and spaces
// ignored); throws InvalidInput on any other character.
std::string decodeBase64(std::string_view text);

}  // namespace svcadv
