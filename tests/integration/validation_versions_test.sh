#!/usr/bin/env bash
# Validation by the rules of the cluster's Calico release: --calico-version on validate, the
# writes and preview-routes --bgpconfig, and the release ClusterInformation `default` names in the
# datastore or the --from input. Up to v3.32 calicoctl's validator checks logSeverityScreen's case
# exactly and words the mesh rules its own way; v3.33's CRD does neither.
source "$(dirname "$0")/lib.sh"
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"

LOWER=$(write_file lower.yaml <<'YAML'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec:
  logSeverityScreen: info
  serviceClusterIPs: [{cidr: 10.96.0.0/12}]
YAML
)
MESH=$(write_file mesh.yaml <<'YAML'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec:
  nodeToNodeMeshEnabled: false
  nodeMeshPassword: {secretKeyRef: {name: bgp, key: password}}
YAML
)

# --- validate -----------------------------------------------------------------------------------
run validate --calico-version v3.32.0 -f "$LOWER"
check_rc 3 "v3.32.0 refuses logSeverityScreen: info"
check_err_has "spec.logSeverityScreen = 'info' (must be one of Trace, Debug, Info, Warning, Error, Fatal)" "naming the field and Calico's values"
check_err_has "svcadv: validating by the rules of Calico v3.32.0 (--calico-version)" "and which release's rules"
run validate --calico-version 3.33 -f "$LOWER"
check_rc 0 "v3.33 accepts it (the CRD's case-insensitive pattern)"
check_out "Valid: 1 'BGPConfiguration' resource(s)" "valid under 3.33"
run validate -f "$LOWER"
check_rc 0 "no version: the newest release's rules"
check_true "! grep -q 'validating by' '$WORK/err'" "nothing said when the newest rules apply"
run validate --calico-version 3.31.7 -f "$MESH"
check_rc 3 "mesh password with the mesh off"
check_err_has "spec.nodeMeshPassword (spec.NodeMeshPassword cannot be set if spec.NodeToNodeMesh is disabled)" "3.31's text"
run validate --calico-version master -f "$MESH"
check_rc 3 "refused on master too"
check_err_has "spec.nodeMeshPassword (nodeMeshPassword cannot be set when nodeToNodeMeshEnabled is false)" "the CRD's text"
run validate --calico-version 3.25 -f "$LOWER"
check_rc 2 "an unsupported release"
check_err "--calico-version: v3.25 is not supported: svcadv reproduces v3.26 to v3.33 and master" "names the flag and the range"
AGG=$(write_file agg.yaml <<'YAML'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: default}
spec: {serviceLoadBalancerAggregation: Disabled}
YAML
)
run validate --calico-version 3.30.7 -f "$AGG"
check_rc 3 "a field newer than the release"
check_err_has "spec.serviceLoadBalancerAggregation (unknown field in Calico v3.30.7 (added in v3.31))" "says when it came"

# --- writes: the flag ---------------------------------------------------------------------------
run apply -f "$LOWER" --calico-version 3.32.1
check_rc 3 "apply --calico-version 3.32.1 refuses it"
check_true "[ ! -e '$DATA' ] || ! grep -rq 'info' '$DATA'" "nothing written"
run apply -f "$LOWER" --calico-version bogus
check_rc 2 "apply with a bad --calico-version"
check_err "--calico-version: 'bogus' is not a Calico version (X.Y, X.Y.Z or master)" "refused before anything is read"
run create -f "$LOWER"
check_rc 0 "create under the newest rules"
run patch bgpconfig default --calico-version 3.32 -p '{"spec":{"logSeverityScreen":"debug"}}'
check_rc 3 "patch --calico-version 3.32 refuses a lower-case level"
check_err_has "spec.logSeverityScreen = 'debug'" "naming the field"
run patch bgpconfig default -p '{"spec":{"logSeverityScreen":"debug"}}'
check_rc 0 "the same patch under the newest rules"

# --- writes: the release ClusterInformation default names --------------------------------------
cp -r "$EXAMPLE" "$WORK/v332"
cat >"$WORK/v332/calico.yaml" <<'YAML'
apiVersion: projectcalico.org/v3
kind: ClusterInformation
metadata: {name: default}
spec: {calicoVersion: v3.32.1, clusterType: k8s}
YAML
run snapshot save "$WORK/store332" --from "$WORK/v332"
check_rc 0 "a snapshot of a v3.32.1 cluster"
run --data-dir "$WORK/store332" patch bgpconfig default --dry-run -p '{"spec":{"logSeverityScreen":"info"}}'
check_rc 3 "the detected v3.32.1 refuses it"
check_err_has "svcadv: validating by the rules of Calico v3.32.1 (ClusterInformation default)" "and says why"
run --data-dir "$WORK/store332" patch bgpconfig default --dry-run --calico-version 3.33 -p '{"spec":{"logSeverityScreen":"info"}}'
check_rc 0 "--calico-version wins over the detected release"
run --data-dir "$WORK/store332" apply -f "$LOWER" --dry-run
check_rc 3 "apply on that datastore refuses it too"

# --- preview-routes --bgpconfig ---------------------------------------------------------------
run preview-routes --from "$WORK/v332" --bgpconfig "$LOWER" --diff
check_rc 3 "a proposal validated by the detected release"
check_err_has "spec.logSeverityScreen = 'info'" "naming the field"
run preview-routes --from "$WORK/v332" --bgpconfig "$LOWER" --diff --calico-version 3.33
check_rc 0 "accepted under --calico-version 3.33"
run preview-routes --from "$EXAMPLE" --bgpconfig "$LOWER" --diff --calico-version 3.32.0
check_rc 3 "refused under --calico-version 3.32.0"

finish
