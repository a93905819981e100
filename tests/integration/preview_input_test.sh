#!/usr/bin/env bash
# preview-routes on inputs that did not come from an API server, with the real binary: Services
# from manifests are defaulted as the API server would on create (and said so), the
# crd.projectcalico.org/v1 BGPConfigurations `kubectl get` prints are read as the Kubernetes
# datastore reads them, an input without the BGPConfiguration default is warned about with the
# fix, and CALICO_ADVERTISE_CLUSTER_IPS that calico-node cannot parse is previewed, not refused.
source "$(dirname "$0")/lib.sh"

# --- a kubectl dump with the stored custom resource ------------------------------------------
crd_default='{"apiVersion": "crd.projectcalico.org/v1", "kind": "BGPConfiguration",
   "metadata": {"name": "default", "uid": "8ab5e4a0-9e07-4c08-9e9b-2b4b1b3b9b6c",
                "resourceVersion": "812", "generation": 1,
                "creationTimestamp": "2026-01-02T03:04:05Z",
                "managedFields": [{"manager": "calicoctl", "operation": "Update"}]},
   "spec": {"serviceClusterIPs": [{"cidr": "10.96.0.0/12"}],
            "serviceLoadBalancerIPs": [{"cidr": "198.51.100.0/24"}]}},'
cluster_objects='{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-a"}},
  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-b"}},
  {"apiVersion": "v1", "kind": "Service",
   "metadata": {"name": "web", "namespace": "shop"},
   "spec": {"type": "LoadBalancer", "externalTrafficPolicy": "Local",
            "clusterIP": "10.96.14.7", "clusterIPs": ["10.96.14.7"], "ipFamilies": ["IPv4"]},
   "status": {"loadBalancer": {"ingress": [{"ip": "198.51.100.20"}]}}},
  {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
   "metadata": {"name": "web-1", "namespace": "shop",
                "labels": {"kubernetes.io/service-name": "web"}},
   "addressType": "IPv4",
   "endpoints": [{"addresses": ["192.168.1.5"], "nodeName": "node-a",
                  "conditions": {"ready": true}}]}'
dump="$WORK/dump.json"
echo "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [$crd_default $cluster_objects]}" >"$dump"
run preview-routes --from "$dump" --node node-a --no-headers
check_rc 0 "a dump with a crd.projectcalico.org/v1 BGPConfiguration"
check_out_has "node-a  10.96.0.0/12" "its serviceClusterIPs are read"
check_out_has "node-a  198.51.100.20/32" "and its serviceLoadBalancerIPs"
check_true "[ ! -s '$WORK/err' ]" "no warning: the dump is complete and defaulted"

# The same dump as the help's old example made it, without the BGPConfigurations.
echo "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [$cluster_objects]}" >"$WORK/nobgp.json"
run preview-routes --from "$WORK/nobgp.json" --exit-code
check_rc 1 "no BGPConfiguration default: a warning that --exit-code counts"
check_err_has "Warning: NoDefaultBgpConfiguration: the input holds no BGPConfiguration 'default'" \
    "warned loudly"
check_err_has "kubectl get nodes,svc,endpointslices,bgpconfigurations -A -o json" "with the fix"
check_true "! grep -q '10.96.0.0/12' '$WORK/out'" "and no range planned"

# `kubectl get bgpconfigurations -o yaml` as a second input completes it.
bgp=$(write_file bgp.yaml <<'EOF'
apiVersion: v1
kind: List
items:
- apiVersion: crd.projectcalico.org/v1
  kind: BGPConfiguration
  metadata:
    name: default
    annotations:
      projectcalico.org/metadata: '{"creationTimestamp":null}'
  spec:
    serviceClusterIPs:
    - cidr: 10.96.0.0/12
EOF
)
run preview-routes --from "$WORK/nobgp.json" --from "$bgp" --node node-b --no-headers
check_rc 0 "the BGPConfigurations as a second --from"
check_out_has "node-b  10.96.0.0/12" "read from kubectl's YAML"
check_true "[ ! -s '$WORK/err' ]" "no warning then"

# A snapshot of the dump holds the v3 form.
run snapshot save "$WORK/snap" --from "$dump"
check_rc 0 "snapshot save of a dump with the custom resource"
check_true "grep -q 'apiVersion: projectcalico.org/v3' '$WORK/snap/bgpconfigurations/default.yaml'" \
    "stored as projectcalico.org/v3"
run preview-routes --from "$WORK/snap" --node node-a --no-headers
check_out_has "node-a  10.96.0.0/12" "the snapshot previews alike"

# --- Services from a manifest are defaulted as the API server would --------------------------
manifest=$(write_file manifest.yaml <<'EOF'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec:
  serviceClusterIPs: [{cidr: 10.96.0.0/12}]
  serviceExternalIPs: [{cidr: 192.0.2.0/24}]
  serviceLoadBalancerAggregation: Disabled
---
apiVersion: v1
kind: Node
metadata: {name: node-a}
---
# What `kubectl create service clusterip --dry-run=client -o yaml` leaves, with a clusterIP and
# an external IP written in by hand: no type, clusterIPs, ipFamilies or externalTrafficPolicy.
apiVersion: v1
kind: Service
metadata: {name: hand, namespace: shop}
spec:
  clusterIP: 10.96.14.9
  externalIPs: [192.0.2.9]
  ports: [{port: 80}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: hand-1
  namespace: shop
  labels: {kubernetes.io/service-name: hand}
addressType: IPv4
endpoints: [{addresses: [192.168.1.9], nodeName: node-a, conditions: {ready: true}}]
EOF
)
run preview-routes --from "$manifest" --node node-a --no-headers
check_rc 0 "a hand-written manifest"
check_out_has "node-a  192.0.2.9/32" "defaulted to Cluster policy: advertised (aggregation Disabled)"
check_err_has "Warning: ServiceDefaulted: 1 service from files never went through an API server" \
    "the defaulting is counted among the warnings"
run preview-routes --from "$manifest" --explain shop/hand
check_rc 0 "--explain of the defaulted service"
check_out_has "Never through an API server: defaulted as it would be on create:" "explain says so"
check_out_has "  type: ClusterIP" "explain: type"
check_out_has "  externalTrafficPolicy: Cluster" "explain: externalTrafficPolicy"
check_out_has "  clusterIPs: [10.96.14.9]" "explain: clusterIPs"
check_out_has "  ipFamilies: [IPv4]" "explain: ipFamilies"
run preview-routes --from "$manifest" --explain shop/hand -o json
check_out_has '"defaulted": [' "explain document lists what was set"

# --- CALICO_ADVERTISE_CLUSTER_IPS that calico-node cannot parse -------------------------------
run preview-routes --from "$dump" --advertise-cluster-ips 10.96.0.0/12,10.100.0.0/16 --no-headers
check_rc 0 "a comma-separated --advertise-cluster-ips is previewed, not refused"
check_true "! grep -q '10.96.0.0/12' '$WORK/out'" "no cluster range"
check_true "! grep -q '10.100.0.0/16' '$WORK/out'" "none of the list's entries"
check_out_has "node-a  198.51.100.20/32" "other routes stay"
check_err_has "CidrListDropped: CALICO_ADVERTISE_CLUSTER_IPS '10.96.0.0/12,10.100.0.0/16' is not a CIDR" \
    "warned, naming the value"

finish
