#!/usr/bin/env bash
# label-exclude on the example snapshot, in the local datastore and through the Kubernetes API:
# set, remove, list, selectors, --all, idempotence, --overwrite, dry runs, conflicts, missing
# nodes, and the refusals that --force overrides, with the route changes it prints.
source "$(dirname "$0")/lib.sh"
: "${SVCADV_SOURCE_DIR:?}"
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"
"$SVCADV" snapshot save "$DATA" --from "$EXAMPLE" >/dev/null

run label-exclude --list
check_rc 0 "--list"
check_out "NODE    LABEL  CALICO      METALLB
node-a  -      advertises  advertises
node-b  -      advertises  advertises
node-c  -      advertises  advertises
node-d  true   excluded    excluded
node-e  True   advertises  excluded" "each node as Calico and MetalLB read it"
run label-exclude --list -o json
check_out_has '"label": "True"' "json list"

# Excluding node-c would leave shop/search (Local, endpoints only there) with no node: refused.
remember_data
run label-exclude node-c
check_rc 4 "refused without --force"
check_out_has "node-c  -       10.96.40.4/32      LocalEndpoint     shop/search" "shows what it would withdraw"
check_out_has "ECMP 10.96.0.0/12: 4 -> 3 next hops" "shows the next-hop counts that change"
check_err_has "
  - Local service shop/search would be left with no advertising node" "says which and why, one per line"
check_err_has "(use --force to do it anyway)" "names the way out"
check_data_unchanged "refusal"

run label-exclude node-b
check_rc 0 "exclude node-b"
check_out_has "node-b  -       10.96.30.5/32     LocalEndpoint     edge/gateway" "withdrawn routes printed"
check_out_has "Successfully set label node.kubernetes.io/exclude-from-external-load-balancers on node node-b" "calicoctl's label message"
check_true "grep -q 'node.kubernetes.io/exclude-from-external-load-balancers: \"true\"' '$DATA/nodes/node-b.yaml'" "label stored"
run label-exclude node-b
check_rc 0 "idempotent"
check_out "Node node-b is already excluded" "says so"
run label-exclude node-e
check_rc 4 "another value needs --overwrite"
check_err_has "node node-e has node.kubernetes.io/exclude-from-external-load-balancers='True'" "names the value"
run label-exclude node-e --overwrite --quiet
check_rc 4 "edge/gateway's last advertising node: refused even with --overwrite"
check_err_has "Local service edge/gateway would be left with no advertising node" "names the service"
run label-exclude node-e --overwrite --force --quiet
check_rc 0 "--overwrite --force"
check_out "Successfully set label node.kubernetes.io/exclude-from-external-load-balancers on node node-e" "--quiet prints only the result"

remember_data
run label-exclude node-a --force --dry-run
check_rc 0 "dry run"
check_out_has "(dry run)" "says dry run"
check_data_unchanged "dry run"
run label-exclude node-c --force
check_rc 0 "--force"
check_out_has "Local service shop/search is left with no advertising node" "--force still says what it strands"
check_out_has "No node advertises 10.96.40.4/32 any more" "and which prefixes lose every node"
run preview-routes --node node-c --no-headers
check_out "node-c  -  NodeExcluded  -" "the preview agrees: node-c is excluded"

run label-exclude node-b node-zz --remove --quiet
check_rc 6 "partial success"
check_err "resource does not exist: Node(node-zz)" "the missing node is reported"
run label-exclude node-yy node-zz --remove
check_rc 4 "every node missing"
run label-exclude -l kubernetes.io/hostname=node-c --remove --quiet
check_rc 0 "selector"
check_true "! grep -q exclude-from '$DATA/nodes/node-c.yaml'" "label removed"
run label-exclude --all --remove --quiet --force
check_rc 0 "--all --remove"
run label-exclude --list
check_rc 0 "--list after --all --remove"
check_true "! grep -q excluded <<<\"\$OUT\"" "no node is excluded any more"
run label-exclude
check_rc 2 "no nodes named"
run label-exclude node-a --all
check_rc 2 "names and --all together"

# --- through the Kubernetes API: merge patches with the resourceVersion, conflicts retried -------
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1
start_apiserver --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" --seed "$EXAMPLE" \
    --request-log "$WORK/requests.log" --fault 'PATCH:/api/v1/nodes/node-b:409:2'
cat >"$WORK/kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "$APISERVER_URL", certificate-authority: $WORK/cert.pem}}]
users: [{name: u, user: {}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
YAML
unset SVCADV_DATA_DIR
export KUBECONFIG="$WORK/kubeconfig"
run label-exclude node-b --quiet
check_rc 0 "through the API, after two conflicts"
check_true "[ \$(grep -c '^PATCH /api/v1/nodes/node-b 409' '$WORK/requests.log') = 2 ]" "the conflicts were re-read and retried"
check_true "grep -q '^PATCH /api/v1/nodes/node-b 200' '$WORK/requests.log'" "written with a merge patch"
: >"$WORK/requests.log"
run label-exclude node-a --force --dry-run
check_rc 0 "client dry run through the API"
check_true "! grep -q '^PATCH' '$WORK/requests.log'" "the request log shows no write"
run label-exclude node-a --force --dry-run=server --quiet
check_true "grep -q '^PATCH /api/v1/nodes/node-a?dryRun=All 200' '$WORK/requests.log'" "server dry run sends dryRun=All"
run label-exclude --list
check_out_has "node-b  true   excluded    excluded" "the list reads the cluster"

finish
