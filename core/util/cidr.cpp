#include "svcadv/util/cidr.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace svcadv {

std::optional<IpAddress> parseIp(std::string_view text) {
    if (text.empty() || text.size() > INET6_ADDRSTRLEN) return std::nullopt;
    std::string s(text);
    IpAddress ip;
    if (s.find(':') == std::string::npos) {
        ip.family = 4;
        if (inet_pton(AF_INET, s.c_str(), ip.bytes.data()) != 1) return std::nullopt;
    } else {
        ip.family = 6;
        if (inet_pton(AF_INET6, s.c_str(), ip.bytes.data()) != 1) return std::nullopt;
    }
    return ip;
}

std::string IpAddress::str() const {
    char buf[INET6_ADDRSTRLEN] = {};
    // glibc's inet_ntop already prints RFC 5952 form: lower case, longest zero run compressed.
    inet_ntop(family == 4 ? AF_INET : AF_INET6, bytes.data(), buf, sizeof buf);
    return buf;
}

static IpAddress masked(const IpAddress& ip, int prefixLength) {
    IpAddress out = ip;
    int bytes = ip.bitLength() / 8;
    for (int i = 0; i < bytes; ++i) {
        int keep = prefixLength - i * 8;
        if (keep >= 8) continue;
        out.bytes[i] =
            keep <= 0 ? 0 : static_cast<std::uint8_t>(ip.bytes[i] & (0xFF << (8 - keep)));
    }
    return out;
}

bool Cidr::contains(const IpAddress& ip) const {
    return ip.family == network.family && masked(ip, prefixLength) == network;
}

bool Cidr::overlaps(const Cidr& other) const {
    if (other.network.family != network.family) return false;
    return prefixLength <= other.prefixLength ? contains(other.network) : other.contains(network);
}

std::string Cidr::str() const {
    std::string out;
    appendTo(out);
    return out;
}

void Cidr::appendTo(std::string& out) const {
    // Dotted quads are written here: glibc's inet_ntop formats IPv4 through sprintf, which was a
    // tenth of a large preview's time. IPv6 keeps inet_ntop's RFC 5952 compression.
    auto appendNumber = [&out](int value) {
        char digits[12];  // any int: an octet or a prefix length, the sign included
        out.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
    };
    if (network.family == 4) {
        for (int i = 0; i < 4; ++i) {
            if (i) out += '.';
            appendNumber(network.bytes[i]);
        }
    } else {
        char text[INET6_ADDRSTRLEN] = {};
        inet_ntop(AF_INET6, network.bytes.data(), text, sizeof text);
        out += text;
    }
    out += '/';
    appendNumber(prefixLength);
}

Cidr hostCidr(const IpAddress& ip) {
    return Cidr{ip, ip.bitLength()};
}

CidrParseResult parseCidr(std::string_view text) {
    CidrParseResult result;
    auto fail = [&](CidrProblem problem, std::string reason) {
        result.problem = problem;
        result.reason = std::move(reason);
        return result;
    };
    if (text.empty()) return fail(CidrProblem::Empty, "empty CIDR");
    auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        if (auto ip = parseIp(text)) {
            return fail(CidrProblem::BareIp, "a bare IP address is not a CIDR; write " +
                                                 hostCidr(*ip).str() +
                                                 " to advertise this single address");
        }
        return fail(CidrProblem::Malformed, "invalid CIDR: expected address/prefix-length");
    }
    auto ip = parseIp(text.substr(0, slash));
    if (!ip) return fail(CidrProblem::Malformed, "invalid CIDR: the address is not an IP address");
    auto lengthText = text.substr(slash + 1);
    int length = -1;
    auto [end, ec] =
        std::from_chars(lengthText.data(), lengthText.data() + lengthText.size(), length);
    bool leadingZero = lengthText.size() > 1 && lengthText[0] == '0';
    if (lengthText.empty() || ec != std::errc() || end != lengthText.data() + lengthText.size() ||
        leadingZero || length < 0 || length > ip->bitLength()) {
        return fail(CidrProblem::Malformed,
                    "invalid CIDR: prefix length must be 0-" + std::to_string(ip->bitLength()));
    }
    Cidr cidr{masked(*ip, length), length};
    if (cidr.network != *ip) {
        result.masked = cidr;
        return fail(CidrProblem::HostBitsSet,
                    "host bits are set; did you mean " + cidr.str() + "?");
    }
    result.cidr = cidr;
    return result;
}

std::vector<std::pair<std::size_t, std::size_t>> overlappingPairs(const std::vector<Cidr>& cidrs) {
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t i = 0; i < cidrs.size(); ++i) {
        for (std::size_t j = i + 1; j < cidrs.size(); ++j) {
            if (cidrs[i].overlaps(cidrs[j])) pairs.emplace_back(i, j);
        }
    }
    return pairs;
}

}  // namespace svcadv
