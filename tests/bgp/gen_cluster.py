#!/usr/bin/env python3
"""Writes a random cluster snapshot for the BGP lab: Nodes, Services, EndpointSlices and the
BGPConfigurations, as JSON files in OUTDIR. The same SEED gives the same cluster.

usage: gen_cluster.py SEED OUTDIR [NODES]

Every cluster has Local and Cluster services, a single-IP (/32 and /128) load balancer entry,
IPv4-only and dual-stack services, endpoints that are ready or not, a node with the exclude
label, and prefixAdvertisements with standard and large communities (and a node.<name> list
replacing the global one on one node).
"""
import json
import os
import random
import sys

EXCLUDE_LABEL = "node.kubernetes.io/exclude-from-external-load-balancers"


def main(argv):
    seed, outdir = int(argv[1]), argv[2]
    count = int(argv[3]) if len(argv) > 3 else 4
    rng = random.Random(seed)
    os.makedirs(outdir, exist_ok=True)
    nodes = ["gen-%d" % i for i in range(count)]
    excluded = rng.choice(nodes[1:])
    node_objects = []
    for name in nodes:
        labels = {"kubernetes.io/hostname": name}
        if name == excluded:
            labels[EXCLUDE_LABEL] = "true"
        node_objects.append({"apiVersion": "v1", "kind": "Node",
                             "metadata": {"name": name, "labels": labels}})

    services, slices = [], []
    single_v4 = "203.0.113.%d" % rng.randint(1, 250)
    single_v6 = "fd00:203::%x" % rng.randint(1, 250)

    def add_service(index, policy, dual, single=False, external=False):
        name = "svc%d" % index
        v4 = "10.96.%d.%d" % (index, rng.randint(1, 250))
        v6 = "fd00:10:96::%x" % (0x100 * index + rng.randint(1, 250))
        cluster_ips = [v4, v6] if dual else [v4]
        spec = {"type": "LoadBalancer", "externalTrafficPolicy": policy,
                "clusterIP": v4, "clusterIPs": cluster_ips,
                "ipFamilies": ["IPv4", "IPv6"] if dual else ["IPv4"],
                "ipFamilyPolicy": "RequireDualStack" if dual else "SingleStack",
                "ports": [{"port": 80, "protocol": "TCP"}]}
        ingress = [{"ip": single_v4}] if single else [{"ip": "198.51.100.%d" % (index + 10)}]
        if single and dual:
            ingress.append({"ip": single_v6})
        if external:
            spec["externalIPs"] = ["192.0.2.%d" % (index + 10)]
        services.append({"apiVersion": "v1", "kind": "Service",
                         "metadata": {"name": name, "namespace": "lab"}, "spec": spec,
                         "status": {"loadBalancer": {"ingress": ingress}}})
        hosts = rng.sample(nodes, rng.randint(1, len(nodes) - 1))
        for family in (["IPv4", "IPv6"] if dual else ["IPv4"]):
            endpoints = []
            for position, host in enumerate(hosts):
                address = ("192.168.%d.%d" % (index, position + 1) if family == "IPv4"
                           else "fd00:168::%x:%x" % (index, position + 1))
                endpoints.append({"addresses": [address], "nodeName": host,
                                  "conditions": {"ready": position == 0 or rng.random() > 0.3}})
            slices.append({"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                           "metadata": {"name": "%s-%s" % (name, family.lower()),
                                        "namespace": "lab",
                                        "labels": {"kubernetes.io/service-name": name}},
                           "addressType": family, "endpoints": endpoints})

    index = 1
    for policy in ("Local", "Cluster"):
        for dual in (False, True):
            add_service(index, policy, dual, external=(index % 2 == 1))
            index += 1
    add_service(index, "Cluster", True, single=True)
    index += 1
    add_service(index, "Local", False, single=False)

    communities = [{"name": "edge", "value": "65000:100"},
                   {"name": "big", "value": "65000:%d:%d" % (rng.randint(1, 9), rng.randint(1, 9))}]
    default = {"apiVersion": "projectcalico.org/v3", "kind": "BGPConfiguration",
               "metadata": {"name": "default"},
               "spec": {"asNumber": 64512,
                        "serviceClusterIPs": [{"cidr": "10.96.0.0/16"},
                                              {"cidr": "fd00:10:96::/112"}],
                        "serviceExternalIPs": [{"cidr": "192.0.2.0/24"}],
                        "serviceLoadBalancerIPs": [{"cidr": "198.51.100.0/24"},
                                                   {"cidr": single_v4 + "/32"},
                                                   {"cidr": single_v6 + "/128"}],
                        "communities": communities,
                        "prefixAdvertisements": [
                            {"cidr": "10.96.0.0/16", "communities": ["edge", "65000:7"]},
                            {"cidr": "198.51.100.0/24", "communities": ["big"]},
                            {"cidr": "fd00:10:96::/112", "communities": ["edge"]}]}}
    per_node = {"apiVersion": "projectcalico.org/v3", "kind": "BGPConfiguration",
                "metadata": {"name": "node." + nodes[0]},
                "spec": {"prefixAdvertisements": [
                    {"cidr": "10.96.0.0/16", "communities": ["65000:%d" % rng.randint(200, 299)]}]}}

    def write(name, items):
        with open(os.path.join(outdir, name), "w") as handle:
            json.dump({"apiVersion": "v1", "kind": "List", "items": items}, handle, indent=1)

    write("nodes.json", node_objects)
    write("services.json", services)
    write("endpointslices.json", slices)
    write("bgpconfigurations.json", [default, per_node])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
