// Writes a synthetic cluster as one `kubectl get nodes,svc,endpointslices -A -o json` List, shaped
// like real output (managedFields, annotations, node status with images) so that the byte count and
// the parser's work are realistic. Deterministic: the same arguments give the same bytes.
//
//   gen_snapshot NODES SERVICES ENDPOINTS > cluster.json
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

std::string ipv4(unsigned value) {
    return std::to_string((value >> 24) & 255) + "." + std::to_string((value >> 16) & 255) + "." +
           std::to_string((value >> 8) & 255) + "." + std::to_string(value & 255);
}

std::string nodeName(long index) {
    return "node-" + std::to_string(index);
}

void printNode(long index, bool excluded) {
    std::printf(
        R"({"apiVersion":"v1","kind":"Node","metadata":{"annotations":{"node.alpha.kubernetes.io/ttl":"0","projectcalico.org/IPv4Address":"%s/16","volumes.kubernetes.io/controller-managed-attach-detach":"true"},"creationTimestamp":"2026-01-01T00:00:00Z","labels":{"beta.kubernetes.io/arch":"amd64","beta.kubernetes.io/os":"linux","kubernetes.io/arch":"amd64","kubernetes.io/hostname":"%s","kubernetes.io/os":"linux"%s},"name":"%s","resourceVersion":"%ld","uid":"6f1c0d6e-0000-4000-8000-%012ld"},"spec":{"podCIDR":"192.168.%ld.0/24","podCIDRs":["192.168.%ld.0/24"]},"status":{"addresses":[{"address":"%s","type":"InternalIP"},{"address":"%s","type":"Hostname"}],"allocatable":{"cpu":"8","memory":"32Gi","pods":"110"},"capacity":{"cpu":"8","memory":"32Gi","pods":"110"},"conditions":[{"lastHeartbeatTime":"2026-01-01T00:00:00Z","lastTransitionTime":"2026-01-01T00:00:00Z","message":"kubelet is posting ready status","reason":"KubeletReady","status":"True","type":"Ready"}],"images":[{"names":["registry.k8s.io/kube-proxy@sha256:0000000000000000000000000000000000000000000000000000000000000000","registry.k8s.io/kube-proxy:v1.31.0"],"sizeBytes":30000000},{"names":["docker.io/calico/node@sha256:1111111111111111111111111111111111111111111111111111111111111111","docker.io/calico/node:v3.33.0"],"sizeBytes":120000000}],"nodeInfo":{"architecture":"amd64","containerRuntimeVersion":"containerd://1.7.0","kernelVersion":"6.1.0","kubeProxyVersion":"v1.31.0","kubeletVersion":"v1.31.0","operatingSystem":"linux","osImage":"Debian GNU/Linux 12"}}})",
        ipv4(0x0a000000u + static_cast<unsigned>(index)).c_str(), nodeName(index).c_str(),
        excluded ? R"(,"node.kubernetes.io/exclude-from-external-load-balancers":"true")" : "",
        nodeName(index).c_str(), 1000 + index, index, index % 256, index % 256,
        ipv4(0x0a000000u + static_cast<unsigned>(index)).c_str(), nodeName(index).c_str());
}

struct ServiceShape {
    const char* type;
    const char* policy;  // nullptr for ClusterIP
    bool externalIp;
    bool ingress;
};

ServiceShape shapeOf(long index) {
    switch (index % 10) {
        case 0:
            return {"LoadBalancer", "Local", false, true};
        case 1:
            return {"LoadBalancer", "Cluster", false, true};
        case 2:
            return {"NodePort", "Local", true, false};
        default:
            return {"ClusterIP", nullptr, false, false};
    }
}

void printService(long index) {
    ServiceShape shape = shapeOf(index);
    std::string ns = "ns-" + std::to_string(index % 200);
    std::string name = "svc-" + std::to_string(index);
    std::string clusterIp = ipv4(0x0a600000u + static_cast<unsigned>(index));
    std::string extra;
    if (shape.policy) extra += std::string(R"(,"externalTrafficPolicy":")") + shape.policy + "\"";
    if (shape.externalIp)
        extra += R"(,"externalIPs":[")" + ipv4(0xc6330000u + static_cast<unsigned>(index)) + "\"]";
    // One service in ten was created with `kubectl apply` and carries its last configuration.
    std::string annotations;
    if (index % 10 == 5)
        annotations =
            R"("annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"annotations\":{},\"name\":\")" +
            name + R"(\",\"namespace\":\")" + ns +
            R"(\"},\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":8080}]}}\n"},)";
    std::string status = "{}";
    if (shape.ingress)
        status = R"({"loadBalancer":{"ingress":[{"ip":")" +
                 ipv4(0xcb000000u + static_cast<unsigned>(index)) + R"(","ipMode":"VIP"}]}})";
    std::printf(
        R"({"apiVersion":"v1","kind":"Service","metadata":{%s"creationTimestamp":"2026-01-01T00:00:00Z","labels":{"app":"%s"},"name":"%s","namespace":"%s","resourceVersion":"%ld","uid":"7a2b0000-0000-4000-8000-%012ld"},"spec":{"clusterIP":"%s","clusterIPs":["%s"],"internalTrafficPolicy":"Cluster","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack","ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":8080}],"selector":{"app":"%s"},"sessionAffinity":"None","type":"%s"%s},"status":%s})",
        annotations.c_str(), name.c_str(), name.c_str(), ns.c_str(), 200000 + index, index,
        clusterIp.c_str(), clusterIp.c_str(), name.c_str(), shape.type, extra.c_str(),
        status.c_str());
}

void printSlice(long index, long endpoints, long nodes, std::mt19937& random) {
    std::string ns = "ns-" + std::to_string(index % 200);
    std::string service = "svc-" + std::to_string(index);
    std::printf(R"({"addressType":"IPv4","apiVersion":"discovery.k8s.io/v1","endpoints":[)");
    for (long e = 0; e < endpoints; ++e) {
        long node = static_cast<long>(random() % static_cast<unsigned long>(nodes));
        bool ready = random() % 20 != 0;
        std::printf(
            R"(%s{"addresses":["%s"],"conditions":{"ready":%s,"serving":%s,"terminating":false},"nodeName":"%s","targetRef":{"kind":"Pod","name":"%s-%ld"}})",
            e ? "," : "", ipv4(0xc0a80000u + static_cast<unsigned>(random() % 65536)).c_str(),
            ready ? "true" : "false", ready ? "true" : "false", nodeName(node).c_str(),
            service.c_str(), e);
    }
    std::printf(
        R"(],"kind":"EndpointSlice","metadata":{"creationTimestamp":"2026-01-01T00:00:00Z","generateName":"%s-","labels":{"endpointslice.kubernetes.io/managed-by":"endpointslice-controller.k8s.io","kubernetes.io/service-name":"%s"},"name":"%s-abcde","namespace":"%s","resourceVersion":"%ld"},"ports":[{"name":"http","port":8080,"protocol":"TCP"}]})",
        service.c_str(), service.c_str(), service.c_str(), ns.c_str(), 400000 + index);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: gen_snapshot NODES SERVICES ENDPOINTS\n");
        return 2;
    }
    long nodes = std::atol(argv[1]);
    long services = std::atol(argv[2]);
    long endpoints = std::atol(argv[3]);
    if (nodes < 1 || services < 0 || endpoints < 0) {
        std::fprintf(stderr, "gen_snapshot: counts must be positive\n");
        return 2;
    }
    std::mt19937 random(42);
    std::printf(R"({"apiVersion":"v1","items":[)");
    std::printf(
        R"({"apiVersion":"projectcalico.org/v3","kind":"BGPConfiguration","metadata":{"name":"default"},"spec":{"serviceClusterIPs":[{"cidr":"10.96.0.0/12"}],"serviceExternalIPs":[{"cidr":"198.51.100.0/24"},{"cidr":"198.51.0.0/16"}],"serviceLoadBalancerIPs":[{"cidr":"203.0.113.0/24"},{"cidr":"203.0.0.0/16"}]}})");
    // In the order kubectl prints them: each kind as the API server lists it, by namespace and
    // name as strings (node-10 before node-2).
    std::vector<long> nodeOrder(static_cast<std::size_t>(nodes));
    std::iota(nodeOrder.begin(), nodeOrder.end(), 0L);
    std::sort(nodeOrder.begin(), nodeOrder.end(),
              [](long a, long b) { return nodeName(a) < nodeName(b); });
    std::vector<long> serviceOrder(static_cast<std::size_t>(services));
    std::iota(serviceOrder.begin(), serviceOrder.end(), 0L);
    auto serviceKey = [](long index) {
        return std::make_pair("ns-" + std::to_string(index % 200), "svc-" + std::to_string(index));
    };
    std::sort(serviceOrder.begin(), serviceOrder.end(),
              [&](long a, long b) { return serviceKey(a) < serviceKey(b); });
    for (long n : nodeOrder) {
        std::printf(",");
        printNode(n, n % 50 == 49);
    }
    for (long s : serviceOrder) {
        std::printf(",");
        printService(s);
    }
    // Endpoints spread evenly over the services, one slice per service (named after it, so in
    // the same order).
    for (long s : serviceOrder) {
        long count = endpoints / services + (s < endpoints % services ? 1 : 0);
        std::printf(",");
        printSlice(s, count, nodes, random);
    }
    std::printf(R"(],"kind":"List","metadata":{"resourceVersion":""}})");
    std::printf("\n");
    return 0;
}
