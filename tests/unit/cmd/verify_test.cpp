// What verify asks BIRD: read-only commands only, the replies (as BIRD 1.6.8 sends them, from the
// BGP lab) read into an observation; a recording fake stands in for the control socket.
#include <doctest/doctest.h>

#include <map>

#include "svcadv/util/error.h"
#include "verify.h"

using namespace svcadv;
using namespace svcadv::cmd;

namespace {

class RecordingBird : public BirdControl {
  public:
    std::map<std::string, BirdReply> replies;
    std::vector<std::string> commands;
    BirdReply request(const std::string& command) override {
        commands.push_back(command);
        auto found = replies.find(command);
        if (found == replies.end()) return {{{9001, "unexpected command"}}, 9001};
        return found->second;
    }
};

BirdReply reply(std::vector<BirdReplyLine> lines) {
    int code = lines.back().code;
    return {std::move(lines), code};
}

const BirdReply kProtocols = reply({
    {2002, "name     proto    table    state  since       info"},
    {1002, "static1  Static   master   up     01:19:07    "},
    {1002, "kernel1  Kernel   master   up     01:19:07    "},
    {1002, "static2  Static   master   down   01:19:07    "},
    {1002, "Global_10_254_3_1 BGP      master   up     01:19:09    Established   "},
    {1002, "Global_10_254_9_1 BGP      master   down   01:19:19    "},
    {0, ""},
});

}  // namespace

TEST_CASE("verify asks for the protocols, then the routes and exports of those that are up") {
    RecordingBird bird;
    bird.replies["show protocols"] = kProtocols;
    bird.replies["show route protocol static1"] = reply({
        {1007, "198.51.100.0/24    blackhole [static1 01:19:07] * (200)"},
        {1007, "10.96.0.0/12       blackhole [static1 01:19:07] * (200)"},
        {0, ""},
    });
    bird.replies["show route export Global_10_254_3_1"] = reply({
        {1007, "10.96.0.0/12       blackhole [static1 01:19:07] * (200)"},
        {0, ""},
    });
    BirdObservation seen = observeBird(bird, 4);
    CHECK(bird.commands == std::vector<std::string>{"show protocols", "show route protocol static1",
                                                    "show route export Global_10_254_3_1"});
    CHECK(seen.staticRoutes == std::vector<std::string>{"198.51.100.0/24", "10.96.0.0/12"});
    REQUIRE(seen.peers.size() == 2);
    CHECK(seen.peers[0].exported == std::vector<std::string>{"10.96.0.0/12"});
    CHECK(seen.peers[1].protocol == "Global_10_254_9_1");
    CHECK(seen.peers[1].state == "down");
    CHECK(seen.peers[1].exported.empty());
}

TEST_CASE("an error reply names the command; a protocol name is never put into a command raw") {
    RecordingBird bird;
    bird.replies["show protocols"] = kProtocols;
    CHECK_THROWS_WITH_AS(observeBird(bird, 6),
                         "bird6: 'show route protocol static1' failed: 9001 unexpected command",
                         Error);
    RecordingBird hostile;
    hostile.replies["show protocols"] =
        reply({{1002, "x;configure BGP master up 01:19:09 Established"}, {0, ""}});
    CHECK_THROWS_WITH_AS(observeBird(hostile, 4),
                         "bird: show protocols: 'x;configure' is not a protocol name", Error);
    CHECK(hostile.commands == std::vector<std::string>{"show protocols"});
}
