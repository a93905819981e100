// How kube-apiserver encodes response bodies on the wire (staging/src/k8s.io/apiserver
// endpoints/handlers/responsewriters): gzip at level 1, only when the client's Accept-Encoding
// names gzip and the body is over 128 KiB. No other encoding.
#pragma once

#include <string>
#include <string_view>

namespace svcadv::testserver {

inline constexpr std::size_t kGzipThresholdBytes = 128 * 1024;

// True when a body of `size` bytes is sent gzip-encoded to a client sending `acceptEncoding`.
bool shouldGzip(std::string_view acceptEncoding, std::size_t size);

// `body` as a gzip member, compressed at level 1 (fast, as kube-apiserver does).
std::string gzipFast(std::string_view body);

}  // namespace svcadv::testserver
