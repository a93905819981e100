#!/usr/bin/env bash
# Issue 12, point 2: --explain and --service answer reachability per address and node (host route
# or covering range, can the node serve it), list the endpoints with ready/serving/terminating,
# give the fix, filter warnings to the service; --diff marks warnings new/resolved/unchanged; the
# reason codes are explained in --help. On the example snapshot.
source "$(dirname "$0")/lib.sh"
: "${SVCADV_SOURCE_DIR:?}"
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"

# shop/api: a Cluster LoadBalancer at 198.51.100.21 inside the advertised 198.51.100.0/24.
run preview-routes --from "$EXAMPLE" --explain shop/api
check_rc 0 "--explain shop/api"
check_out_has "Reachability of shop/api (Cluster policy):" "a reachability section"
check_out_has "node-a  loadBalancerIP 198.51.100.21  198.51.100.0/24 (range)  yes" "reached through the covering range, served by node-a"
check_out_has "node-d  loadBalancerIP 198.51.100.21  - (excluded)" "not through the excluded node"
check_out_has "loadBalancerIP 198.51.100.21: reachable through 4 node(s)" "the verdict"
check_out_has "node-b  yes    yes      no" "its endpoint, ready and serving"
check_true '[[ "$OUT" != *"Fix:"* ]]' "nothing to fix"

# shop/cart: Local, its only endpoint terminating and not ready.
run preview-routes --from "$EXAMPLE" --explain shop/cart
check_out_has "node-a  no     yes      yes" "the endpoint: not ready, serving, terminating"
check_out_has "the service has no ready endpoint (its endpoints are terminating)" "the fix names why"
check_err "Warning: LocalNoReadyEndpoints: shop/cart: Local service has no ready endpoint: no node advertises its IPs" "only the service's own warnings"

# edge/gateway: externalIP 203.0.114.9 outside every range.
run preview-routes --from "$EXAMPLE" --explain edge/gateway -o json
check_true "jq -e '.reachability.addresses[] | select(.ip == \"203.0.114.9\") | .reachable == false' <<<\"\$OUT\" >/dev/null" "json: 203.0.114.9 unreachable"
check_true "jq -e '.reachability.fixes[0] | startswith(\"externalIP 203.0.114.9 is outside every advertised range: svcadv cidr add --external-ips 203.0.114.9/32\")' <<<\"\$OUT\" >/dev/null" "json: the fix is the cidr add"
check_true "jq -e '.reachability.endpoints | length == 2' <<<\"\$OUT\" >/dev/null" "json: its endpoints"
check_true "jq -e '.apiVersion == \"svcadv/v1\" and .kind == \"RouteExplanation\"' <<<\"\$OUT\" >/dev/null" "json: apiVersion and kind"

# --service: the routes of the service, then its reachability; an unknown one is an error.
run preview-routes --from "$EXAMPLE" --service shop/api
check_rc 0 "--service shop/api"
check_out_has "Reachability of shop/api" "--service answers reachability too"
run preview-routes --from "$EXAMPLE" --service nosuch/x
check_rc 2 "--service of a service not in the input"
check_err_has "--service: service 'nosuch/x' is not in the input" "says so"

# --diff marks each warning.
run preview-routes --from "$EXAMPLE" --include node-e --exclude node-b --diff
check_err_has "Warning (resolved): AmbiguousExcludeLabel: node node-e" "a warning the change resolves"
check_err_has "Warning (unchanged): LocalNoReadyEndpoints: shop/cart" "a warning it keeps"
run preview-routes --from "$EXAMPLE" --include node-e --diff -o json
check_true "jq -e '[.warnings[].change] | index(\"resolved\") != null' <<<\"\$OUT\" >/dev/null" "json: warnings carry change"

# The reason codes where users look.
run preview-routes --help
check_out_has "ClusterPolicyAggregated" "--help lists the reasons"
check_out_has "SingleIPCluster" "with their explanations"

finish
