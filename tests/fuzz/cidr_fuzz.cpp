// CIDR and IP parsing: every input parses or is refused; what parses prints back and re-parses to
// the same value; the overlap scan takes any list.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "svcadv/util/cidr.h"

using namespace svcadv;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto ip = parseIp(text); ip && parseIp(ip->str()) != ip) __builtin_trap();
    std::vector<Cidr> cidrs;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string_view::npos) end = text.size();
        CidrParseResult parsed = parseCidr(text.substr(start, end - start));
        if (parsed.cidr) {
            if (parseCidr(parsed.cidr->str()).cidr != parsed.cidr) __builtin_trap();
            cidrs.push_back(*parsed.cidr);
        }
        start = end + 1;
    }
    overlappingPairs(cidrs);
    return 0;
}
