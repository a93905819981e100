#!/usr/bin/env bash
# The BGPConfiguration commands and preview-routes against svcadv-test-apiserver over HTTPS, through
# a kubeconfig: token auth, both Calico API groups, paginated lists with an expired continue token,
# retries, timeouts, bad credentials, and the number of requests each command makes.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures.sh"
: "${SVCADV_SOURCE_DIR:?}" "${SVCADV_BUILD_DIR:?}"
unset SVCADV_DATA_DIR

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=other \
    -keyout "$WORK/other-key.pem" -out "$WORK/other.pem" >/dev/null 2>&1

# kubeconfig SERVER TOKEN [CA-FILE]: a kubeconfig with the CA inline (certificate-authority-data).
kubeconfig() {
    local ca=${3:-$WORK/cert.pem}
    cat <<YAML
apiVersion: v1
kind: Config
clusters:
  - name: test
    cluster:
      server: $1
      certificate-authority-data: $(base64 -w0 "$ca")
users:
  - name: tester
    user:
      token: $2
contexts:
  - name: test
    context: {cluster: test, user: tester}
current-context: test
YAML
}

# --- the CRD group (calico's default storage) ----------------------------------------------------
start_apiserver --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" --token s3cret-token \
    --request-log "$WORK/crd.log"
kubeconfig "$APISERVER_URL" s3cret-token >"$WORK/kubeconfig"
export KUBECONFIG="$WORK/kubeconfig"

run create -f "$DEFAULT_YAML"
check_rc 0 "create over HTTPS with a token"
check_out "Successfully created 1 'BGPConfiguration' resource(s)" "create message"
run get bgpconfig default -o yaml
check_out_has "apiVersion: projectcalico.org/v3" "users see v3 objects"
check_out_has "asNumber: 63400" "the stored spec"
check_true "grep -q 'POST /apis/crd.projectcalico.org/v1/bgpconfigurations 201' '$WORK/crd.log'" "stored as a crd.projectcalico.org/v1 resource"
run cidr add --load-balancer-ips 198.51.100.0/24
check_rc 0 "cidr add (read, modify, update)"
run get bgpconfig -o custom-columns=LB:.spec.serviceLoadBalancerIPs[*].cidr --no-headers
check_out "198.51.100.0/24" "the change is stored"
run create -f "$DEFAULT_YAML"
check_rc 4 "create of an existing name"
check_err "resource already exists: BGPConfiguration(default)" "AlreadyExists maps to calicoctl's message"
run get bgpconfig nope
check_rc 4 "missing resource"

run version
check_out_has "Cluster Version:   v1.31.0" "version shows the cluster's Kubernetes version"
check_out_has "Calico Version:    v3.33.0" "and Calico's, from ClusterInformation default"

# Request counts on a quiet server: get = 1 request (plus one discovery), patch = 2.
: >"$WORK/crd.log"
run get bgpconfig default
check_true "[ \$(grep -vc '^GET /apis ' '$WORK/crd.log') = 1 ]" "get makes one request ($(grep -vc '^GET /apis ' "$WORK/crd.log"))"
: >"$WORK/crd.log"
run patch bgpconfig default -p '{"spec":{"asNumber":64999}}'
check_rc 0 "patch"
# ClusterInformation default names the Calico release whose validation rules apply.
check_true "[ \$(grep -vc '^GET /apis ' '$WORK/crd.log') = 3 ]" "patch makes three requests (ClusterInformation, read, update)"
check_true "[ \$(grep -c '^GET /apis ' '$WORK/crd.log') -le 1 ]" "at most one discovery request"

# tokenFile, relative to the kubeconfig's folder.
mkdir -p "$WORK/kc/secrets"
printf 's3cret-token\n' >"$WORK/kc/secrets/token"
sed 's|      token: s3cret-token|      tokenFile: secrets/token|' "$WORK/kubeconfig" >"$WORK/kc/config"
run --kubeconfig "$WORK/kc/config" get bgpconfig default --no-headers
check_rc 0 "tokenFile relative to the kubeconfig"

# calicoctl's config file points at the cluster instead of a kubeconfig.
cat >"$WORK/calicoctl.cfg" <<YAML
apiVersion: projectcalico.org/v3
kind: CalicoAPIConfig
metadata: {}
spec:
  datastoreType: kubernetes
  k8sAPIEndpoint: $APISERVER_URL
  k8sCAFile: $WORK/cert.pem
  k8sAPIToken: s3cret-token
YAML
KUBECONFIG= run -c "$WORK/calicoctl.cfg" get bgpconfig default --no-headers
check_rc 0 "calicoctl's config file: endpoint, CA file and token"

# A client dry run reads but never writes; a server dry run sends the write with dryRun=All.
: >"$WORK/crd.log"
run apply -f "$DEFAULT_YAML" --dry-run
check_rc 0 "client dry run"
check_out "Successfully applied 1 'BGPConfiguration' resource(s) (dry run)" "dry run message"
check_true "! grep -Eq '^(POST|PUT|PATCH|DELETE) ' '$WORK/crd.log'" "client dry run sends no write"
run delete bgpconfig default --dry-run=client
check_true "! grep -Eq '^(POST|PUT|PATCH|DELETE) ' '$WORK/crd.log'" "client dry-run delete sends no write"
run create -f "$DEFAULT_YAML" --dry-run
check_rc 4 "client dry-run create still sees the name is taken"

# A conflict storm: the server answers 409 three times, the change is re-applied and lands.
curl -s --cacert "$WORK/cert.pem" -H "Authorization: Bearer s3cret-token" \
    -d 'PUT:/apis/crd.projectcalico.org/*:409:3' "$APISERVER_URL/_test/faults" >/dev/null
run cidr add --external-ips 203.0.113.0/24
check_rc 0 "conflict storm ends in success"
run get bgpconfig -o custom-columns=EXT:.spec.serviceExternalIPs[*].cidr --no-headers
check_out_has "203.0.113.0/24" "the re-applied change is stored"
# 503 twice then success; 429 with Retry-After honoured.
curl -s --cacert "$WORK/cert.pem" -H "Authorization: Bearer s3cret-token" \
    -d 'GET:/apis/crd.projectcalico.org/v1/bgpconfigurations/default:503:2' "$APISERVER_URL/_test/faults" >/dev/null
run get bgpconfig default
check_rc 0 "503 twice, then success"
curl -s --cacert "$WORK/cert.pem" -H "Authorization: Bearer s3cret-token" \
    -d 'GET:/apis/crd.projectcalico.org/v1/bgpconfigurations/default:429:1:retry-after=1' "$APISERVER_URL/_test/faults" >/dev/null
started=$(date +%s%N)
run get bgpconfig default
elapsed=$((($(date +%s%N) - started) / 1000000))
check_rc 0 "429 then success"
check_true "[ $elapsed -ge 900 ]" "Retry-After: 1 was waited for (${elapsed}ms)"

# 20 concurrent writers, each adding its own entry: none is lost.
concurrent_cidr_adds "10.%d.0.0/16"
check_rc 0 "20 concurrent cidr add processes all succeed"
run get bgpconfig default -o json
check_true "[ \$(grep -o '\"cidr\": \"10\\.[0-9]*\\.0\\.0/16\"' <<<\"\$OUT\" | wc -l) = 20 ]" "all 20 entries are stored"

# A connection dropped without an answer: a read is repeated; three drops in a row are exit 5.
curl -s --cacert "$WORK/cert.pem" -H "Authorization: Bearer s3cret-token" \
    -d 'GET:/apis/crd.projectcalico.org/v1/bgpconfigurations/default:reset:1' "$APISERVER_URL/_test/faults" >/dev/null
run get bgpconfig default --no-headers
check_rc 0 "a dropped connection is retried for a read"
curl -s --cacert "$WORK/cert.pem" -H "Authorization: Bearer s3cret-token" \
    -d 'GET:/apis/crd.projectcalico.org/v1/bgpconfigurations/default:reset:3' "$APISERVER_URL/_test/faults" >/dev/null
run get bgpconfig default
check_rc 5 "a server that keeps dropping the connection"
check_err_has "cannot reach $APISERVER_URL" "names the server"

# replace (guarded by the resourceVersion read) and delete, for real.
run get bgpconfig default -o yaml
printf '%s\n' "$OUT" | sed 's/asNumber: .*/asNumber: 65100/' >"$WORK/current.yaml"
run replace -f "$WORK/current.yaml"
check_rc 0 "replace"
run replace -f "$WORK/current.yaml"
check_rc 4 "a second replace with the same resourceVersion conflicts"
check_err "update conflict: BGPConfiguration(default)" "conflict message"
run create -f "$SVCADV_SOURCE_DIR/examples/bgpconfig-default.yaml" --dry-run=server
check_rc 4 "server dry run of an existing name"
cat >"$WORK/node-config.yaml" <<'YAML'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata: {name: node.node-a}
spec: {logSeverityScreen: Debug}
YAML
run create -f "$WORK/node-config.yaml"
check_rc 0 "create a second configuration"
run delete -f "$WORK/node-config.yaml"
check_rc 0 "delete it"
run get bgpconfig node.node-a
check_rc 4 "deleted"

# --- failures: each its exit code and a one-line message -----------------------------------------
kubeconfig "$APISERVER_URL" wrong-token >"$WORK/bad-token"
run --kubeconfig "$WORK/bad-token" get bgpconfig
check_rc 5 "wrong token"
check_err_has "Unauthorized" "says Unauthorized"
check_true "[[ \"\$ERR\" != *wrong-token* && \"\$OUT\" != *wrong-token* ]]" "the token never appears"
kubeconfig "$APISERVER_URL" s3cret-token "$WORK/other.pem" >"$WORK/bad-ca"
run --kubeconfig "$WORK/bad-ca" get bgpconfig
check_rc 5 "unknown CA"
check_err_has "TLS with $APISERVER_URL failed" "names TLS and the server"
kubeconfig "https://127.0.0.1:1" s3cret-token >"$WORK/down"
run --kubeconfig "$WORK/down" get bgpconfig
check_rc 5 "server down"
check_err_has "cannot reach https://127.0.0.1:1" "names the server"
curl -s --cacert "$WORK/cert.pem" -H "Authorization: Bearer s3cret-token" \
    -d 'GET:/apis/crd.projectcalico.org/v1/bgpconfigurations:delay=3000:1' "$APISERVER_URL/_test/faults" >/dev/null
run --request-timeout 1s get bgpconfig
check_rc 5 "slow server past --request-timeout"
check_err_has "timed out after 1000ms" "says it timed out"
run --request-timeout soon get bgpconfig
check_rc 2 "bad --request-timeout"
run -l debug --kubeconfig "$WORK/kubeconfig" get bgpconfig default -o yaml
check_true "[[ \"\$ERR\$OUT\" != *s3cret-token* ]]" "no secret in any output at debug level"

# --- an exec credential plugin (v1 and v1beta1), and client certificates ------------------------
cat >"$WORK/plugin.sh" <<'SH'
#!/bin/sh
# Prints an ExecCredential of the apiVersion svcadv asked for in KUBERNETES_EXEC_INFO.
version=$(printf '%s' "$KUBERNETES_EXEC_INFO" | sed 's/.*"apiVersion":"\([^"]*\)".*/\1/')
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s"}}\n' "$version" "$PLUGIN_TOKEN"
SH
chmod +x "$WORK/plugin.sh"
for version in v1 v1beta1; do
    cat >"$WORK/exec-$version" <<YAML
apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "$APISERVER_URL", certificate-authority: cert.pem}}]
users:
  - name: plugin-user
    user:
      exec:
        apiVersion: client.authentication.k8s.io/$version
        command: ./plugin.sh
        env: [{name: PLUGIN_TOKEN, value: s3cret-token}]
contexts: [{name: c, context: {cluster: c, user: plugin-user}}]
current-context: c
YAML
    run --kubeconfig "$WORK/exec-$version" get bgpconfig default --no-headers
    check_rc 0 "exec plugin ($version) supplies the token"
done
sed -i 's/value: s3cret-token/value: nope/' "$WORK/exec-v1"
run --kubeconfig "$WORK/exec-v1" get bgpconfig
check_rc 5 "a wrong token from the plugin"
printf '#!/bin/sh\nexit 3\n' >"$WORK/plugin.sh"
run --kubeconfig "$WORK/exec-v1" get bgpconfig
check_rc 5 "a failing plugin"
check_err_has "exec plugin '$WORK/./plugin.sh' failed (exit status 3)" "says which plugin failed"

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=test-ca -keyout "$WORK/ca-key.pem" \
    -out "$WORK/ca.pem" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj /CN=svcadv-user -keyout "$WORK/client-key.pem" \
    -out "$WORK/client.csr" >/dev/null 2>&1
openssl x509 -req -in "$WORK/client.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca-key.pem" \
    -CAcreateserial -days 1 -out "$WORK/client.pem" >/dev/null 2>&1
start_apiserver --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" --client-ca "$WORK/ca.pem" \
    --seed "$SVCADV_SOURCE_DIR/examples/cluster"
cat >"$WORK/cert-kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "$APISERVER_URL", certificate-authority: cert.pem}}]
users: [{name: u, user: {client-certificate-data: $(base64 -w0 "$WORK/client.pem"), client-key: client-key.pem}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
YAML
run --kubeconfig "$WORK/cert-kubeconfig" get bgpconfig default --no-headers
check_rc 0 "client certificate (data) and key (relative file) authenticate"
check_out_has "default" "and the object is read"

# tls-server-name: the certificate names api.internal, the kubeconfig points at 127.0.0.1.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=api.internal \
    -addext subjectAltName=DNS:api.internal -keyout "$WORK/named-key.pem" -out "$WORK/named.pem" >/dev/null 2>&1
start_apiserver --tls-cert "$WORK/named.pem" --tls-key "$WORK/named-key.pem"
kubeconfig "$APISERVER_URL" unused "$WORK/named.pem" >"$WORK/named-kubeconfig"
run --kubeconfig "$WORK/named-kubeconfig" get bgpconfig
check_rc 5 "the certificate does not name 127.0.0.1"
sed -i "s|      server: |      tls-server-name: api.internal\n      server: |" "$WORK/named-kubeconfig"
run --kubeconfig "$WORK/named-kubeconfig" get bgpconfig
check_rc 0 "tls-server-name verifies the name the certificate holds"

# --- the v3 group (Calico API server): chosen by discovery, server-side dry run ------------------
start_apiserver --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" --token t2 --api-group v3 \
    --request-log "$WORK/v3.log"
kubeconfig "$APISERVER_URL" t2 >"$WORK/v3-kubeconfig"
export KUBECONFIG="$WORK/v3-kubeconfig"
run create -f "$DEFAULT_YAML"
check_rc 0 "create on projectcalico.org/v3"
check_true "grep -q 'POST /apis/projectcalico.org/v3/bgpconfigurations 201' '$WORK/v3.log'" "discovery picked the v3 group"
run apply -f "$DEFAULT_YAML" --dry-run=server
check_rc 0 "server dry run"
check_true "grep -q 'dryRun=All' '$WORK/v3.log'" "sends dryRun=All"
run get bgpconfig default -o yaml
check_out_has "serviceLoadBalancerAggregation: Enabled" "the server's defaults come back"
CALICO_API_GROUP=bogus run get bgpconfig
check_rc 2 "bad CALICO_API_GROUP"

# --- preview-routes from the live cluster: pages of 500, an expired continue token restarts, the
# kinds listed side by side (the first node page answers late: the other lists do not wait) -----
"$SVCADV_BUILD_DIR/bench/gen_snapshot" 1200 40 200 >"$WORK/cluster.json"
start_apiserver --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" --token t3 \
    --seed "$WORK/cluster.json" --request-log "$WORK/live.log" \
    --fault 'GET:/api/v1/nodes?*continue=*:410:1' --fault 'GET:/api/v1/nodes:delay=1500ms:1'
kubeconfig "$APISERVER_URL" t3 >"$WORK/live-kubeconfig"
export KUBECONFIG="$WORK/live-kubeconfig"
run preview-routes -o json
check_rc 0 "preview-routes against the API"
live=$OUT
check_true "grep -q 'route rules of Calico v3.33.0 (ClusterInformation default)' '$WORK/err'" "the live cluster's Calico version is detected"
# The file lacks the cluster's ClusterInformation: the flag says what it would.
run preview-routes --from "$WORK/cluster.json" -o json --calico-version v3.33.0
check_true '[ "$live" = "$OUT" ]' "the live plan equals the plan of the same objects from a file"
check_true "[ \$(grep -c '^GET /api/v1/nodes?limit=500' '$WORK/live.log') -ge 4 ]" "nodes listed in pages of 500"
check_true "grep -q '^GET /api/v1/nodes?limit=500&continue=.* 410' '$WORK/live.log'" "a continue token expired (410)"
check_true "[ \$(grep -c '^GET /api/v1/nodes?limit=500 200' '$WORK/live.log') = 2 ]" "and the list restarted from the first page"
first_line() { grep -n "$1" "$WORK/live.log" | head -1 | cut -d: -f1; }
check_true "[ \$(first_line '^GET /api/v1/services?limit=500 200') -lt \$(first_line '^GET /api/v1/nodes?limit=500 200') ]" "services were listed while the first node page was on its way"
check_true "[ \$(first_line '^GET /apis/discovery.k8s.io/v1/endpointslices?limit=500 200') -lt \$(first_line '^GET /api/v1/nodes?limit=500 200') ]" "and endpoint slices too"

finish
