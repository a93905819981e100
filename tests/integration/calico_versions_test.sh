#!/usr/bin/env bash
# preview-routes under the route rules of a Calico release: --calico-version, detection from
# ClusterInformation default (in --from input and in a saved snapshot), core v1 Endpoints for
# releases up to 3.30, and the error-level findings about cidr lists calico-node drops or BIRD
# refuses.
source "$(dirname "$0")/lib.sh"
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"

# --- the flag -----------------------------------------------------------------------------------
run preview-routes --from "$EXAMPLE" --calico-version 3.25
check_rc 2 "a release older than 3.26"
check_err "--calico-version: v3.25 is not supported: svcadv reproduces v3.26 to v3.33 and master" "names the supported range"
run preview-routes --from "$EXAMPLE" --calico-version three
check_rc 2 "not a version"

run preview-routes --from "$EXAMPLE" -o json
check_out_has '"semantics": "calico-v3.33"' "no version known: v3.33's rules, named"
check_out_has "LocalNoReadyEndpoints" "the usual warnings, in the document"
check_true "! grep -q 'route rules of' '$WORK/err'" "nothing said about versions when none is known"

run preview-routes --from "$EXAMPLE" --calico-version 3.31.4 -o json
check_rc 0 "--calico-version 3.31.4"
check_out_has '"semantics": "calico-v3.31.4"' "the document names the rules"
check_err_has "svcadv: route rules of Calico v3.31.4 (--calico-version)" "and stderr says where they came from"

# The example has EndpointSlices only: a release that reads Endpoints sees no endpoints at all.
run preview-routes --from "$EXAMPLE" --calico-version 3.30 --no-headers
check_rc 0 "--calico-version 3.30"
check_err_has "reads core v1 Endpoints, and the input has none (only EndpointSlices)" "missing Endpoints said"
check_true "! grep -q 'shop/web' '$WORK/out'" "no Local host route without Endpoints"

# --- detection from ClusterInformation default, with Endpoints --------------------------------
cp -r "$EXAMPLE" "$WORK/old"
cat >"$WORK/old/calico.yaml" <<'YAML'
apiVersion: projectcalico.org/v3
kind: ClusterInformation
metadata: {name: default}
spec: {calicoVersion: v3.30.4, clusterType: k8s}
---
apiVersion: v1
kind: Endpoints
metadata: {name: web, namespace: shop}
subsets:
  - addresses: [{ip: 192.168.1.11, nodeName: node-b}]
    notReadyAddresses: [{ip: 192.168.0.11, nodeName: node-a}]
YAML
run preview-routes --from "$WORK/old" --no-headers
check_rc 0 "preview of a 3.30.4 cluster"
check_err_has "svcadv: route rules of Calico v3.30.4 (ClusterInformation default)" "version detected"
check_out_has "node-b  10.96.14.7/32" "the Endpoints' ready address decides"
check_true "! grep -q 'node-a  10.96.14.7/32' '$WORK/out'" "a not-ready address does not"
run preview-routes --from "$WORK/old" --calico-version master -o yaml
check_out_has "semantics: calico-master" "the flag wins over the detected version"

# snapshot save keeps ClusterInformation and Endpoints; the snapshot is detected alike.
run snapshot save "$WORK/snap" --from "$WORK/old"
check_rc 0 "snapshot of a 3.30.4 cluster"
check_true "[ -f '$WORK/snap/clusterinformations/default.yaml' ] && [ -f '$WORK/snap/endpoints/shop/web.yaml' ]" "ClusterInformation and Endpoints kept"
run preview-routes --from "$WORK/snap" -o json
check_out_has '"semantics": "calico-v3.30.4"' "the snapshot's version is detected"

# --- lists calico-node drops, prefixes BIRD refuses ---------------------------------------------
cp -r "$EXAMPLE" "$WORK/bare"
sed -i 's|^    - cidr: 10.96.0.0/12$|    - cidr: 10.96.0.0/12\n    - cidr: 10.96.0.10|' "$WORK/bare/bgpconfiguration.yaml"
run preview-routes --from "$WORK/bare" --no-headers --node node-a
check_rc 0 "a bare IP in serviceClusterIPs"
check_err_has "Error: CidrListDropped: serviceClusterIPs[1] '10.96.0.10' is not a CIDR (no mask): calico-node's net.ParseCIDR fails and it drops the whole serviceClusterIPs list: no cluster range and no cluster-IP host route at all" "error names the entry and what goes with it"
check_true "! grep -q '10.96.0.0/12' '$WORK/out'" "no cluster range"

cp -r "$EXAMPLE" "$WORK/hostbits"
sed -i 's|^    - cidr: 10.96.0.0/12$|    - cidr: 10.96.0.1/12|' "$WORK/hostbits/bgpconfiguration.yaml"
run preview-routes --from "$WORK/hostbits" --no-headers
check_rc 0 "host bits in serviceClusterIPs"
check_err_has "Error: BirdRejectsPrefix: node node-a: serviceClusterIPs '10.96.0.1/12' has host bits set" "BIRD's refusal said for node-a"
check_err_has "Error: BirdRejectsPrefix: node node-d:" "and for the excluded node (its reject filter)"
check_true "! grep -q '10.96.0.0/12' '$WORK/out'" "never masked silently"
finish
