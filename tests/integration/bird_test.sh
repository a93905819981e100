#!/usr/bin/env bash
# -o bird / -o bird6 against Debian's BIRD 1.6 (bird, bird6), the BIRD 1.x calico-node runs: every
# node of the example cluster renders an IPv4 and an IPv6 configuration that `bird -p` and
# `bird6 -p` accept, with peers, communities and the reject filter. Skipped (exit 77, never a
# pass) without bird; `make deps` installs it.
source "$(dirname "$0")/lib.sh"
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"
if ! command -v bird >/dev/null 2>&1 || ! command -v bird6 >/dev/null 2>&1; then
    echo "skip: Debian's bird (BIRD 1.6: bird and bird6) is not installed" >&2
    exit 77
fi

# bird_parses FAMILY FILE: `bird -p` (or bird6) on FILE, leaving $RC and $OUT (its messages).
bird_parses() {
    local daemon=bird
    [ "$1" = 6 ] && daemon=bird6
    "$daemon" -p -c "$2" >"$WORK/bird.log" 2>&1
    RC=$?
    OUT=$(cat "$WORK/bird.log")
}

# --- every node of the example, both families, parses -------------------------------------
run preview-routes --from "$EXAMPLE" -o json
nodes=$(grep -o '^    {"name": "[^"]*"' "$WORK/out" | cut -d'"' -f4)
check_true "[ $(echo "$nodes" | wc -w) = 5 ]" "the example's five nodes"
for node in $nodes; do
    for family in 4 6; do
        output=bird
        peer="192.0.2.254,65000"
        [ "$family" = 6 ] && output=bird6 && peer="2001:db8::fe,65000"
        run preview-routes --from "$EXAMPLE" -o "$output" --node "$node" \
            --bird-peer "$peer" --bird-router-id 192.0.2.1
        check_rc 0 "-o $output --node $node"
        cp "$WORK/out" "$WORK/$node.$family.conf"
        bird_parses "$family" "$WORK/$node.$family.conf"
        check_rc 0 "bird$([ "$family" = 6 ] && echo 6) -p accepts $node's configuration"
    done
done

# --- what node-c's configuration holds -----------------------------------------------------
OUT=$(cat "$WORK/node-c.4.conf")
check_out_has "   route 10.96.0.0/12 blackhole;" "the cluster range is a static blackhole route"
check_out_has "  if ( net ~ 198.51.100.40/32 ) then { accept; }" "a host route is exported"
check_out_has "  if ( net ~ 192.0.2.0/24 ) then { reject; }" "the external range is a reject cidr"
check_out_has "  neighbor 192.0.2.254 as 65000;" "the peer"
check_out_has "    calico_export_to_bgp_peers(false);" "an eBGP peer exports through Calico's function"
check_true "! grep -q fd00 '$WORK/node-c.4.conf'" "no IPv6 prefix in bird.cfg"
OUT=$(cat "$WORK/node-c.6.conf")
check_out_has "   route fd00:10:96::/112 blackhole;" "the IPv6 cluster range in bird6.cfg"
check_out_has "  if ( net ~ fd00:10:96::/112 ) then { reject; }" "IPv6 reject cidr"
OUT=$(cat "$WORK/node-d.4.conf")
check_out_has "  if ( net ~ 10.96.0.0/12 ) then { reject; }" "the excluded node keeps its reject cidrs"
check_true "! grep -q 'route 10.96.0.0/12 blackhole' '$WORK/node-d.4.conf'" "and has no static routes"

# --- communities: a global list, and node.<name> replacing it -------------------------------
communities=$(write_file communities.yaml <<'EOF2'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec:
  asNumber: 64512
  serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 'fd00:10:96::/112'}]
  serviceExternalIPs: [{cidr: 192.0.2.0/24}]
  communities: [{name: edge, value: '65000:100'}, {name: big, value: '65000:1:2'}]
  prefixAdvertisements:
    - {cidr: 10.96.0.0/12, communities: [edge, big, '65000:7']}
    - {cidr: 'fd00:10:96::/112', communities: [edge]}
---
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: node.node-a}
spec:
  prefixAdvertisements: [{cidr: 10.96.0.0/12, communities: ['65000:999']}]
EOF2
)
mkdir -p "$WORK/with-communities"
cp "$EXAMPLE"/nodes.yaml "$EXAMPLE"/services.yaml "$EXAMPLE"/endpointslices.yaml "$WORK/with-communities/"
cp "$communities" "$WORK/with-communities/"
run preview-routes --from "$WORK/with-communities" -o bird --node node-c
# sort.Strings order: "65000:100" < "65000:1:2" ('0' < ':') < "65000:7".
check_out_has "          bgp_community.add((65000, 100));
          bgp_large_community.add((65000, 1, 2));
          bgp_community.add((65000, 7));" "names resolved, values sorted as calico-node sorts them"
cp "$WORK/out" "$WORK/communities.conf"
bird_parses 4 "$WORK/communities.conf"
check_rc 0 "bird -p accepts the communities"
run preview-routes --from "$WORK/with-communities" -o bird6 --node node-c --bird-router-id 192.0.2.3
check_out_has "          bgp_community.add((65000, 100));" "IPv6 rule in bird6.cfg"
cp "$WORK/out" "$WORK/communities6.conf"
bird_parses 6 "$WORK/communities6.conf"
check_rc 0 "bird6 -p accepts the communities"
run preview-routes --from "$WORK/with-communities" -o bird --node node-a
check_out_has "          bgp_community.add((65000, 999));" "node.node-a's list on node-a"
check_true "! grep -q '65000, 100' '$WORK/out'" "replacing the global one"
run preview-routes --from "$WORK/with-communities" -o wide --node node-c --no-headers
check_out_has "10.96.40.4/32      LocalEndpoint  shop/search  clusterIP  1  65000:100,65000:1:2,65000:7" \
    "communities per route in the wide table"
check_out_has "node-c  192.0.2.0/24      serviceExternalIPs" "reject cidrs per node in the wide table"
run preview-routes --from "$WORK/with-communities" -o json --node node-a
check_out_has '"communities": ["65000:999"]' "communities per route in json"
check_out_has '"rejectCidrs": [{"cidr":"10.96.0.0/12","sources":["serviceClusterIPs"]}' "reject cidrs in json"

# --- the check can fail, and the flags are checked -----------------------------------------
sed 's|/12 blackhole|/33 blackhole|' "$WORK/node-c.4.conf" >"$WORK/broken.conf"
bird_parses 4 "$WORK/broken.conf"
check_rc 1 "bird -p rejects a broken configuration (the check can fail)"
run preview-routes --from "$EXAMPLE" -o bird6 --bird-router-id 192.0.2.3
check_rc 2 "-o bird6 without --node"
run preview-routes --from "$EXAMPLE" -o bird6 --node node-a
check_rc 2 "-o bird6 without a router ID"
run preview-routes --from "$EXAMPLE" -o bird --node node-a --bird-peer 192.0.2.254
check_rc 2 "--bird-peer without an AS"
check_err "--bird-peer: expected ADDRESS,AS, got '192.0.2.254'" "names the flag"
run preview-routes --from "$EXAMPLE" -o bird --node node-a --bird-router-id fd00::1
check_rc 2 "--bird-router-id is IPv4"
run preview-routes --from "$EXAMPLE" --bird-peer 192.0.2.254,65000
check_rc 2 "--bird-peer without -o bird"

finish
