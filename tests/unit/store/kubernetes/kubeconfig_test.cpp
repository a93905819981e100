#include <doctest/doctest.h>

#include <map>

#include "svcadv/store/kubernetes/kubeconfig.h"
#include "svcadv/util/error.h"

using namespace svcadv;

namespace {

struct Fixture {
    std::map<std::string, std::string> files;
    std::map<std::string, std::string> env{{"HOME", "/home/op"}};
    DatastoreSettings settings;

    EnvironmentLookup lookup() const {
        return [this](const std::string& name) -> std::optional<std::string> {
            auto it = env.find(name);
            if (it == env.end()) return std::nullopt;
            return it->second;
        };
    }
    FileReader reader() const {
        return [this](const std::string& path) -> std::optional<std::string> {
            auto it = files.find(path);
            if (it == files.end()) return std::nullopt;
            return it->second;
        };
    }

    KubeConnection resolve() const { return resolveKubeConnection(settings, lookup(), reader()); }
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

TEST_CASE("insecure-skip-tls-verify that is no boolean: the file is refused, naming the field") {
    // Found by the kubeconfig fuzz target: nlohmann's type_error, exit 7.
    Fixture f;
    f.files = {{"/k", R"(
clusters: [{name: c, cluster: {server: "https://h", insecure-skip-tls-verify: tru@}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
)"}};
    f.settings.kubeconfig = "/k";
    CHECK_THROWS_WITH(f.resolve(),
                      "/k: cluster \"c\": insecure-skip-tls-verify: expected true or false");
    f.files["/k"] = R"(
clusters: [{name: c, cluster: {server: "https://h", insecure-skip-tls-verify: null}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
)";
    CHECK_FALSE(f.resolve().insecureSkipTlsVerify);
}

TEST_CASE("the kubeconfig file list: a ':' list as kubectl splits it, else ~/.kube/config") {
    Fixture f;
    f.settings.kubeconfig = "/a:/b::/c:";
    CHECK(kubeconfigFiles(f.settings, f.lookup()) == std::vector<std::string>{"/a", "/b", "/c"});
    f.settings.kubeconfig = "/only";
    CHECK(kubeconfigFiles(f.settings, f.lookup()) == std::vector<std::string>{"/only"});
    f.settings.kubeconfig.clear();
    CHECK(kubeconfigFiles(f.settings, f.lookup()) ==
          std::vector<std::string>{"/home/op/.kube/config"});
    f.env.clear();
    CHECK(kubeconfigFiles(f.settings, f.lookup()).empty());
}

TEST_CASE("context names of every file, each once; missing and broken files add nothing") {
    Fixture f;
    f.files = {{"/etc/k/first", kFirst},
               {"/tmp/second", kSecond},
               {"/bad", "contexts: [unclosed"},
               {"/list", "- not a kubeconfig"},
               {"/again", "contexts: [{name: dev}, {}, 7]"}};
    CHECK(kubeconfigContextNames(
              {"/bad", "/etc/k/first", "/missing", "/list", "/tmp/second", "/again"}, f.reader()) ==
          std::vector<std::string>{"prod", "dev", "lab"});
    CHECK(kubeconfigContextNames({}, f.reader()).empty());
    // A reader that fails (a file that exists but cannot be read) is skipped too.
    auto failing = [](const std::string& path) -> std::optional<std::string> {
        throw invalidInput(path + ": cannot read");
    };
    CHECK(kubeconfigContextNames({"/etc/k/first"}, failing).empty());
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
