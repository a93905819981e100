#!/usr/bin/env bash
# Issue 12, point 6: the bugs found along the way.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures.sh"
: "${SVCADV_SOURCE_DIR:?}"
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"

run create -f "$DEFAULT_YAML"
check_rc 0 "setup"

# delete --skip-not-exists of a missing resource deletes nothing and says so.
run delete bgpconfig node.gone --skip-not-exists
check_rc 0 "delete --skip-not-exists"
check_out "Successfully deleted 0 'BGPConfiguration' resource(s); skipped 1 that did not exist" "counts the skipped one apart"
run create -f "$DEFAULT_YAML" --skip-exists
check_out "Successfully created 0 'BGPConfiguration' resource(s); skipped 1 that already existed" "create --skip-exists likewise"

# --fail-on without --exit-code and --diff --by prefix are refused, not ignored.
run preview-routes --from "$EXAMPLE" --fail-on IPNotInAllowList
check_rc 2 "--fail-on without --exit-code"
check_err_has "--fail-on only chooses the codes --exit-code counts: add --exit-code" "says why"
run preview-routes --from "$EXAMPLE" --exclude node-a --diff --by prefix
check_rc 2 "--diff --by prefix"
check_err_has "--by prefix: --diff lists the changes per node" "says why"

# A YAML tab names the tab.
printf 'apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata:\n\tname: default\n' >"$WORK/tab.yaml"
run validate -f "$WORK/tab.yaml"
check_rc 3 "a tab in YAML"
check_err_has "line 4 is indented with a tab; YAML allows only spaces" "names the tab"

# -p in YAML flow style with single quotes, as the help promises.
run patch bgpconfig default -p "{'spec': {'asNumber': 64700}}"
check_rc 0 "patch in YAML flow style"
run get bgpconfig default -o custom-columns=AS:.spec.asNumber --no-headers
check_out "64700" "stored"
run patch bgpconfig default -p '{"spec": {"asNumber": }'
check_rc 3 "neither JSON nor YAML"
check_err_has "invalid JSON" "the JSON error stands"

# patch and cidr add warn about duplicates and overlaps as apply does.
run cidr add --external-ips 172.217.0.0/16
check_rc 0 "cidr add of an overlapping range"
check_err_has "Warning: BGPConfiguration(default): spec.serviceExternalIPs[2] (172.217.0.0/16) overlaps spec.serviceExternalIPs[1] (172.217.3.0/24)" "warns, naming the object once"
check_true '! grep -q "BGPConfiguration(default): BGPConfiguration" <<<"$ERR"' "not twice"
run patch bgpconfig default -p '{"spec": {"serviceClusterIPs": [{"cidr": "10.96.0.0/12"}, {"cidr": "10.96.0.0/12"}]}}'
check_rc 0 "patch with a duplicate entry"
check_err_has "Warning: BGPConfiguration(default): " "warns too"

finish
