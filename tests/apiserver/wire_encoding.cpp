#include "wire_encoding.h"

#include <zlib.h>

#include <stdexcept>

namespace svcadv::testserver {

bool shouldGzip(std::string_view acceptEncoding, std::size_t size) {
    // kube-apiserver looks for the substring, without weighing q-values.
    return size > kGzipThresholdBytes && acceptEncoding.find("gzip") != std::string_view::npos;
}

std::string gzipFast(std::string_view body) {
    z_stream stream{};
    // 15 window bits + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&stream, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("gzip: cannot initialise zlib");
    std::string out(deflateBound(&stream, static_cast<uLong>(body.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    stream.avail_in = static_cast<uInt>(body.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    int result = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) throw std::runtime_error("gzip: compression failed");
    return out;
}

}  // namespace svcadv::testserver
