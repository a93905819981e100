#!/usr/bin/env bash
# `make bgp-lab`: starts the BGP lab on a cluster (the example unless given: a file or directory
# --from reads), waits for convergence and prints the ToR's table beside the preview, then stops
# the lab. Needs root (network namespaces), bird and gobgpd.
set -u
: "${SVCADV:?set SVCADV to the svcadv binary}"
CLUSTER=${1:-"$(cd "$(dirname "$0")/../.." && pwd)/examples/cluster"}
LAB_WORK=$(mktemp -d "${TMPDIR:-/tmp}/svcadv-bgp-lab-XXXXXX")
source "$(dirname "$0")/lab.sh"
trap 'lab_cleanup; rm -rf "$LAB_WORK"' EXIT
trap 'exit 130' INT TERM HUP
lab_require
echo "Starting the lab for $CLUSTER: one namespace per node with bird and bird6, gobgpd as the ToR"
lab_start "$CLUSTER" || exit 1
echo "Nodes: ${LAB_NODES[*]}"
if lab_expect "$CLUSTER"; then result="converged: the ToR's RIB equals the preview"; else result="DIFFERS"; fi
echo
echo "The ToR's neighbors (gobgp neighbor):"
lab_tor neighbor
echo
echo "Per prefix, the next-hop nodes the preview plans and those the ToR learned:"
python3 "$(dirname "$0")/rib_compare.py" "$LAB_WORK/preview.json" "$LAB_WORK/nexthops.txt" \
    "$LAB_WORK/rib4.json" "$LAB_WORK/rib6.json" --table
echo
echo "The ToR's IPv4 table (gobgp global rib):"
lab_tor global rib -a ipv4
echo
echo "The ToR's IPv6 table (gobgp global rib -a ipv6):"
lab_tor global rib -a ipv6
echo
echo "Result: $result"
[ "$result" != DIFFERS ]
