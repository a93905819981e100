#include <doctest/doctest.h>

#include "svcadv/util/cidr.h"

using namespace svcadv;

TEST_CASE("IPv4 and IPv6 CIDRs parse to canonical form") {
    CHECK(parseCidr("10.96.0.0/12").cidr->str() == "10.96.0.0/12");
    CHECK(parseCidr("0.0.0.0/0").cidr->str() == "0.0.0.0/0");
    CHECK(parseCidr("192.0.2.7/32").cidr->isSingleIp());
    CHECK(parseCidr("FD00:10:96:0:0:0:0:0/112").cidr->str() == "fd00:10:96::/112");
    CHECK(parseCidr("2001:db8:0:0:1:0:0:1/128").cidr->str() ==
          "2001:db8::1:0:0:1/128");  // RFC 5952: first longest run
    CHECK(parseCidr("2001:0db8::0001/128").cidr->str() == "2001:db8::1/128");
    CHECK(parseCidr("2001:db8:0:1:1:1:1:1/128").cidr->str() ==
          "2001:db8:0:1:1:1:1:1/128");  // one zero group kept
    CHECK(parseCidr("::/0").cidr->str() == "::/0");
}

TEST_CASE("host bits, bare IPs and garbage are rejected with a reason") {
    auto hostBits = parseCidr("10.0.0.1/24");
    CHECK(hostBits.problem == CidrProblem::HostBitsSet);
    CHECK(hostBits.reason == "host bits are set; did you mean 10.0.0.0/24?");
    CHECK(parseCidr("fd00::1/64").reason == "host bits are set; did you mean fd00::/64?");

    auto bare = parseCidr("10.1.2.3");
    CHECK(bare.problem == CidrProblem::BareIp);
    CHECK(bare.reason.find("write 10.1.2.3/32") != std::string::npos);
    CHECK(parseCidr("fd00::5").reason.find("write fd00::5/128") != std::string::npos);

    for (const char* bad : {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/08", "10.0.0/8",
                            "300.0.0.0/8", "hello", "10.0.0.0/8/8", "fd00::/129", " 10.0.0.0/8",
                            "010.0.0.0/8", "fe80::1%eth0/128"}) {
        CAPTURE(bad);
        CHECK(parseCidr(bad).problem == CidrProblem::Malformed);
        CHECK_FALSE(parseCidr(bad).cidr);
    }
    CHECK(parseCidr("").problem == CidrProblem::Empty);
}

TEST_CASE("containment and overlap respect the family") {
    Cidr range = *parseCidr("10.96.0.0/12").cidr;
    CHECK(range.contains(*parseIp("10.100.1.1")));
    CHECK_FALSE(range.contains(*parseIp("10.112.0.0")));
    CHECK_FALSE(range.contains(*parseIp("::ffff:10.96.0.1")));
    CHECK(range.overlaps(*parseCidr("10.96.5.0/24").cidr));
    CHECK(parseCidr("10.96.5.0/24").cidr->overlaps(range));
    CHECK_FALSE(range.overlaps(*parseCidr("10.128.0.0/9").cidr));
    CHECK(hostCidr(*parseIp("fd00::1")).str() == "fd00::1/128");
}

TEST_CASE("host bits set: the masked network is what calico-node would use") {
    auto v4 = parseCidr("10.96.0.1/12");
    CHECK(v4.problem == CidrProblem::HostBitsSet);
    CHECK_FALSE(v4.cidr);
    REQUIRE(v4.masked);
    CHECK(v4.masked->str() == "10.96.0.0/12");
    auto v6 = parseCidr("fd00:10:96::ff/120");
    REQUIRE(v6.masked);
    CHECK(v6.masked->str() == "fd00:10:96::/120");
    CHECK_FALSE(parseCidr("10.96.0.0/12").masked);
    CHECK_FALSE(parseCidr("10.96.0.1").masked);
}

TEST_CASE("overlappingPairs names every overlapping pair once, in order") {
    auto cidrs = [](std::initializer_list<const char*> texts) {
        std::vector<Cidr> out;
        for (const char* text : texts)
            out.push_back(*parseCidr(text).cidr);
        return out;
    };
    using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;
    CHECK(overlappingPairs({}).empty());
    CHECK(overlappingPairs(cidrs({"10.0.0.0/8", "192.168.0.0/16", "fd00::/8"})).empty());
    CHECK(overlappingPairs(cidrs({"10.0.0.0/8", "192.168.0.0/16", "10.1.0.0/16", "10.0.0.0/8"})) ==
          Pairs{{0, 2}, {0, 3}, {2, 3}});
    // Families never overlap, even where the bytes would.
    CHECK(overlappingPairs(cidrs({"0.0.0.0/0", "::/0"})).empty());
}

TEST_CASE("IPv4 prefixes print as inet_ntop prints their address, every octet width") {
    // appendTo writes dotted quads itself; IpAddress::str still asks inet_ntop.
    std::uint32_t state = 12345;
    for (int i = 0; i < 2000; ++i) {
        state = state * 1103515245u + 12345u;
        IpAddress ip;
        for (int b = 0; b < 4; ++b)
            ip.bytes[b] = static_cast<std::uint8_t>(state >> (b * 8 + (i % 3) * 2));
        if (i % 7 == 0) ip.bytes[i % 4] = 0;
        if (i % 11 == 0) ip.bytes[(i + 1) % 4] = 255;
        int length = i % 33;
        CHECK(Cidr{ip, length}.str() == ip.str() + "/" + std::to_string(length));
    }
    std::string out = "x";
    Cidr{*parseIp("fd00::1"), 128}.appendTo(out);
    Cidr{*parseIp("255.255.255.255"), 32}.appendTo(out);
    CHECK(out == "xfd00::1/128255.255.255.255/32");
}
