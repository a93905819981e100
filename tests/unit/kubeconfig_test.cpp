#include <doctest/doctest.h>

#include <map>

#include "svcadv/calico_crd.h"
#include "svcadv/error.h"
#include "svcadv/kubeconfig.h"

using namespace svcadv;

namespace {

struct Fixture {
    std::map<std::string, std::string> files;
    std::map<std::string, std::string> env{{"HOME", "/home/op"}};
    DatastoreSettings settings;

    KubeConnection resolve() const {
        return resolveKubeConnection(
            settings,
            [this](const std::string& name) -> std::optional<std::string> {
                auto it = env.find(name);
                if (it == env.end()) return std::nullopt;
                return it->second;
            },
            [this](const std::string& path) -> std::optional<std::string> {
                auto it = files.find(path);
                if (it == files.end()) return std::nullopt;
                return it->second;
            });
    }
};

const char* kFirst = R"(
clusters:
  - {name: prod, cluster: {server: "https://prod:6443/", certificate-authority: ca/prod.pem}}
  - {name: dev, cluster: {server: "https://dev:6443", insecure-skip-tls-verify: true}}
users:
  - {name: admin, user: {token: first-token, client-key: keys/admin.key}}
contexts:
  - {name: prod, context: {cluster: prod, user: admin}}
  - {name: dev, context: {cluster: dev, user: admin}}
current-context: prod
)";

const char* kSecond = R"(
clusters:
  - {name: prod, cluster: {server: "https://ignored:6443"}}
  - {name: lab, cluster: {server: "https://lab:6443", certificate-authority-data: aGVsbG8=}}
users:
  - {name: admin, user: {token: second-token}}
contexts:
  - {name: lab, context: {cluster: lab, user: admin}}
current-context: lab
)";

}  // namespace

TEST_CASE("kubeconfig files merge: the first to set a value wins") {
    Fixture f;
    f.files = {{"/etc/k/first", kFirst}, {"/tmp/second", kSecond}};
    f.settings.kubeconfig = "/etc/k/first:/missing:/tmp/second";
    KubeConnection c = f.resolve();
    CHECK(c.contextName == "prod");
    CHECK(c.server == "https://prod:6443");
    CHECK(c.token == "first-token");
    // Relative paths start at the folder of the file that named them.
    CHECK(c.caFile == "/etc/k/ca/prod.pem");
    CHECK(c.clientKeyFile == "/etc/k/keys/admin.key");

    f.settings.context = "lab";
    c = f.resolve();
    CHECK(c.server == "https://lab:6443");
    CHECK(c.caData == "hello");
    f.settings.context = "dev";
    CHECK(f.resolve().insecureSkipTlsVerify);
    f.settings.context = "nope";
    CHECK_THROWS_WITH(f.resolve(), "context \"nope\" does not exist in /etc/k/first");
}

TEST_CASE("calicoctl's variables override the kubeconfig; a pod uses its service account") {
    Fixture f;
    f.files = {{"/home/op/.kube/config", kFirst}};
    f.env["K8S_API_ENDPOINT"] = "https://override:443";
    f.env["CALICO_K8S_API_TOKEN"] = "env-token";
    KubeConnection c = f.resolve();
    CHECK(c.server == "https://override:443");
    CHECK(c.token == "env-token");
    CHECK(c.source == "K8S_API_ENDPOINT");

    Fixture pod;
    pod.env = {{"KUBERNETES_SERVICE_HOST", "fd00::1"}, {"KUBERNETES_SERVICE_PORT", "443"}};
    c = pod.resolve();
    CHECK(c.server == "https://[fd00::1]:443");
    CHECK(c.tokenFile == "/var/run/secrets/kubernetes.io/serviceaccount/token");
    CHECK(c.caFile == "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt");
}

TEST_CASE("calicoctl's config file settings sit below its variables") {
    Fixture f;
    f.settings.calicoctlKubernetes = {{"k8sAPIEndpoint", "https://from-config:6443"},
                                      {"k8sAPIToken", "config-token"},
                                      {"k8sInsecureSkipTLSVerify", "true"}};
    KubeConnection c = f.resolve();
    CHECK(c.server == "https://from-config:6443");
    CHECK(c.token == "config-token");
    CHECK(c.insecureSkipTlsVerify);
    CHECK(c.source == "the calicoctl config file");
    f.env["K8S_API_TOKEN"] = "env-token";
    CHECK(f.resolve().token == "env-token");
}

TEST_CASE("nothing configured: exit 5 with a pointer") {
    Fixture f;
    try {
        f.resolve();
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Unreachable);
        CHECK(std::string(e.what()).find("--datastore-type file") != std::string::npos);
    }
    f.settings.kubeconfig = "/only/this";
    CHECK_THROWS_WITH(f.resolve(), doctest::Contains("kubeconfig /only/this does not exist"));
}

TEST_CASE("base64 of kubeconfig data fields") {
    CHECK(decodeBase64("aGVsbG8gd29ybGQ=") == "hello world");
    CHECK(decodeBase64("aGVsbG8gd29ybGQ") == "hello world");
    CHECK_THROWS(decodeBase64("not*base64"));
}

TEST_CASE("uid bit reversal keeps the version and variant bytes and is its own inverse") {
    std::string uid = "00000000-0000-4000-8000-000000000001";
    std::string reversed = reverseUidBits(uid);
    CHECK(reversed == "00000000-0000-4000-8000-000000000080");
    CHECK(reverseUidBits("01020304-0506-4708-8900-aabbccddeeff") ==
          "8040c020-a060-4710-8900-55dd33bb77ff");
    CHECK(reverseUidBits(reversed) == uid);
    CHECK(reverseUidBits("not-a-uid") == "not-a-uid");
}

TEST_CASE("crd.projectcalico.org/v1 <-> v3: metadata in the annotation, labels merged") {
    json cr = json::parse(R"({
      "apiVersion": "crd.projectcalico.org/v1", "kind": "BGPConfiguration",
      "metadata": {"name": "default", "resourceVersion": "42",
                   "uid": "01020304-0506-4708-8900-aabbccddeeff",
                   "creationTimestamp": "2026-01-01T00:00:00Z",
                   "labels": {"a": "cr", "b": "cr"},
                   "annotations": {"projectcalico.org/metadata":
                     "{\"creationTimestamp\":\"2025-05-05T00:00:00Z\",\"labels\":{\"b\":\"v3\",\"c\":\"v3\"}}"}},
      "spec": {"asNumber": 64512}})");
    json v3 = crdToV3(cr);
    CHECK(v3["apiVersion"] == "projectcalico.org/v3");
    CHECK(v3["metadata"]["labels"] == json({{"a", "cr"}, {"b", "v3"}, {"c", "v3"}}));
    CHECK(v3["metadata"]["creationTimestamp"] == "2025-05-05T00:00:00Z");
    CHECK(v3["metadata"]["resourceVersion"] == "42");
    CHECK(v3["metadata"]["uid"] == "8040c020-a060-4710-8900-55dd33bb77ff");
    CHECK_FALSE(v3["metadata"].contains("annotations"));
    CHECK(v3["spec"]["asNumber"] == 64512);

    json back = v3ToCrd(v3);
    CHECK(back["apiVersion"] == "crd.projectcalico.org/v1");
    CHECK(back["metadata"]["uid"] == "01020304-0506-4708-8900-aabbccddeeff");
    CHECK(back["metadata"]["name"] == "default");
    CHECK_FALSE(back["metadata"].contains("labels"));
    CHECK(crdToV3(back)["metadata"] == v3["metadata"]);
}
