#!/usr/bin/env bash
# Issue 12, point 3: typos get kubectl's help. Unknown commands and flags name themselves and the
# closest matches; kinds, document fields, service and node names get "did you mean"; a service
# name without a namespace is found when unique; `help [command]` and `--version` work.
source "$(dirname "$0")/lib.sh"
: "${SVCADV_SOURCE_DIR:?}"
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"

run preview-route --from "$EXAMPLE"
check_rc 2 "unknown command"
check_err "svcadv: unknown command \"preview-route\" for \"svcadv\" (see 'svcadv --help')

Did you mean this?
	preview-routes" "names it and the closest command"
run foo
check_rc 2 "unknown command without a close match"
check_err_has "unknown command \"foo\" for \"svcadv\"" "names it"
run cidr ad --cluster-ips 10.96.0.0/12
check_err_has "unknown command \"ad\" for \"svcadv cidr\" (see 'svcadv cidr --help')

Did you mean this?
	add" "subcommands too"

run cidr add --cluster-ip 10.96.0.0/12
check_rc 2 "unknown flag"
check_err_has "unknown flag: --cluster-ip (see 'svcadv cidr add --help')

Did you mean this?
	--cluster-ips" "a flag error names the flag and the closest"
run preview-routes --form "$EXAMPLE"
check_err_has "Did you mean this?
	--from" "flags of preview-routes"

run help
check_rc 0 "svcadv help"
check_out_has "Usage: svcadv" "the root help"
run help preview-routes
check_rc 0 "svcadv help preview-routes"
check_out_has "Usage: svcadv preview-routes" "the command's help"
run help cidr add
check_out_has "Usage: svcadv cidr add" "a nested command's help"
run --version
check_rc 0 "svcadv --version"
check_true '[[ "$OUT" =~ ^svcadv\ v[0-9]+\.[0-9]+\.[0-9]+ ]]' "prints the client version ($OUT)"

run get bgpconfg
check_rc 2 "a misspelt kind"
check_err "resource type 'bgpconfg' is not supported (did you mean bgpconfig?)" "did you mean the kind"

cat >"$WORK/typo.yaml" <<'YAML'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec:
  serviceExternalIP: [{cidr: 203.0.113.0/24}]
YAML
run validate -f "$WORK/typo.yaml"
check_rc 3 "a misspelt field"
check_err_has "spec.serviceExternalIP (did you mean serviceExternalIPs?)" "did you mean the field"

run preview-routes --from "$EXAMPLE" --explain shop/carts
check_rc 2 "a misspelt service"
check_err_has "--explain: service 'shop/carts' is not in the input

Did you mean this?
	shop/cart" "did you mean the service"
run preview-routes --from "$EXAMPLE" --explain cart
check_rc 0 "--explain NAME without a namespace, when unique"
check_out_has "Reachability of shop/cart" "finds shop/cart"
run preview-routes --from "$EXAMPLE" --node node-x
check_err_has "--node: node 'node-x' is not in the input

Did you mean this?
	node-a" "did you mean the node"

# As a kubectl plugin, help says so.
ln -s "$SVCADV" "$WORK/kubectl-svcadv"
OUT=$("$WORK/kubectl-svcadv" --help 2>&1)
check_true '[[ "$OUT" == *"Usage: kubectl svcadv"* ]]' "plugin help: Usage: kubectl svcadv"

finish
