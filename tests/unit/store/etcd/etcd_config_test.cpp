#include <doctest/doctest.h>

#include <map>

#include "fake_environment.h"
#include "svcadv/store/etcd/etcd_config.h"
#include "svcadv/util/error.h"

using namespace svcadv;
using svcadv::test::envOf;

TEST_CASE("etcd endpoints: comma-separated, trimmed, without trailing slashes") {
    CHECK(parseEtcdEndpoints(" http://a:2379/, https://b:2379 ,,", "ETCD_ENDPOINTS") ==
          std::vector<std::string>{"http://a:2379", "https://b:2379"});
    CHECK_THROWS_WITH_AS(parseEtcdEndpoints("a:2379", "ETCD_ENDPOINTS"),
                         "ETCD_ENDPOINTS: etcd endpoint 'a:2379' is not an http:// or https:// URL",
                         Error);
    CHECK_THROWS_WITH_AS(parseEtcdEndpoints(" , ", "ETCD_ENDPOINTS"),
                         "ETCD_ENDPOINTS: no etcd endpoint given", Error);
}

TEST_CASE("etcd settings: CALICO_ETCD_* > ETCD_* > calicoctl config file > default") {
    DatastoreSettings settings;
    settings.calicoctlEtcd = {{"etcdEndpoints", "http://cfg:2379"},
                              {"etcdUsername", "cfg-user"},
                              {"etcdPassword", "cfg-pass"},
                              {"etcdCACertFile", "/cfg/ca.pem"}};
    auto fromConfig = resolveEtcdConnection(settings, envOf({}));
    CHECK(fromConfig.endpoints == std::vector<std::string>{"http://cfg:2379"});
    CHECK(fromConfig.endpointsSource == "the calicoctl config file's etcdEndpoints");
    CHECK(fromConfig.username == "cfg-user");
    CHECK(fromConfig.password == "cfg-pass");
    CHECK(fromConfig.caCertFile == "/cfg/ca.pem");

    auto fromEnv = resolveEtcdConnection(
        settings, envOf({{"ETCD_ENDPOINTS", "http://env:2379,http://env2:2379"},
                         {"CALICO_ETCD_ENDPOINTS", "https://calico:2379"},
                         {"ETCD_USERNAME", "env-user"},
                         {"ETCD_PASSWORD", "env-pass"},
                         {"ETCD_CERT_FILE", "/env/cert.pem"},
                         {"ETCD_KEY_FILE", "/env/key.pem"}}));
    CHECK(fromEnv.endpoints == std::vector<std::string>{"https://calico:2379"});
    CHECK(fromEnv.endpointsSource == "CALICO_ETCD_ENDPOINTS");
    CHECK(fromEnv.username == "env-user");
    CHECK(fromEnv.password == "env-pass");
    CHECK(fromEnv.certFile == "/env/cert.pem");
    CHECK(fromEnv.keyFile == "/env/key.pem");
    CHECK(fromEnv.caCertFile == "/cfg/ca.pem");  // not in the environment: the file's

    auto defaults = resolveEtcdConnection(DatastoreSettings{}, envOf({}));
    CHECK(defaults.endpoints == std::vector<std::string>{"http://127.0.0.1:2379"});
    CHECK(defaults.username.empty());
}

TEST_CASE("etcd settings that cannot work are usage errors") {
    CHECK_THROWS_AS(resolveEtcdConnection({}, envOf({{"ETCD_CERT_FILE", "/c.pem"}})), Error);
    CHECK_THROWS_AS(resolveEtcdConnection({}, envOf({{"ETCD_KEY_FILE", "/k.pem"}})), Error);
    try {
        resolveEtcdConnection({}, envOf({{"ETCD_USERNAME", "root"}}));
        FAIL("a username without a password was accepted");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Usage);
        CHECK(std::string(e.what()) == "ETCD_USERNAME is set but ETCD_PASSWORD is not");
    }
}
