#!/usr/bin/env bash
# Every error path: the exit code of cli.md, a clear message, and the data dir left as it was.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures.sh"

run create -f "$DEFAULT_YAML"
check_rc 0 "setup: create default"

# expect_failure CODE "MESSAGE" ARGS...: one failing command, its exit code, stderr, untouched data.
expect_failure() {
    local code=$1 message=$2
    shift 2
    remember_data
    run "$@"
    check_rc "$code" "$*"
    check_err "$message" "$*: message"
    check_out "" "$*: nothing on stdout"
    check_data_unchanged "$*"
}

printf 'apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: default\n' >"$WORK/bad.yaml"
remember_data
run apply -f "$WORK/bad.yaml"
check_rc 3 "bad YAML"
check_err_has "$WORK/bad.yaml: invalid YAML: line " "bad YAML names the file and line"
check_data_unchanged "bad YAML"

cat >"$WORK/unknown.yaml" <<'YAML'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata:
  name: default
spec:
  serviceClusterIPs:
  - cidr: 10.96.0.0/12
    weight: 3
YAML
expect_failure 3 "$WORK/unknown.yaml: document 1: field in document is not recognized or is in the wrong location: spec.serviceClusterIPs[0].weight" \
    apply -f "$WORK/unknown.yaml"

sed 's|10.96.0.0/12|10.96.0.1/12|' "$DEFAULT_YAML" >"$WORK/hostbits.yaml"
expect_failure 3 "$WORK/hostbits.yaml: document 1: error with field spec.serviceClusterIPs[0].cidr = '10.96.0.1/12' (host bits are set; did you mean 10.96.0.0/12?)" \
    apply -f "$WORK/hostbits.yaml"

sed 's|10.96.0.0/12|10.96.0.10|' "$DEFAULT_YAML" >"$WORK/bare.yaml"
expect_failure 3 "$WORK/bare.yaml: document 1: error with field spec.serviceClusterIPs[0].cidr = '10.96.0.10' (a bare IP address is not a CIDR; write 10.96.0.10/32 to advertise this single address)" \
    replace -f "$WORK/bare.yaml"

sed 's|name: default|name: node.x|' "$DEFAULT_YAML" >"$WORK/nodex.yaml"
remember_data
run create -f "$WORK/nodex.yaml"
check_rc 3 "default-only fields on node.x"
check_err "$WORK/nodex.yaml: document 1: error with the following fields:
-  BGPConfiguration.Spec.NodeToNodeMeshEnabled (Cannot set nodeToNodeMeshEnabled on a non default BGP Configuration.)
-  BGPConfiguration.Spec.ASNumber (Cannot set ASNumber on a non default BGP Configuration.)
-  BGPConfiguration.Spec.ServiceClusterIPs (Cannot set ServiceClusterIPs on a non default BGP Configuration.)
-  BGPConfiguration.Spec.ServiceExternalIPs (Cannot set ServiceExternalIPs on a non default BGP Configuration.)" \
    "every problem of the document is listed"
check_data_unchanged "default-only fields"

expect_failure 4 "resource does not exist: BGPConfiguration(missing)" get bgpconfig missing
expect_failure 4 "resource does not exist: BGPConfiguration(missing)" delete bgpconfig missing
expect_failure 4 "resource does not exist: BGPConfiguration(missing)" patch bgpconfig missing -p '{}'
sed 's|name: node.worker-1|name: node.missing|' "$NODE_YAML" >"$WORK/missing.yaml"
expect_failure 4 "resource does not exist: BGPConfiguration(node.missing)" replace -f "$WORK/missing.yaml"
expect_failure 4 "resource already exists: BGPConfiguration(default)" create -f "$DEFAULT_YAML"

# Stale resourceVersion: read, let someone else write, then replace with what was read.
run get bgpconfig default -o yaml
echo "$OUT" >"$WORK/stale.yaml"
run patch bgpconfig default -p '{"spec":{"listenPort":1790}}'
check_rc 0 "setup: a concurrent change"
expect_failure 4 "update conflict: BGPConfiguration(default)" replace -f "$WORK/stale.yaml"
expect_failure 4 "update conflict: BGPConfiguration(default)" apply -f "$WORK/stale.yaml"
expect_failure 4 "update conflict: BGPConfiguration(default)" patch bgpconfig default -p '{"metadata":{"resourceVersion":"1"}}'

# Patches that do not apply, or whose result is invalid.
expect_failure 3 "BGPConfiguration(default): JSON patch failed: key 'nope' not found" \
    patch bgpconfig default --type json -p '[{"op":"remove","path":"/spec/nope"}]'
expect_failure 3 "BGPConfiguration(default): after patch: error with field spec.listenPort = '70000' (must be between 1 and 65535)" \
    patch bgpconfig default -p '{"spec":{"listenPort":70000}}'
expect_failure 3 "BGPConfiguration(default): after patch: field in document is not recognized or is in the wrong location: spec.colour" \
    patch bgpconfig default -p '{"spec":{"colour":"blue"}}'
expect_failure 3 "BGPConfiguration(default): after patch: error with field metadata = 'x' (expected an object)" \
    patch bgpconfig default -p '{"metadata":"x"}'
expect_failure 3 "BGPConfiguration(default): after patch: metadata.name cannot be changed by a patch" \
    patch bgpconfig default -p '{"metadata":{"name":"node.other"}}'
remember_data
run patch bgpconfig default -p '{"spec": ['
check_rc 3 "malformed patch text"
check_err_has "--patch: invalid JSON" "malformed patch names the flag"
check_data_unchanged "malformed patch"
expect_failure 3 "--cluster-ips: '10.0.0.1/8': host bits are set; did you mean 10.0.0.0/8?" cidr add --cluster-ips 10.0.0.1/8

# Multi-document file whose second document is bad: the first is created, then exit 6.
cat >"$WORK/multi.yaml" <<'YAML'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: node.one}
spec: {listenPort: 1000}
---
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: node.two}
spec: {listenPort: 0.5}
---
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: node.three}
YAML
run create -f "$WORK/multi.yaml"
check_rc 6 "partial success"
check_err "Partial success: created the first 1 out of 3 'BGPConfiguration' resources:
hit error: $WORK/multi.yaml: document 2: error with field spec.listenPort = '0.5' (expected an integer)" "partial success report"
run get bgpconfig -o name
check_out "bgpconfiguration.projectcalico.org/default
bgpconfiguration.projectcalico.org/node.one" "only the documents before the failure were written"

# Usage errors: exit 2.
remember_data
run get foo
check_rc 2 "unknown kind"
check_err "resource type 'foo' is not supported" "unknown kind message"
run get bgpconfig --colour
check_rc 2 "unknown flag"
check_err "svcadv: unknown flag: --colour (see 'svcadv get --help')" "unknown flag names the flag and the command"
run get bgpconfig -o xml
check_rc 2 "bad output format"
check_err "unrecognized output format 'xml'" "bad output format message"
run apply
check_rc 2 "missing -f"
run patch bgpconfig default --type apply -p '{}'
check_rc 2 "bad --type"
run apply -f "$DEFAULT_YAML" --dry-run=maybe
check_rc 2 "bad --dry-run value"
run cidr add
check_rc 2 "cidr add with nothing to add"
run
check_rc 2 "no command"
run --datastore-type mongo get bgpconfig
check_rc 2 "bad --datastore-type"
check_data_unchanged "usage errors"

# A kind svcadv does not manage, in a file.
printf 'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p}\n' >"$WORK/pool.yaml"
expect_failure 3 "$WORK/pool.yaml: document 1: error with field kind = 'IPPool' (expected BGPConfiguration)" apply -f "$WORK/pool.yaml"
expect_failure 3 "$WORK/none.yaml: cannot open file: No such file or directory" apply -f "$WORK/none.yaml"

# No datastore configured at all: a clear pointer, exit 5.
SVCADV_DATA_DIR= run get bgpconfig
unset SVCADV_DATA_DIR
run get bgpconfig
check_rc 5 "no datastore configured"
check_err_has "use the local datastore with --datastore-type file" "says how to use the file datastore"
export SVCADV_DATA_DIR="$DATA"

# A stored file that does not parse is named, and never rewritten.
printf 'spec: [\n' >"$DATA/bgpconfigurations/node.broken.yaml"
remember_data
run patch bgpconfig node.broken -p '{}'
check_rc 3 "unparsable stored file"
check_err_has "bgpconfigurations/node.broken.yaml: invalid YAML" "names the stored file"
check_data_unchanged "unparsable stored file"

finish
