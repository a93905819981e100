// A KubeConnection to one of the tests' loopback HTTP servers (tiny_http_server.h): plain http,
// which the client allows credentials over only when told, and no proxy from the environment.
#pragma once

#include <cstdlib>
#include <string>

#include "svcadv/store/kubernetes/kubeconfig.h"

namespace svcadv::test {

inline KubeConnection loopbackConnection(const std::string& server) {
    ::setenv("no_proxy", "127.0.0.1", 1);  // a proxy in the environment must not take loopback
    ::setenv("NO_PROXY", "127.0.0.1", 1);
    KubeConnection connection;
    connection.server = server;
    connection.source = "test";
    connection.allowHttpCredentials = true;  // the loopback servers speak plain http
    return connection;
}

}  // namespace svcadv::test
