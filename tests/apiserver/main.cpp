// svcadv-test-apiserver: FakeApiServer over HTTP or HTTPS, for tests, benchmarks and people.
//   svcadv-test-apiserver [--listen HOST:PORT] [--tls-cert F --tls-key F] [--client-ca F]
//     [--token T]... [--api-group crd|v3|both] [--seed PATH]... [--request-log F] [--fault SPEC]...
// Prints "listening on http(s)://HOST:PORT" once it accepts connections.
#include <httplib.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "fake_apiserver.h"
#include "svcadv/store/cluster_source.h"
#include "wire_encoding.h"

using namespace svcadv;
using namespace svcadv::testserver;

namespace {

struct Options {
    std::string listen = "127.0.0.1:0";
    std::string tlsCert, tlsKey, clientCa;
    std::vector<std::string> tokens;
    std::string apiGroup = "crd";
    std::vector<std::string> seeds;
    std::string requestLog;
    std::vector<std::string> faults;
};

Request toRequest(const httplib::Request& in) {
    Request out;
    out.method = in.method;
    out.path = in.path;
    for (const auto& [key, value] : in.params)
        out.query[key] = value;
    auto question = in.target.find('?');
    if (question != std::string::npos) out.rawQuery = in.target.substr(question + 1);
    out.contentType = in.get_header_value("Content-Type");
    out.body = in.body;
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    CLI::App app{"A Kubernetes API server for svcadv's tests", "svcadv-test-apiserver"};
    app.add_option("--listen", options.listen, "HOST:PORT (port 0: any free port)");
    app.add_option("--tls-cert", options.tlsCert, "Serve HTTPS with this certificate (PEM)");
    app.add_option("--tls-key", options.tlsKey, "The certificate's private key (PEM)");
    app.add_option("--client-ca", options.clientCa, "Accept client certificates signed by this CA");
    app.add_option("--token", options.tokens, "Accept this bearer token (repeatable)");
    app.add_option("--api-group", options.apiGroup, "Calico API groups served: crd, v3 or both")
        ->check(CLI::IsMember({"crd", "v3", "both"}));
    app.add_option("--seed", options.seeds,
                   "Objects to start with: YAML/JSON files or directories");
    app.add_option("--request-log", options.requestLog, "Append 'METHOD PATH?QUERY STATUS' lines");
    app.add_option("--fault", options.faults,
                   "METHOD:PATH-GLOB:STATUS|delay=MSms:COUNT[:retry-after=S]");
    CLI11_PARSE(app, argc, argv);

    ApiGroups groups = options.apiGroup == "v3"     ? ApiGroups::V3
                       : options.apiGroup == "both" ? ApiGroups::Both
                                                    : ApiGroups::Crd;
    FakeApiServer api(groups);
    try {
        for (const auto& file : expandInputPaths(options.seeds)) {
            for (auto& document : expandLists(parseDocuments(readTextFile(file), file)))
                api.seed(std::move(document.body));
        }
        for (const auto& spec : options.faults)
            api.addFault(parseFault(spec));
        api.prepareLists();
    } catch (const std::exception& e) {
        std::cerr << "svcadv-test-apiserver: " << e.what() << "\n";
        return 2;
    }

    bool tls = !options.tlsCert.empty();
    std::unique_ptr<httplib::Server> server;
    if (tls) {
        server = std::make_unique<httplib::SSLServer>(
            options.tlsCert.c_str(), options.tlsKey.c_str(),
            options.clientCa.empty() ? nullptr : options.clientCa.c_str());
    } else {
        server = std::make_unique<httplib::Server>();
    }
    // As kube-apiserver (Go sets TCP_NODELAY on every connection): a small answer on a kept-alive
    // connection is not held back for the client's delayed ACK.
    server->set_tcp_nodelay(true);
    if (!server->is_valid()) {
        std::cerr << "svcadv-test-apiserver: cannot set up the server (certificate or key?)\n";
        return 2;
    }

    std::mutex logMutex;
    std::ofstream log;
    if (!options.requestLog.empty()) log.open(options.requestLog, std::ios::app);
    server->set_logger([&](const httplib::Request& req, const httplib::Response& res) {
        if (!log.is_open()) return;
        std::lock_guard lock(logMutex);
        log << req.method << " " << req.target << " " << res.status << std::endl;
    });

    auto handler = [&](const httplib::Request& req, httplib::Response& res) {
        if (req.path == "/_test/faults" && req.method == "POST") {
            try {
                api.addFault(parseFault(req.body));
                res.status = 204;
            } catch (const std::exception& e) {
                res.status = 400;
                res.set_content(e.what(), "text/plain");
            }
            return;
        }
        bool authorized = options.tokens.empty() && options.clientCa.empty();
        std::string header = req.get_header_value("Authorization");
        for (const auto& token : options.tokens)
            authorized = authorized || header == "Bearer " + token;
        // With --client-ca, the TLS handshake already refused certificates the CA did not sign;
        // a request that got here with one is authenticated.
        if (!options.clientCa.empty() && header.empty()) authorized = true;
        Response out;
        if (!authorized) {
            out.status = 401;
            out.body = {
                {"kind", "Status"},    {"apiVersion", "v1"},        {"metadata", json::object()},
                {"status", "Failure"}, {"message", "Unauthorized"}, {"reason", "Unauthorized"},
                {"code", 401}};
        } else {
            out = api.handle(toRequest(req));
        }
        if (out.delay.count() > 0) std::this_thread::sleep_for(out.delay);
        if (out.reset) {
            // A provider that fails makes the server drop the connection mid-answer.
            res.status = 200;
            res.set_chunked_content_provider("application/json",
                                             [](std::size_t, httplib::DataSink&) { return false; });
            return;
        }
        res.status = out.status;
        for (const auto& [name, value] : out.headers)
            res.set_header(name, value);
        // Encoded here as kube-apiserver encodes (wire_encoding.h), and handed over with its
        // length: cpp-httplib would otherwise pick brotli at quality 11 for any client that
        // accepts it.
        auto body =
            std::make_shared<std::string>(out.text ? std::move(*out.text) : out.body.dump());
        if (shouldGzip(req.get_header_value("Accept-Encoding"), body->size())) {
            *body = gzipFast(*body);
            res.set_header("Content-Encoding", "gzip");
        }
        res.set_content_provider(
            body->size(), "application/json",
            [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                return sink.write(body->data() + offset, length);
            });
    };
    server->Get(".*", handler);
    server->Post(".*", handler);
    server->Put(".*", handler);
    server->Patch(".*", handler);
    server->Delete(".*", handler);

    auto colon = options.listen.rfind(':');
    std::string host = options.listen.substr(0, colon);
    int port = std::stoi(options.listen.substr(colon + 1));
    if (port == 0) {
        port = server->bind_to_any_port(host);
    } else if (!server->bind_to_port(host, port)) {
        port = -1;
    }
    if (port < 0) {
        std::cerr << "svcadv-test-apiserver: cannot listen on " << options.listen << "\n";
        return 1;
    }
    std::cout << "listening on " << (tls ? "https" : "http") << "://" << host << ":" << port
              << std::endl;
    return server->listen_after_bind() ? 0 : 1;
}
