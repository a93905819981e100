// Sample objects and helpers for the tests of the cluster decoding (cluster, cluster_capture,
// cluster_stream).
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "svcadv/routes/cluster.h"
#include "svcadv/util/error.h"

namespace svcadv::test {

inline const char* kServiceJson = R"({"apiVersion":"v1","kind":"Service",
  "metadata":{"name":"web","namespace":"shop","managedFields":[{"x":1}],
              "annotations":{"a":"b"}},
  "spec":{"type":"LoadBalancer","clusterIP":"10.96.0.1","clusterIPs":["10.96.0.1","fd00::1"],
          "ipFamilies":["IPv4","IPv6"],"externalIPs":["192.0.2.1"],"loadBalancerIP":"198.51.100.9",
          "externalTrafficPolicy":"Local","ports":[{"port":80}]},
  "status":{"loadBalancer":{"ingress":[{"ip":"198.51.100.1"},{"hostname":"lb.example.com"}]}}})";

inline const char* kSliceJson = R"({"addressType":"IPv4","apiVersion":"discovery.k8s.io/v1",
  "endpoints":[{"addresses":["192.168.0.1"],"conditions":{"ready":false},"nodeName":"n1"},
               {"addresses":["192.168.0.2"],"nodeName":"n2"}],
  "kind":"EndpointSlice",
  "metadata":{"labels":{"kubernetes.io/service-name":"web"},"name":"web-abc","namespace":"shop"}})";

// The objects of a text (JSON or YAML), as preview-routes reads a --from file.
inline ClusterState readCluster(const std::string& text, const std::string& source = "in.json") {
    ClusterState state;
    readClusterObjects(state, text, source);
    return state;
}

// The message of the InvalidInput error reading `text` throws ("" when it reads fine).
inline std::string readError(const std::string& text) {
    try {
        readCluster(text);
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::InvalidInput);
        return e.what();
    }
    return "";
}

// The message of the InvalidInput error adding one parsed object throws ("" when it is fine).
inline std::string addError(const json& object) {
    ClusterState state;
    try {
        addClusterObject(state, {"a.yaml", "document 1", object});
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::InvalidInput);
        return e.what();
    }
    return "";
}

}  // namespace svcadv::test
