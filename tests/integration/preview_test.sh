#!/usr/bin/env bash
# preview-routes and snapshot save with the real binary: every --from input shape gives the same
# plan, a snapshot round trip is lossless, malformed input fails with the documented exit codes.
# -o bird is checked against BIRD itself in bird_test.sh.
source "$(dirname "$0")/lib.sh"
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"

# --- the example snapshot, by node and by prefix --------------------------------------------
run preview-routes --from "$EXAMPLE"
check_rc 0 "preview the example"
check_out_has "node-a  10.96.14.7/32      LocalEndpoint     shop/web" "Local service on its endpoint's node"
check_out_has "node-d  -                  NodeExcluded      -" "excluded node listed without routes"
check_true "! grep -q 'node-d  10' '$WORK/out'" "excluded node advertises nothing"
check_true "[ \"\$(grep -c '^node-b ' '$WORK/out')\" = 8 ]" "node-b has exactly 8 routes"
check_err_has "Warning: LocalNoReadyEndpoints: shop/cart:" "not-ready Local service warned"
check_err_has "Warning: AmbiguousExcludeLabel: node node-e:" "ambiguous label warned"

run preview-routes --from "$EXAMPLE" --by prefix -o wide --no-headers
check_out_has "10.96.30.5/32      node-b,node-e                2" "ECMP next hops per prefix"
check_out_has "10.96.0.0/12       node-a,node-b,node-c,node-e  4" "wide lists every node"

run preview-routes --from "$EXAMPLE" --by prefix
check_out_has "10.96.0.0/12       node-a,node-b,node-c,+1 more  4" "long node lists abbreviated"

run preview-routes --from "$EXAMPLE" -o json
check_rc 0 "-o json"
cp "$WORK/out" "$WORK/example.json"
check_out_has '"kind": "RoutePreview"' "RoutePreview document"
check_out_has '{"name": "node-d", "excluded": true, "routes": [], "rejectCidrs": [' "excluded node in json"
check_out_has '{"code":"LocalNoReadyEndpoints","message":' "warnings inside the document"
check_true "[ ! -s '$WORK/err' ]" "no warnings on stderr with -o json"

run preview-routes --from "$EXAMPLE" -o yaml --node node-c --service shop/search
check_out_has "prefix: fd00:10:96::4/128" "yaml output, filtered, RFC 5952 IPv6"
check_true "! grep -q 'node-a' '$WORK/out'" "--node filter"

run preview-routes --from "$EXAMPLE" --explain shop/web --no-headers
check_out_has "node-d  clusterIP 10.96.14.7          10.96.14.7/32     no   NodeExcluded" "explain: excluded node"
check_out_has "node-a  loadBalancerIP 198.51.100.20  198.51.100.20/32  yes  LocalEndpoint" "explain: advertising node"

# --- proposals and diff ---------------------------------------------------------------------
run preview-routes --from "$EXAMPLE" --exclude node-a --diff
check_rc 0 "diff without --exit-code"
check_out "NODE    CHANGE  PREFIX            REASON            SERVICE
node-a  -       10.96.0.0/12      ClusterCIDR       -
node-a  -       10.96.14.7/32     LocalEndpoint     shop/web
node-a  -       10.96.20.2/32     SingleIPCluster   shop/checkout
node-a  -       192.0.2.0/24      ExternalCIDR      -
node-a  -       198.51.100.0/24   LoadBalancerCIDR  -
node-a  -       198.51.100.20/32  LocalEndpoint     shop/web
node-a  -       203.0.113.10/32   SingleIPCluster   shop/checkout
node-a  -       fd00:10:96::/112  ClusterCIDR       -" "excluding node-a withdraws its routes"

run preview-routes --from "$EXAMPLE" --exclude node-a --diff --exit-code -o json
check_rc 1 "non-empty diff with --exit-code"
check_out_has '"kind": "RoutePreviewDiff"' "diff document"

run preview-routes --from "$EXAMPLE" --include node-b --diff --exit-code --fail-on EcmpFanoutAbove
check_rc 0 "no change and no gated warning"
check_out "No route changes." "empty diff message"

proposal=$(write_file proposal.yaml <<'EOF'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec:
  serviceClusterIPs: [{cidr: 10.96.0.0/12}]
  serviceLoadBalancerIPs: [{cidr: 198.51.100.0/24}]
  serviceLoadBalancerAggregation: Disabled
EOF
)
run preview-routes --from "$EXAMPLE" --bgpconfig "$proposal" --diff --node node-b
check_out_has "node-b  +       10.96.20.1/32     AggregationDisabled  shop/api" "aggregation off adds Cluster service /32s"
check_out_has "node-b  -       198.51.100.0/24   LoadBalancerCIDR     -" "and withdraws the LB range"

run preview-routes --from "$EXAMPLE" --exit-code
check_rc 1 "warnings count for --exit-code"
run preview-routes --from "$EXAMPLE" --exit-code --fail-on EcmpFanoutAbove
check_rc 0 "--fail-on narrows the gated warnings"
run preview-routes --from "$EXAMPLE" --exit-code --fail-on EcmpFanoutAbove --max-paths 3
check_rc 1 "fan-out above --max-paths"
check_err_has "Warning: EcmpFanoutAbove: 10.96.0.0/12: 4 nodes advertise" "fan-out warning"

run preview-routes --from "$EXAMPLE" --advertise-cluster-ips 10.100.0.0/16 --node node-a --no-headers
check_out_has "node-a  10.100.0.0/16" "CALICO_ADVERTISE_CLUSTER_IPS override"
check_true "! grep -q '10.96.0.0/12' '$WORK/out'" "override replaces serviceClusterIPs"

# --- every input shape gives the same plan ----------------------------------------------------
mkdir -p "$WORK/shapes/dir/nested" "$WORK/shapes/.hidden"
cat >"$WORK/shapes/multi.yaml" <<'EOF'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec: {serviceClusterIPs: [{cidr: 10.96.0.0/12}]}
---
apiVersion: v1
kind: Node
metadata: {name: n1}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: LoadBalancer, externalTrafficPolicy: Local, clusterIP: 10.96.0.9}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints: [{addresses: [192.168.0.1], nodeName: n1}]
EOF
cat >"$WORK/shapes/list.json" <<'EOF'
{"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": [
 {"apiVersion": "projectcalico.org/v3", "kind": "BGPConfiguration", "metadata": {"name": "default"},
  "spec": {"serviceClusterIPs": [{"cidr": "10.96.0.0/12"}]}},
 {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}, "status": {"images": []}},
 {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "shop"},
  "spec": {"type": "LoadBalancer", "externalTrafficPolicy": "Local", "clusterIP": "10.96.0.9"}},
 {"addressType": "IPv4", "apiVersion": "discovery.k8s.io/v1",
  "endpoints": [{"addresses": ["192.168.0.1"], "nodeName": "n1"}], "kind": "EndpointSlice",
  "metadata": {"name": "web-1", "namespace": "shop", "labels": {"kubernetes.io/service-name": "web"}}}
]}
EOF
sed -n '1,4p' "$WORK/shapes/multi.yaml" >"$WORK/shapes/dir/bgp.yml"
sed -n '6,8p' "$WORK/shapes/multi.yaml" >"$WORK/shapes/dir/node.yaml"
sed -n '10,13p' "$WORK/shapes/multi.yaml" >"$WORK/shapes/dir/nested/svc.yaml"
echo '{"addressType":"IPv4","apiVersion":"discovery.k8s.io/v1","endpoints":[{"addresses":["192.168.0.1"],"nodeName":"n1"}],"kind":"EndpointSlice","metadata":{"name":"web-1","namespace":"shop","labels":{"kubernetes.io/service-name":"web"}}}' >"$WORK/shapes/dir/nested/slice.json"
echo 'not: [valid' >"$WORK/shapes/dir/README.txt"
echo 'not: [valid' >"$WORK/shapes/.hidden/broken.yaml"

run preview-routes --from "$WORK/shapes/multi.yaml" -o json
check_out_has '"prefix": "10.96.0.9/32", "sources": [{"reason": "LocalEndpoint", "service": "shop/web", "address": "clusterIP"}]' "multi-document YAML"
reference=$OUT
run preview-routes --from "$WORK/shapes/list.json" -o json
check_true '[ "$OUT" = "$reference" ]' "JSON List gives the same plan"
run preview-routes --from "$WORK/shapes/dir" -o json
check_true '[ "$OUT" = "$reference" ]' "directory (recursive, .yml/.json, hidden and other files skipped)"
run_stdin "$WORK/shapes/multi.yaml" preview-routes --from - -o json
check_true '[ "$OUT" = "$reference" ]' "standard input"
run preview-routes --from "$WORK/shapes/multi.yaml" --from "$WORK/shapes/list.json" -o json
check_true '[ "$OUT" = "$reference" ]' "the same objects twice are counted once"

# --- snapshot save: the result is a --from input and a --data-dir -----------------------------
run snapshot save "$WORK/snap" --from "$EXAMPLE"
check_rc 0 "snapshot save"
check_out "Saved 21 object(s) to $WORK/snap: 1 BGPConfiguration, 5 Node, 8 Service, 7 EndpointSlice" "snapshot report"
check_true "[ -f '$WORK/snap/services/shop/web.yaml' ] && [ -f '$WORK/snap/nodes/node-a.yaml' ]" "storage layout"
run preview-routes --from "$WORK/snap" -o json
check_true "[ \"\$OUT\" = \"\$(cat '$WORK/example.json')\" ]" "snapshot -> --from gives the identical plan"
run preview-routes --datastore-type file --data-dir "$WORK/snap" -o json
check_true "[ \"\$OUT\" = \"\$(cat '$WORK/example.json')\" ]" "snapshot as --data-dir gives the identical plan"
run snapshot save "$WORK/snap2" --datastore-type file --data-dir "$WORK/snap"
check_rc 0 "snapshot of a datastore"
run preview-routes --from "$WORK/snap2" -o json
check_true "[ \"\$OUT\" = \"\$(cat '$WORK/example.json')\" ]" "datastore snapshot round trip"

evil=$(write_file evil.yaml <<'EOF'
apiVersion: v1
kind: Node
metadata: {name: ../../escape}
EOF
)
run snapshot save "$WORK/snap3" --from "$evil"
check_rc 3 "a name that is no file name"
check_true "[ ! -e '$WORK/escape.yaml' ] && [ ! -e '$WORK/snap3/nodes' ]" "nothing written outside or inside"

# Kinds a cluster's route state does not hold are skipped; ClusterInformation is kept.
mixed=$(write_file mixed.yaml <<'EOF'
apiVersion: v1
kind: Node
metadata: {name: node-x}
---
apiVersion: projectcalico.org/v3
kind: ClusterInformation
metadata: {name: default}
spec: {calicoVersion: v3.29.0}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: default}
EOF
)
run snapshot save "$WORK/snap4" --from "$mixed"
check_rc 0 "snapshot of mixed kinds"
check_out_has "(1 of other kinds skipped)" "the ConfigMap skipped"
check_true "[ -f '$WORK/snap4/nodes/node-x.yaml' ] && [ -f '$WORK/snap4/clusterinformations/default.yaml' ] && [ ! -e '$WORK/snap4/configmaps' ]" "the node and ClusterInformation (the Calico version) stored"

# --- malformed input and bad flags --------------------------------------------------------------
bad_json=$(write_file bad.json <<<'{"items": [{"kind": "Node", "metadata": {"name": "x"}},')
run preview-routes --from "$bad_json"
check_rc 3 "truncated JSON"
check_err_has "bad.json: invalid JSON: " "names the file"
wrong_type=$(write_file wrong.yaml <<'EOF'
apiVersion: v1
kind: Node
metadata: {name: a}
---
apiVersion: v1
kind: Service
metadata: {name: s, namespace: x}
spec: {clusterIPs: 10.96.0.1}
EOF
)
run preview-routes --from "$wrong_type"
check_rc 3 "wrong type"
check_err "$wrong_type: document 2: spec.clusterIPs: expected a list, got a string" "names file, document and field"
run preview-routes --from "$WORK/nope.yaml"
check_rc 3 "missing --from path"
check_err "--from $WORK/nope.yaml: no such file or directory" "missing path message"
invalid=$(write_file invalid.yaml <<'EOF'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec: {serviceClusterIPs: [{cidr: 10.96.0.1/12}]}
EOF
)
run preview-routes --from "$EXAMPLE" --bgpconfig "$invalid"
check_rc 3 "invalid proposal"
check_err_has "invalid.yaml: document 1: error with field" "proposal validated as apply would"

run preview-routes --from "$EXAMPLE" -o bird
check_rc 2 "-o bird without --node"
run preview-routes --from "$EXAMPLE" --diff
check_rc 2 "--diff without a proposal"
run preview-routes --from "$EXAMPLE" --fail-on Nope --exit-code
check_rc 2 "unknown --fail-on code"
check_err "--fail-on: unknown warning code 'Nope'" "names the flag"
run preview-routes --from "$EXAMPLE" --explain shop/nope
check_rc 2 "--explain of an unknown service"
run preview-routes --from "$EXAMPLE" --exclude node-z
check_rc 2 "--exclude of an unknown node"
check_err_has "--exclude: node 'node-z' is not in the input" "names the node"
run preview-routes --from "$EXAMPLE" -o xml
check_rc 2 "unknown output format"

finish
