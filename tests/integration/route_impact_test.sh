#!/usr/bin/env bash
# Issue 12, point 1: every write of BGPConfiguration default shows its route impact before it
# writes (also under --dry-run), refuses a change that strands services unless --force, carries the
# impact in -o json|yaml, prints only the result with --quiet, and goes on without the impact when
# the cluster cannot be read. On the example snapshot in the local datastore.
source "$(dirname "$0")/lib.sh"
: "${SVCADV_SOURCE_DIR:?}"
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"
"$SVCADV" snapshot save "$DATA" --from "$EXAMPLE" >/dev/null

# The guide's patch that silently dropped the LoadBalancer range: now shown, and refused.
remember_data
run patch bgpconfig default --dry-run -p '{"spec": {"serviceLoadBalancerIPs": [{"cidr": "203.0.113.10/32"}]}}'
check_rc 4 "dropping a range services live in is refused, even as a dry run"
check_out_has "Route impact on BGPConfiguration(default):
  serviceLoadBalancerIPs: -198.51.100.0/24" "the list entries removed"
check_out_has "node-a  -       198.51.100.0/24   LoadBalancerCIDR  -" "the routes each node withdraws"
check_out_has "ECMP 198.51.100.0/24: 4 -> 0 next hops" "the next-hop counts that change"
check_out_has "Unreachable after: shop/api loadBalancerIP 198.51.100.21 (was reached through 198.51.100.0/24)" "the services it strands"
check_err_has "refusing to change BGPConfiguration(default), it strands:
  - shop/api loadBalancerIP 198.51.100.21 would be unreachable from outside" "the refusal lists what it strands, one per line"
check_err_has "  - serviceLoadBalancerIPs 198.51.100.0/24 is removed but holds shop/api 198.51.100.21" "and the range with the addresses in it"
check_err_has "(use --force to do it anyway)" "and the way out"
check_data_unchanged "refused patch"

run patch bgpconfig default --dry-run --force -p '{"spec": {"serviceLoadBalancerIPs": [{"cidr": "203.0.113.10/32"}]}}'
check_rc 0 "--force lets the dry run through"
check_out_has "Successfully patched 1 'BGPConfiguration' resource (dry run)" "result line after the impact"
check_data_unchanged "dry run"

# cidr remove of the same range: refused; --force writes it.
run cidr remove --load-balancer-ips 198.51.100.0/24
check_rc 4 "cidr remove refused"
check_data_unchanged "refused cidr remove"

# A change that strands nothing goes through and says what it makes reachable.
run cidr add --external-ips 203.0.114.0/24
check_rc 0 "cidr add"
check_out_has "  serviceExternalIPs: +203.0.114.0/24" "the entry added"
check_out_has "node-b  +       203.0.114.9/32" "the host route node-b starts advertising"
check_out_has "Reachable after: edge/gateway externalIP 203.0.114.9" "the address it makes reachable"
check_out_has "Added 203.0.114.0/24 to serviceExternalIPs of BGPConfiguration(default)" "result line"

# A field no route depends on: no route impact to show (and no cluster read needed); -o json
# still carries the field change.
run patch bgpconfig default -p '{"spec": {"asNumber": 64999}}'
check_rc 0 "patch asNumber"
check_out "Successfully patched 1 'BGPConfiguration' resource" "asNumber: just the result line"
run patch bgpconfig default -p '{"spec": {"asNumber": 64998}}' -o json
check_true "jq -s -e '.[1].fields[0] == {\"field\": \"asNumber\", \"before\": 64999, \"after\": 64998}' <<<\"\$OUT\" >/dev/null" "-o json: the field change"

# --quiet: only the result line.
run cidr add --external-ips 203.0.115.0/24 --quiet
check_out "Added 203.0.115.0/24 to serviceExternalIPs of BGPConfiguration(default)" "--quiet prints the result only"

# -o json and -o yaml carry the impact for CI.
run apply -f "$EXAMPLE/bgpconfiguration.yaml" --dry-run -o json --force
check_rc 0 "apply -o json"
check_true "jq -s -e '.[1].kind == \"RouteImpact\" and .[1].apiVersion == \"svcadv/v1\"' <<<\"\$OUT\" >/dev/null" "a RouteImpact document follows the object"
check_true "jq -s -e '.[1].lists | map(select(.field == \"serviceExternalIPs\"))[0].removed == [\"203.0.114.0/24\", \"203.0.115.0/24\"]' <<<\"\$OUT\" >/dev/null" "it lists the entries removed"
check_true "jq -s -e '.[1].unreachable[0].service == \"edge/gateway\"' <<<\"\$OUT\" >/dev/null" "and the addresses that lose their way in"
run apply -f "$EXAMPLE/bgpconfiguration.yaml" --dry-run -o yaml --force
check_out_has "---
apiVersion: svcadv/v1" "-o yaml: a second document"
check_out_has "kind: RouteImpact" "-o yaml: the RouteImpact"

# apply and delete are gated as well.
run apply -f "$EXAMPLE/bgpconfiguration.yaml"
check_rc 4 "apply that strands edge/gateway's external IP is refused"
run delete bgpconfig default --dry-run
check_rc 4 "delete of default is refused"
check_out_has "  deleted" "the impact says it deletes default"
run delete bgpconfig default --dry-run --force
check_rc 0 "delete --force --dry-run"

# An unreadable cluster never blocks a plain edit: one note, then the write.
echo "not: [valid" >"$DATA/services/shop/broken.yaml"
run cidr add --external-ips 203.0.116.0/24
check_rc 0 "cidr add with an unreadable cluster"
check_err_has "Note: the route impact is not shown: cannot read the cluster state" "says so once"
check_true '[ "$(grep -c Note: <<<"$ERR")" = 1 ]' "only once"
check_out "Added 203.0.116.0/24 to serviceExternalIPs of BGPConfiguration(default)" "and writes"
# --force --quiet: nothing shows or gates on the impact, so the cluster is not read at all.
run cidr add --external-ips 203.0.117.0/24 --force --quiet
check_rc 0 "cidr add --force --quiet with an unreadable cluster"
check_true '[ -z "$ERR" ]' "reads no cluster state (no note)"
check_out "Added 203.0.117.0/24 to serviceExternalIPs of BGPConfiguration(default)" "and writes"
run cidr add --external-ips 203.0.118.0/24 --force
check_err_has "Note: the route impact is not shown" "--force alone still reads it, to show the impact"

finish
