#include <doctest/doctest.h>

#include <map>

#include "fake_environment.h"
#include "svcadv/model/datastore_config.h"
#include "svcadv/util/error.h"

using namespace svcadv;
using svcadv::test::envOf;

namespace {
DatastoreFlags flags(std::string type = "", std::string dataDir = "", std::string kubeconfig = "") {
    DatastoreFlags f;
    f.datastoreType = std::move(type);
    f.dataDir = std::move(dataDir);
    f.kubeconfig = std::move(kubeconfig);
    return f;
}
json configWith(const std::string& type) {
    return {{"kind", "CalicoAPIConfig"},
            {"spec", {{"datastoreType", type}, {"kubeconfig", "/cfg/kube"}}}};
}
}  // namespace

TEST_CASE("datastore type: flag > environment > config file > data dir > etcd > kubernetes") {
    auto env = envOf({{"DATASTORE_TYPE", "etcdv3"}});
    CHECK(resolveDatastoreSettings(flags("file"), env, configWith("kubernetes")).type == "file");
    CHECK(resolveDatastoreSettings(flags(), env, configWith("kubernetes")).type == "etcdv3");
    CHECK(resolveDatastoreSettings(
              {}, envOf({{"CALICO_DATASTORE_TYPE", "file"}, {"DATASTORE_TYPE", "etcdv3"}}),
              std::nullopt)
              .type == "file");
    CHECK(resolveDatastoreSettings(flags(), envOf({}), configWith("etcdv3")).type == "etcdv3");
    CHECK(
        resolveDatastoreSettings(flags(), envOf({{"SVCADV_DATA_DIR", "/d"}}), std::nullopt).type ==
        "file");
    CHECK(resolveDatastoreSettings(flags("", "/flagdir"), envOf({}), std::nullopt).type == "file");
    CHECK(resolveDatastoreSettings(flags(), envOf({{"ETCD_ENDPOINTS", "http://e:2379"}}),
                                   std::nullopt)
              .type == "etcdv3");
    CHECK(resolveDatastoreSettings(flags(), envOf({}), std::nullopt).type == "kubernetes");
    CHECK_THROWS_WITH(
        resolveDatastoreSettings(flags(), envOf({{"DATASTORE_TYPE", "mongo"}}), std::nullopt),
        "DATASTORE_TYPE: unknown datastore type 'mongo' (expected kubernetes, etcdv3 or file)");
}

TEST_CASE("data dir and kubeconfig precedence") {
    auto env =
        envOf({{"SVCADV_DATA_DIR", "/env"}, {"XDG_DATA_HOME", "/xdg"}, {"HOME", "/home/op"}});
    CHECK(resolveDatastoreSettings(flags("", "/flag"), env, std::nullopt).dataDir == "/flag");
    CHECK(resolveDatastoreSettings(flags(), env, std::nullopt).dataDir == "/env");
    CHECK(resolveDatastoreSettings(flags(), envOf({{"XDG_DATA_HOME", "/xdg"}}), std::nullopt)
              .dataDir == "/xdg/svcadv");
    CHECK(resolveDatastoreSettings(flags(), envOf({{"HOME", "/home/op"}}), std::nullopt).dataDir ==
          "/home/op/.local/share/svcadv");
    CHECK(resolveDatastoreSettings(flags("", "", "/flag/kube"),
                                   envOf({{"KUBECONFIG", "/env/kube"}}), configWith("file"))
              .kubeconfig == "/flag/kube");
    CHECK(
        resolveDatastoreSettings(flags(), envOf({{"KUBECONFIG", "/env/kube"}}), configWith("file"))
            .kubeconfig == "/env/kube");
    CHECK(resolveDatastoreSettings(flags(), envOf({}), configWith("file")).kubeconfig ==
          "/cfg/kube");
    CHECK(resolveDatastoreSettings(flags(), envOf({{"K8S_CURRENT_CONTEXT", "prod"}}), std::nullopt)
              .context == "prod");
}

TEST_CASE("the calicoctl config file's etcd settings are kept for the etcd datastore") {
    json config = {{"kind", "CalicoAPIConfig"},
                   {"spec",
                    {{"datastoreType", "etcdv3"},
                     {"etcdEndpoints", "https://a:2379,https://b:2379"},
                     {"etcdUsername", "root"},
                     {"etcdCACertFile", "/etc/ca.pem"},
                     {"etcdKeyFile", ""}}}};
    auto settings = resolveDatastoreSettings(flags(), envOf({}), config);
    CHECK(settings.calicoctlEtcd.at("etcdEndpoints") == "https://a:2379,https://b:2379");
    CHECK(settings.calicoctlEtcd.at("etcdUsername") == "root");
    CHECK(settings.calicoctlEtcd.at("etcdCACertFile") == "/etc/ca.pem");
    CHECK(settings.calicoctlEtcd.count("etcdKeyFile") == 0);  // empty counts as unset
}

namespace {

// The exit code of parsing a --request-timeout value: 0 when it parses.
int timeoutExitCode(const std::string& text) {
    try {
        parseRequestTimeout(text);
        return 0;
    } catch (const Error& e) {
        return e.exitCode();
    }
}

}  // namespace

TEST_CASE("--request-timeout takes kubectl's grammar: seconds, or a Go duration") {
    using std::chrono::milliseconds;
    CHECK(parseRequestTimeout("20") == milliseconds(20000));
    CHECK(parseRequestTimeout("+7") == milliseconds(7000));
    CHECK(parseRequestTimeout("007") == milliseconds(7000));
    CHECK(parseRequestTimeout("20s") == milliseconds(20000));
    CHECK(parseRequestTimeout("1m30s") == milliseconds(90000));
    CHECK(parseRequestTimeout("1.5h") == milliseconds(5400000));
    CHECK(parseRequestTimeout(".5s") == milliseconds(500));
    CHECK(parseRequestTimeout("1.s") == milliseconds(1000));
    CHECK(parseRequestTimeout("250ms") == milliseconds(250));
    CHECK(parseRequestTimeout("1500us") == milliseconds(2));  // rounded up
    CHECK(parseRequestTimeout("1\xc2\xb5s") == milliseconds(1));
    CHECK(parseRequestTimeout("1ns") == milliseconds(1));
    CHECK(parseRequestTimeout("1h0m0.000000001s") == milliseconds(3600001));
    CHECK(parseRequestTimeout("0") == milliseconds(30000));
    CHECK(parseRequestTimeout("0s") == milliseconds(30000));
    CHECK(parseRequestTimeout("24h") == milliseconds(86400000));
    CHECK(parseRequestTimeout("0.333333333333333333333333333333s") == milliseconds(334));
    for (const char* bad : {"",
                            "nan",
                            "inf",
                            "-inf",
                            "1e30s",
                            "1e3",
                            "1.5",
                            "soon",
                            "s",
                            ".s",
                            "-1s",
                            "-5",
                            "5 s",
                            " 5s",
                            "5S",
                            "1d",
                            "25h",
                            "86401",
                            "99999999999999999999",
                            "9223372036854775807s",
                            "2562048h",
                            "1s-",
                            "+",
                            "-",
                            "1..5s"}) {
        CAPTURE(bad);
        CHECK(timeoutExitCode(bad) == 2);
    }
}
