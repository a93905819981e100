// fetchListPages over a recording transport: the targets asked for, in which order, the lists
// side by side, continue tokens, 410 restarts and their bound, retries on a fake clock, the
// repeated-token guard, the deadline and the errors of answers.
#include "svcadv/store/kubernetes/list_pager.h"

#include <doctest/doctest.h>

#include <deque>
#include <map>

#include "svcadv/util/document.h"

using namespace svcadv;
using namespace std::chrono_literals;

namespace {

PageAnswer answerWith(long status, const std::string& body,
                      std::optional<std::chrono::milliseconds> retryAfter = std::nullopt) {
    PageAnswer answer;
    answer.status = status;
    answer.paddedBody = body + std::string(kPagePadding, '\0');
    answer.retryAfter = retryAfter;
    return answer;
}

// A list page whose items are the given names and whose continue token is `token`.
PageAnswer page(const std::vector<std::string>& names, const std::string& token = "") {
    json items = json::array();
    for (const auto& name : names)
        items.push_back({{"metadata", {{"name", name}}}});
    json meta = json::object();
    if (!token.empty()) meta["continue"] = token;
    return answerWith(200, json{{"metadata", meta}, {"items", items}}.dump());
}

PageAnswer dropped() {
    PageAnswer answer;
    answer.failure = TransferFailure{true, ExitCode::Unreachable, "cannot reach S: reset"};
    return answer;
}

// Answers each started GET with the next answer scripted for its target, in the order the
// transfers were started; records every target. Time is a fake clock that wait() moves to
// `until` when nothing is in flight.
class RecordingTransport : public PageTransport {
  public:
    std::map<std::string, std::deque<PageAnswer>> script;
    std::vector<std::pair<std::size_t, std::string>> started;
    std::vector<std::size_t> inFlightWhenWaiting;  // transfers open at each wait
    RetryClock::time_point now{};
    std::string name = "https://api.test";

    void start(std::size_t list, const std::string& target,
               std::chrono::steady_clock::time_point) override {
        started.push_back({list, target});
        auto& answers = script[target];
        REQUIRE_MESSAGE(!answers.empty(), "no answer scripted for " << target);
        PageAnswer answer = std::move(answers.front());
        answers.pop_front();
        answer.list = list;
        open.push_back(std::move(answer));
    }
    std::optional<PageAnswer> wait(std::chrono::steady_clock::time_point until) override {
        inFlightWhenWaiting.push_back(open.size());
        if (open.empty()) {
            now = std::max(now, until);
            return std::nullopt;
        }
        PageAnswer answer = std::move(open.front());
        open.pop_front();
        return answer;
    }
    const std::string& server() const override { return name; }

    RetryEnvironment environment() {
        return {[this] { return now; }, [](std::chrono::milliseconds) {}, [] { return 0.5; }};
    }

  private:
    std::deque<PageAnswer> open;
};

struct Collected {
    std::map<std::size_t, std::vector<std::string>> names;  // by list
    std::vector<std::size_t> restarts;
};

Collected run(RecordingTransport& transport, const std::vector<ListSpec>& lists,
              PagerOptions options = {}) {
    Collected out;
    options.environment = transport.environment();
    fetchListPages(
        transport, lists, options,
        [&](std::size_t list, std::string_view text) {
            json body = json::parse(text);
            for (const auto& item : body["items"])
                out.names[list].push_back(item["metadata"]["name"]);
            return body["metadata"].value("continue", "");
        },
        [&](std::size_t list) {
            out.restarts.push_back(list);
            out.names[list].clear();
        });
    return out;
}

const std::vector<ListSpec> kTwoLists{{"Node", "/api/v1/nodes"}, {"Service", "/api/v1/services"}};

}  // namespace

TEST_CASE("pageTarget: the limit, then the continue token URL-encoded") {
    CHECK(pageTarget("/api/v1/nodes", 500, "") == "/api/v1/nodes?limit=500");
    CHECK(pageTarget("/api/v1/nodes", 500, "a+b/c=") ==
          "/api/v1/nodes?limit=500&continue=a%2Bb%2Fc%3D");
}

TEST_CASE("every list walks its pages in order, the lists side by side") {
    RecordingTransport transport;
    transport.script["/api/v1/nodes?limit=2"].push_back(page({"n1", "n2"}, "t1"));
    transport.script["/api/v1/nodes?limit=2&continue=t1"].push_back(page({"n3"}));
    transport.script["/api/v1/services?limit=2"].push_back(page({"s1", "s2"}, "u1"));
    transport.script["/api/v1/services?limit=2&continue=u1"].push_back(page({"s3", "s4"}, "u2"));
    transport.script["/api/v1/services?limit=2&continue=u2"].push_back(page({}));
    PagerOptions options;
    options.pageSize = 2;
    Collected out = run(transport, kTwoLists, options);
    CHECK(out.names[0] == std::vector<std::string>{"n1", "n2", "n3"});
    CHECK(out.names[1] == std::vector<std::string>{"s1", "s2", "s3", "s4"});
    CHECK(out.restarts.empty());
    REQUIRE(transport.started.size() == 5);
    // Both first pages were asked for before any answer was taken.
    CHECK(transport.started[0] == std::pair<std::size_t, std::string>{0, "/api/v1/nodes?limit=2"});
    CHECK(transport.started[1] ==
          std::pair<std::size_t, std::string>{1, "/api/v1/services?limit=2"});
    CHECK(transport.inFlightWhenWaiting.front() == 2);
}

TEST_CASE("an expired continue token restarts that list alone, from its first page") {
    RecordingTransport transport;
    auto& first = transport.script["/api/v1/nodes?limit=500"];
    first.push_back(page({"old1"}, "t1"));
    first.push_back(page({"n1"}, "t2"));
    transport.script["/api/v1/nodes?limit=500&continue=t1"].push_back(
        answerWith(410, R"({"kind":"Status","reason":"Expired","message":"too old"})"));
    transport.script["/api/v1/nodes?limit=500&continue=t2"].push_back(page({"n2"}));
    transport.script["/api/v1/services?limit=500"].push_back(page({"s1"}));
    Collected out = run(transport, kTwoLists);
    CHECK(out.restarts == std::vector<std::size_t>{0});
    CHECK(out.names[0] == std::vector<std::string>{"n1", "n2"});
    CHECK(out.names[1] == std::vector<std::string>{"s1"});
}

TEST_CASE("restarts are bounded: the fourth expired token is the error") {
    RecordingTransport transport;
    for (int i = 0; i < 4; ++i) {
        transport.script["/api/v1/nodes?limit=500"].push_back(page({"n"}, "t"));
        transport.script["/api/v1/nodes?limit=500&continue=t"].push_back(
            answerWith(410, R"({"kind":"Status","message":"too old"})"));
    }
    try {
        run(transport, {kTwoLists[0]});
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "https://api.test answered 410: too old");
    }
    CHECK(transport.started.size() == 8);
}

TEST_CASE("a continue token handed out twice is an error, not an endless list") {
    RecordingTransport transport;
    transport.script["/api/v1/nodes?limit=500"].push_back(page({"n1"}, "same"));
    for (int i = 0; i < 2; ++i)
        transport.script["/api/v1/nodes?limit=500&continue=same"].push_back(page({"n2"}, "same"));
    try {
        run(transport, {kTwoLists[0]});
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Unreachable);
        CHECK(std::string(e.what()) ==
              "https://api.test repeated a continue token while listing Node (the list would "
              "never end)");
    }
}

TEST_CASE("429 and 5xx are retried after the backoff or Retry-After; the other list goes on") {
    RecordingTransport transport;
    auto& nodes = transport.script["/api/v1/nodes?limit=500"];
    nodes.push_back(answerWith(429, "{}", 2000ms));
    nodes.push_back(answerWith(503, "{}"));
    nodes.push_back(page({"n1"}));
    transport.script["/api/v1/services?limit=500"].push_back(page({"s1"}));
    auto began = transport.now;
    Collected out = run(transport, kTwoLists);
    CHECK(out.names[0] == std::vector<std::string>{"n1"});
    CHECK(out.names[1] == std::vector<std::string>{"s1"});
    // 2 s asked for, then the second backoff (200 ms, half of it jittered: 150 ms at 0.5).
    CHECK(transport.now - began == 2150ms);
}

TEST_CASE("a status retried to the end is the API error; a dropped connection 3 tries") {
    RecordingTransport transport;
    for (int i = 0; i < 6; ++i)
        transport.script["/api/v1/nodes?limit=500"].push_back(
            answerWith(503, R"({"kind":"Status","message":"overloaded"})"));
    try {
        run(transport, {kTwoLists[0]});
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Unreachable);
        CHECK(std::string(e.what()) == "https://api.test answered 503: overloaded");
    }
    CHECK(transport.started.size() == 6);

    RecordingTransport dropping;
    for (int i = 0; i < 3; ++i)
        dropping.script["/api/v1/nodes?limit=500"].push_back(dropped());
    try {
        run(dropping, {kTwoLists[0]});
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "cannot reach S: reset");
    }
    CHECK(dropping.started.size() == 3);
}

TEST_CASE("other answers are the API's errors with the list's kind") {
    RecordingTransport transport;
    transport.script["/api/v1/nodes?limit=500"].push_back(
        answerWith(403, R"({"kind":"Status","message":"nodes is forbidden"})"));
    transport.script["/api/v1/services?limit=500"].push_back(page({"s1"}));
    try {
        run(transport, kTwoLists);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Unreachable);
        CHECK(std::string(e.what()) == "https://api.test: nodes is forbidden");
    }
}

TEST_CASE("one deadline covers every page and every wait") {
    RecordingTransport transport;
    transport.script["/api/v1/nodes?limit=500"].push_back(answerWith(429, "{}", 10000ms));
    PagerOptions options;
    options.timeout = 5s;
    // The 10 s the server asks for end past the deadline: no retry, the 429 is the error.
    try {
        run(transport, {kTwoLists[0]}, options);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "https://api.test answered 429: HTTP 429");
    }
    CHECK(transport.started.size() == 1);
}

TEST_CASE("the pages of all lists together are capped: a server paging without end is stopped") {
    RecordingTransport transport;
    for (int i = 0; i < 100; ++i) {
        std::string from = i ? "t" + std::to_string(i) : "";
        std::string target = pageTarget("/api/v1/nodes", 500, from);
        transport.script[target].push_back(page({"n"}, "t" + std::to_string(i + 1)));
    }
    PagerOptions options;
    options.maxTotalBytes = std::size_t{3} << 20;
    // Pages of a little over 1 MiB each: the third takes them over the cap.
    for (auto& [target, answers] : transport.script) {
        std::string text(answers.front().text());
        text.insert(text.size() - 1, R"(,"pad":")" + std::string(1 << 20, 'x') + "\"");
        answers.front().paddedBody = text + std::string(kPagePadding, '\0');
    }
    try {
        run(transport, {kTwoLists[0]}, options);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Unreachable);
        CHECK(std::string(e.what()) ==
              "https://api.test answered more than 3 MiB while listing Node and the other kinds "
              "with it");
    }
    CHECK(transport.started.size() == 3);
}
