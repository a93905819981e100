#!/usr/bin/env bash
# Snapshot files: `snapshot save` of a kubectl JSON dump writes one block-YAML file per object that
# `--from DIR` and `--data-dir DIR` read back exactly, hostile strings included; a dump is read
# member by member, yet errors and what is written are as when it was read whole.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is missing"; exit 77; }

# Strings YAML could read back as something else: breaks, NUL, quotes, indicators, bools,
# timestamps, numbers, Unicode line separators, a byte order mark, trailing blanks.
dump=$(write_file dump.json <<'JSON'
{"apiVersion": "v1", "items": [
 {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-a", "resourceVersion": "7",
  "annotations": {"hostile": ["a\rb", "yes", "{x}", "*b", "!t", "%d", "`f", "1e3"], "": "empty key"},
  "labels": {"kubernetes.io/hostname": "node-a"},
  "managedFields": [{"manager": "kubelet"}]},
  "spec": {"podCIDR": "192.168.0.0/24"}, "status": {"addresses": [{"address": "10.0.0.1", "type": "InternalIP"}],
  "capacity": {"cpu": 8, "ratio": 1.5, "big": 4294967296, "neg": -3, "none": null, "ok": true, "empty": {}, "list": []}}},
 {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "shop", "resourceVersion": "9"},
  "spec": {"clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"], "type": "ClusterIP", "ports": [{"port": 80}]}},
 {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "other"}},
 {"apiVersion": "projectcalico.org/v3", "kind": "BGPConfiguration", "metadata": {"name": "default",
  "annotations": {"a": "a\rb\r\n\u0000\t\"q\" \\ #c: d- x", "b": "yes", "c": "2026-01-01", "d": "- item",
   "e": "\u2028\u2029\ufeff\u0085é😀", "f": " lead", "g": "trail ", "h": "null", "key: with colon": "a:b",
   "#": "", "-": "~", "@": "&a"}},
  "spec": {"serviceClusterIPs": [{"cidr": "10.96.0.0/12"}]}}
], "kind": "List", "metadata": {"resourceVersion": ""}}
JSON
)
run snapshot save "$WORK/snap" --from "$dump"
check_rc 0 "snapshot save of a dump with hostile strings"
check_out "Saved 3 object(s) to $WORK/snap: 1 BGPConfiguration, 1 Node, 1 Service, 0 EndpointSlice (1 of other kinds skipped)" "the report counts each kind"
check_true "head -c 13 '$WORK/snap/nodes/node-a.yaml' | grep -qx 'apiVersion: v'" "files are block YAML"
check_true "! grep -q managedFields '$WORK/snap/nodes/node-a.yaml'" "managedFields are left out"

# --data-dir reads every value back as the dump had it.
run --data-dir "$WORK/snap" get bgpconfig default -o json
check_rc 0 "get the BGPConfiguration from the snapshot as --data-dir"
expected=$(jq -S '.items[3].metadata.annotations' "$dump")
check_true "[ \"\$(jq -S .metadata.annotations <<<\"\$OUT\")\" = \"\$expected\" ]" "hostile strings read back exactly"

# --from DIR previews as --from the dump.
run preview-routes --from "$dump" -o json
from_dump=$OUT
run preview-routes --from "$WORK/snap" -o json
check_rc 0 "preview of the snapshot directory"
check_true "[ \"\$OUT\" = \"\$from_dump\" ]" "the snapshot previews as the dump does"

# kind before items, and a YAML dump, give the same files.
jq '{kind: .kind, apiVersion: .apiVersion, items: .items}' "$dump" >"$WORK/kind-first.json"
run snapshot save "$WORK/snap2" --from "$WORK/kind-first.json"
check_rc 0 "a dump with kind before items"
check_true "diff -r '$WORK/snap' '$WORK/snap2' >/dev/null" "the same files whatever the key order"

# An error in a member is the same as when the dump was read whole, and nothing is written.
jq '.items[1].spec.clusterIPs = "10.96.0.10"' "$dump" >"$WORK/bad.json"
run snapshot save "$WORK/bad" --from "$WORK/bad.json"
check_rc 3 "a member the preview would refuse"
check_err_has "bad.json: document 1: items[1]" "the error names the member"
check_true "[ ! -e '$WORK/bad' ]" "nothing is written"
jq '.items[0].metadata.resourceVersion = "-1"' "$dump" >"$WORK/badrv.json"
run snapshot save "$WORK/badrv" --from "$WORK/badrv.json"
check_rc 3 "a resourceVersion svcadv cannot follow"
check_err_has "Node(node-a): metadata.resourceVersion '-1'" "the error names the object and its version"
check_true "[ ! -e '$WORK/badrv' ]" "nothing is written"

# Writes after the snapshot follow its highest version (the high-water mark alone).
run --data-dir "$WORK/snap" cidr add --external-ips 192.0.2.0/24
check_rc 0 "cidr add in the snapshot"
run --data-dir "$WORK/snap" get bgpconfig default -o jsonpath='{.metadata.resourceVersion}'
check_out "11" "the write's version follows the highest saved one"
finish
