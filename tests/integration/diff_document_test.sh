#!/usr/bin/env bash
# preview-routes --diff -o json|yaml: the RoutePreviewDiff document has RoutePreview's structure
# (nodes[].routes[], nodes[].rejectCidrs[], prefixes[].nodes, warnings[]) with a change marker
# per item, so one script reads both.
source "$(dirname "$0")/lib.sh"
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"

# The paths of a document's keys ("nodes[].routes[].prefix"), change markers left out.
shape() { jq -r '[paths(type != "null") | map(if type == "number" then "[]" else . end)
                   | map(tostring) | join(".") | gsub("\\.\\[\\]"; "[]")]
                 | map(select(test("(^|\\.)change$") | not)) | unique[]' "$1"; }

PROPOSAL=$(write_file proposal.yaml <<'YAML'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec:
  asNumber: 64512
  serviceClusterIPs: [{cidr: 10.96.0.0/12}, {cidr: 'fd00:10:96::/112'}]
  serviceExternalIPs: [{cidr: 192.0.2.0/24}, {cidr: 203.0.114.0/24}]
  serviceLoadBalancerIPs: [{cidr: 203.0.113.10/32}]
YAML
)

run preview-routes --from "$EXAMPLE" -o json
check_rc 0 "the RoutePreview document"
echo "$OUT" >"$WORK/preview.json"
run preview-routes --from "$EXAMPLE" --bgpconfig "$PROPOSAL" --diff -o json
check_rc 0 "the RoutePreviewDiff document"
echo "$OUT" >"$WORK/diff.json"

check_true "[ \"\$(jq -r .apiVersion '$WORK/diff.json')\" = \"\$(jq -r .apiVersion '$WORK/preview.json')\" ]" "the same apiVersion"
check_true "[ \"\$(jq -r .kind '$WORK/diff.json')\" = RoutePreviewDiff ]" "kind RoutePreviewDiff"
shape "$WORK/preview.json" >"$WORK/preview.shape"
shape "$WORK/diff.json" >"$WORK/diff.shape"
OUT=$(comm -23 "$WORK/diff.shape" "$WORK/preview.shape")
check_true "[ -z \"\$OUT\" ]" "every path of the diff is a path of the preview"
for path in nodes[].name nodes[].excluded nodes[].routes[].prefix nodes[].routes[].sources[].reason \
    nodes[].rejectCidrs[].cidr prefixes[].prefix prefixes[].nodes[] warnings[].code; do
    check_true "grep -qxF '$path' '$WORK/diff.shape'" "the diff has $path"
done

# What changed: the LB range 198.51.100.0/24 withdrawn, 203.0.114.0/24 added, on every node not
# excluded; the reject cidrs likewise; the same one script reads the preview's routes.
OUT=$(jq -r '.nodes[] | select(.name == "node-a") | .routes[] | "\(.change) \(.prefix)"' "$WORK/diff.json")
check_out_has "added 203.0.114.0/24" "node-a adds the new external range"
check_out_has "withdrawn 198.51.100.0/24" "node-a withdraws the LB range"
OUT=$(jq -r '.prefixes[] | select(.prefix == "198.51.100.0/24") | "\(.change) \(.nodes | join(","))"' "$WORK/diff.json")
check_out "withdrawn node-a,node-b,node-c,node-e" "prefixes[] lists the nodes that withdraw it"
OUT=$(jq -r '.nodes[0].rejectCidrs[] | "\(.change) \(.cidr)"' "$WORK/diff.json")
check_out "added 203.0.114.0/24
withdrawn 198.51.100.0/24" "the reject cidrs that change, marked"
OUT=$(jq -r '[.warnings[].change] | unique | join(",")' "$WORK/diff.json")
check_true "[[ \"\$OUT\" =~ ^(new,)?(resolved,)?unchanged$ ]]" "every warning marked ($OUT)"
OUT=$(jq -r '.nodes[] | select(.name == "node-a") | .routes[] | .prefix' "$WORK/preview.json")
check_out_has "198.51.100.0/24" "the same filter reads the preview's routes"

run preview-routes --from "$EXAMPLE" --bgpconfig "$PROPOSAL" --diff -o yaml
check_rc 0 "yaml too"
check_out_has "kind: RoutePreviewDiff" "the yaml document"
check_out_has "change: withdrawn" "with its markers"

finish
