#!/usr/bin/env bash
# Every command's success path against a temporary file datastore.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures.sh"

run version
check_rc 0 "version"
check_out_has "Client Version:    v" "version prints the client version"

run create -f "$DEFAULT_YAML"
check_rc 0 "create default"
check_out "Successfully created 1 'BGPConfiguration' resource(s)" "create message"
check_true "[ -f '$DATA/bgpconfigurations/default.yaml' ]" "stored at bgpconfigurations/default.yaml"
check_true "[ \"\$(stat -c %a '$DATA/bgpconfigurations/default.yaml')\" = 600 ]" "stored file is mode 0600"
check_true "[ \"\$(stat -c %a '$DATA')\" = 700 ]" "data dir is mode 0700"

run get bgpconfig
check_rc 0 "get table"
check_out "NAME     ASNUMBER  MESH  CLUSTER-IPS   EXTERNAL-IPS                      LOADBALANCER-IPS
default  63400     true  10.96.0.0/12  104.244.42.129/32,172.217.3.0/24  -" "get prints the service ranges"

run get bgpconfigs -o wide --no-headers
check_out "default  63400  true  10.96.0.0/12  104.244.42.129/32,172.217.3.0/24  -  Info  -  -" "get -o wide --no-headers"

run get BGPConfiguration default -o yaml
check_rc 0 "get -o yaml"
check_out_has "kind: BGPConfiguration" "single name prints the object"
check_out_has 'resourceVersion: "1"' "resourceVersion is shown as a string"

run get bgpconfig -o json
check_true "echo \"\$OUT\" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"kind\"]==\"BGPConfigurationList\" and d[\"items\"][0][\"spec\"][\"asNumber\"]==63400'" "no name prints a BGPConfigurationList as JSON"

run get bgpconfig default -o name
check_out "bgpconfiguration.projectcalico.org/default" "get -o name"

run get bgpconfig -o 'custom-columns=NAME:.metadata.name,EXT:.spec.serviceExternalIPs[*].cidr'
check_out "NAME     EXT
default  104.244.42.129/32,172.217.3.0/24" "get -o custom-columns"

run create -f "$DEFAULT_YAML" --skip-exists
check_rc 0 "create --skip-exists on an existing resource"

run_stdin "$NODE_YAML" apply -f -
check_rc 0 "apply from stdin creates"
check_out "Successfully applied 1 'BGPConfiguration' resource(s)" "apply message"

sed 's/listenPort: 178/listenPort: 1179/' "$NODE_YAML" >"$WORK/node2.yaml"
run apply -f "$WORK/node2.yaml"
check_rc 0 "apply updates an existing resource"
run get bgpconfig node.worker-1 -o 'custom-columns=PORT:.spec.listenPort' --no-headers
check_out "1179" "apply changed listenPort"

run get bgpconfig default -o yaml
echo "$OUT" | sed 's/asNumber: 63400/asNumber: 63401/' >"$WORK/replace.yaml"
run replace -f "$WORK/replace.yaml"
check_rc 0 "replace with the resourceVersion that was read"
check_out "Successfully replaced 1 'BGPConfiguration' resource(s)" "replace message"

run patch bgpconfig default -p '{"spec":{"serviceLoadBalancerIPs":[{"cidr":"198.51.100.0/24"}]}}'
check_rc 0 "merge patch"
check_out "Successfully patched 1 'BGPConfiguration' resource" "patch message"

run patch bgpconfig default --type json -p '[{"op":"add","path":"/spec/serviceExternalIPs/-","value":{"cidr":"203.0.113.0/24"}}]'
check_rc 0 "JSON patch"
run patch bgpconfig default --type strategic -p 'spec: {logSeverityScreen: Debug}'
check_rc 0 "strategic patch given as YAML"
printf 'spec:\n  listenPort: 179\n' >"$WORK/patch.yaml"
run patch bgpconfig default --patch-file "$WORK/patch.yaml" -o yaml
check_rc 0 "patch from a file"
check_out_has "listenPort: 179" "patch -o yaml prints the result"
run get bgpconfig default -o 'custom-columns=EXT:.spec.serviceExternalIPs[*].cidr,LB:.spec.serviceLoadBalancerIPs[*].cidr,LOG:.spec.logSeverityScreen' --no-headers
check_out "104.244.42.129/32,172.217.3.0/24,203.0.113.0/24  198.51.100.0/24  Debug" "patches are all applied"

run cidr add --cluster-ips fd00:10:96::/112,10.96.0.0/12 --load-balancer-ips 192.0.2.0/24
check_rc 0 "cidr add"
check_out "Added fd00:10:96::/112 to serviceClusterIPs of BGPConfiguration(default)
10.96.0.0/12 is already in serviceClusterIPs of BGPConfiguration(default)
Added 192.0.2.0/24 to serviceLoadBalancerIPs of BGPConfiguration(default)" "cidr add is idempotent per entry"
run cidr remove --external-ips 203.0.113.0/24 --external-ips 10.0.0.0/8
check_out "Removed 203.0.113.0/24 from serviceExternalIPs of BGPConfiguration(default)
10.0.0.0/8 is not in serviceExternalIPs of BGPConfiguration(default)" "cidr remove"

# Dry runs write nothing.
remember_data
run cidr add --cluster-ips 10.200.0.0/16 --dry-run
check_out "Added 10.200.0.0/16 to serviceClusterIPs of BGPConfiguration(default) (dry run)" "cidr add --dry-run"
run patch bgpconfig default -p '{"spec":{"asNumber":1}}' --dry-run=client
check_out "Successfully patched 1 'BGPConfiguration' resource (dry run)" "patch --dry-run=client"
run delete bgpconfig default --dry-run=server
check_out "Successfully deleted 1 'BGPConfiguration' resource(s) (dry run)" "delete --dry-run=server"
sed 's/name: node.worker-1/name: node.worker-2/' "$NODE_YAML" >"$WORK/node3.yaml"
run create -f "$WORK/node3.yaml" --dry-run -o yaml
check_out_has "name: node.worker-2" "create --dry-run -o yaml shows the result"
check_data_unchanged "dry runs"

run validate -f "$DEFAULT_YAML" -f "$NODE_YAML"
check_rc 0 "validate"
check_out "Valid: 2 'BGPConfiguration' resource(s)" "validate message"

# A List document is taken item by item.
cat >"$WORK/list.yaml" <<'YAML'
apiVersion: projectcalico.org/v3
kind: BGPConfigurationList
items:
- apiVersion: projectcalico.org/v3
  kind: BGPConfiguration
  metadata: {name: node.a}
  spec: {listenPort: 1000}
- apiVersion: projectcalico.org/v3
  kind: BGPConfiguration
  metadata: {name: node.b}
YAML
run create -f "$WORK/list.yaml"
check_out "Successfully created 2 'BGPConfiguration' resource(s)" "create from a BGPConfigurationList"

run delete bgpconfig node.a node.b
check_out "Successfully deleted 2 'BGPConfiguration' resource(s)" "delete by names"
run delete -f "$NODE_YAML"
check_out "Successfully deleted 1 'BGPConfiguration' resource(s)" "delete -f"
run delete bgpconfig node.gone --skip-not-exists
check_rc 0 "delete --skip-not-exists"

# JSON input.
run get bgpconfig default -o json
echo "$OUT" >"$WORK/default.json"
run apply -f "$WORK/default.json"
check_rc 0 "apply a JSON file"

# The environment picks the data dir; the flag overrides it.
run --data-dir "$WORK/other" get bgpconfig --no-headers
check_out "" "--data-dir overrides SVCADV_DATA_DIR"

# A relative data dir that does not exist yet is created under the working directory.
(cd "$WORK" && "$SVCADV" --data-dir relative/dir create -f "$DEFAULT_YAML" >/dev/null 2>&1)
RC=$? OUT= ERR=
check_rc 0 "create with a new relative --data-dir"
check_true "[ -f '$WORK/relative/dir/bgpconfigurations/default.yaml' ]" "relative data dir created"

run get bgpconfig --help
check_rc 0 "get --help"
check_out_has "Examples:" "help has examples"

finish
