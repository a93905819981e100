// IP addresses and CIDRs as Calico accepts them: explicit prefix length, strictly masked,
// printed in canonical form (lower case, RFC 5952 for IPv6).
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace svcadv {

struct IpAddress {
    int family = 4;                        // 4 or 6
    std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first 4
    int bitLength() const { return family == 4 ? 32 : 128; }
    std::string str() const;
    auto operator<=>(const IpAddress&) const = default;
};

std::optional<IpAddress> parseIp(std::string_view text);

struct Cidr {
    IpAddress network;
    int prefixLength = 0;
    bool isSingleIp() const { return prefixLength == network.bitLength(); }
    bool contains(const IpAddress& ip) const;
    bool overlaps(const Cidr& other) const;
    std::string str() const;
    // Appends str() to out without a string of its own (writers of large outputs).
    void appendTo(std::string& out) const;
    auto operator<=>(const Cidr&) const = default;
};

// The single-address CIDR of an IP: /32 for IPv4, /128 for IPv6.
Cidr hostCidr(const IpAddress& ip);

enum class CidrProblem { None, Empty, Malformed, BareIp, HostBitsSet };

struct CidrParseResult {
    std::optional<Cidr> cidr;  // set when problem is None
    // HostBitsSet: the network with the host bits cleared, which is what Go's net.ParseCIDR (and
    // so calico-node) makes of the text.
    std::optional<Cidr> masked;
    CidrProblem problem = CidrProblem::None;
    std::string reason;  // human text for the problem, with a hint where one helps
};

// Strict parse: "10.0.0.0/24" is fine; "10.0.0.1/24" (host bits), "10.0.0.1" (bare IP) are not.
CidrParseResult parseCidr(std::string_view text);

// The pairs (i, j), i < j, of entries that overlap (one contains the other; equal ones included),
// ordered by i, then j.
std::vector<std::pair<std::size_t, std::size_t>> overlappingPairs(const std::vector<Cidr>& cidrs);

}  // namespace svcadv
