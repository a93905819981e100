// Base64 as kubeconfigs carry certificates and keys, and as etcd's JSON gateway carries keys and
// values.
#pragma once

#include <string>
#include <string_view>

namespace svcadv {

// Decodes base64 (standard or URL-safe alphabet, padding optional, line breaks and spaces
// ignored); throws InvalidInput on any other character.
std::string decodeBase64(std::string_view text);

// Standard alphabet with padding (RFC 4648), as etcd's JSON gateway and Kubernetes expect.
std::string encodeBase64(std::string_view bytes);

}  // namespace svcadv
