#!/usr/bin/env bash
# The `make demo` scenario: manage service IP advertisement on svcadv's local datastore, in a
# temporary directory that is removed afterwards.
set -euo pipefail
SVCADV=${SVCADV:-svcadv}
here=$(cd "$(dirname "$0")" && pwd)
data=$(mktemp -d "${TMPDIR:-/tmp}/svcadv-demo-XXXXXX")
trap 'rm -rf "$data"' EXIT
export SVCADV_DATA_DIR="$data"

bold=; plain=
if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; fi

# Prints the command as one would type it (arguments with spaces or quotes in single quotes).
show() {
    local line="$ svcadv" arg
    for arg in "$@"; do
        if [[ "$arg" =~ [^A-Za-z0-9_./:,=-] ]]; then line+=" '$arg'"; else line+=" $arg"; fi
    done
    printf '\n%s%s%s\n' "$bold" "$line" "$plain"
}
step() {
    show "$@"
    "$SVCADV" "$@"
}

echo "svcadv demo: local datastore in $data"
step validate -f "$here/bgpconfig-default.yaml"
step create -f "$here/bgpconfig-default.yaml"
step patch bgpconfig default -p '{"spec":{"serviceLoadBalancerIPs":[{"cidr":"198.51.100.0/24"}]}}'
step cidr add --cluster-ips fd00:10:96::/112 --external-ips 203.0.113.0/24
step get bgpconfig
step get bgpconfig default -o yaml
echo
echo "# An invalid change is rejected with the field at fault, and nothing is written:"
show patch bgpconfig default -p '{"spec":{"serviceExternalIPs":[{"cidr":"203.0.113.7/24"}]}}'
"$SVCADV" patch bgpconfig default -p '{"spec":{"serviceExternalIPs":[{"cidr":"203.0.113.7/24"}]}}' ||
    echo "(exit code $?)"

echo
echo "# preview-routes: which node advertises which service prefix, on the example cluster snapshot"
echo "# (examples/cluster: 5 nodes, node-d excluded, node-e with an exclude label Calico ignores)."
cd "$here/.."
step preview-routes --from examples/cluster
step preview-routes --from examples/cluster --by prefix
step preview-routes --from examples/cluster --explain shop/web
step preview-routes --from examples/cluster --exclude node-c --diff

echo
echo "# label-exclude on a snapshot of the example cluster: how nodes read, then take node-b out."
step snapshot save "$data/cluster" --from examples/cluster
step --data-dir "$data/cluster" label-exclude --list
step --data-dir "$data/cluster" label-exclude node-b
echo
echo "# Taking node-e out as well would strand edge/gateway (its endpoints are on node-b and node-e):"
show --data-dir "$data/cluster" label-exclude node-e --overwrite
"$SVCADV" --data-dir "$data/cluster" label-exclude node-e --overwrite --quiet || echo "(exit code $?)"
