#!/usr/bin/env bash
# Issue 12, point 1, for the verbs route_impact_test.sh leaves out: create and replace of
# BGPConfiguration default show their route impact before writing (and under --dry-run), and
# replace refuses a change that strands services unless --force.
source "$(dirname "$0")/lib.sh"
: "${SVCADV_SOURCE_DIR:?}"
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"
"$SVCADV" snapshot save "$DATA" --from "$EXAMPLE" >/dev/null
"$SVCADV" delete bgpconfig default --force --quiet >/dev/null

remember_data
run create -f "$EXAMPLE/bgpconfiguration.yaml" --dry-run
check_rc 0 "create --dry-run of default"
check_out_has "Route impact on BGPConfiguration(default):
  created" "the impact says it creates default"
check_true "grep -Eq '^node-a +\\+ +198\\.51\\.100\\.0/24 +LoadBalancerCIDR' '$WORK/out'" "the routes each node starts advertising"
check_out_has "Reachable after: shop/api loadBalancerIP 198.51.100.21 (through 198.51.100.0/24)" "the addresses it makes reachable"
check_out_has "Successfully created 1 'BGPConfiguration' resource(s) (dry run)" "then the result line"
check_data_unchanged "create --dry-run"

run create -f "$EXAMPLE/bgpconfiguration.yaml"
check_rc 0 "create of default"
check_out_has "Route impact on BGPConfiguration(default):" "the impact before the write"

SMALLER=$(write_file smaller.yaml <<'YAML'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec:
  asNumber: 64512
  serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 'fd00:10:96::/112'}]
  serviceExternalIPs: [{cidr: 192.0.2.0/24}]
  serviceLoadBalancerIPs: [{cidr: 203.0.113.10/32}]
YAML
)
remember_data
run replace -f "$SMALLER"
check_rc 4 "replace that drops the LB range is refused"
check_out_has "  serviceLoadBalancerIPs: -198.51.100.0/24" "the entry it removes"
check_out_has "Unreachable after: shop/api loadBalancerIP 198.51.100.21 (was reached through 198.51.100.0/24)" "the services it strands"
check_err_has "refusing to change BGPConfiguration(default), it strands:" "the refusal"
check_data_unchanged "refused replace"
run replace -f "$SMALLER" --dry-run --force -o json
check_rc 0 "replace --force --dry-run -o json"
check_true "jq -s -e '.[1].kind == \"RouteImpact\" and .[1].needsForce == true' <<<\"\$OUT\" >/dev/null" "the RouteImpact document says it needed --force"
check_true "jq -s -e '[.[1].nodes[].routes[] | select(.change == \"withdrawn\") | .prefix] | index(\"198.51.100.0/24\") != null' <<<\"\$OUT\" >/dev/null" "its routes in the RoutePreviewDiff shape"
check_data_unchanged "dry run"

finish
