#!/usr/bin/env bash
# Issue 12, points 5 and 4: -o jsonpath for get and preview-routes (kubectl's syntax), apiVersion
# and kind on every -o json document; -v N and --log-level: the settings chosen, one line per
# request with method, URL, status and duration, retries, and never a secret.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures.sh"
: "${SVCADV_SOURCE_DIR:?}"
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"

run create -f "$DEFAULT_YAML"
run create -f "$NODE_YAML"
run get bgpconfig -o 'jsonpath={range .items[*]}{.metadata.name}{"\t"}{.spec.asNumber}{"\n"}{end}'
check_rc 0 "get -o jsonpath with range"
check_out "default	63400
node.worker-1	" "one line per object"
run get bgpconfig default -o "jsonpath={.spec.serviceExternalIPs[?(@.cidr=='172.217.3.0/24')].cidr}"
check_out "172.217.3.0/24" "a filter on one object"
run get bgpconfig default -o 'jsonpath={.spec.serviceExternalIPs[-1:].cidr}'
check_out "172.217.3.0/24" "a slice"
run get bgpconfig -o 'jsonpath={.items[}'
check_rc 2 "a bad template"
check_err_has "-o jsonpath: " "names the flag"

run preview-routes --from "$EXAMPLE" -o 'jsonpath={.prefixes[?(@.prefix=="10.96.30.5/32")].nodes[*]}'
check_rc 0 "preview-routes -o jsonpath"
check_out "node-b node-e" "the next hops of one prefix"
run preview-routes --from "$EXAMPLE" --explain shop/api -o 'jsonpath={.reachability.addresses[1].reachable}'
check_out "true" "jsonpath over the explanation"
run preview-routes --from "$EXAMPLE" -o jsn
check_rc 2 "an unknown -o"
check_err_has "(did you mean json?)" "did you mean the format"

# apiVersion and kind on every -o json document.
for args in "get bgpconfig -o json" "get bgpconfig default -o json" "label-exclude --list -o json" \
    "preview-routes --from $EXAMPLE -o json" "preview-routes --from $EXAMPLE --explain shop/api -o json" \
    "preview-routes --from $EXAMPLE --exclude node-a --diff -o json"; do
    # shellcheck disable=SC2086
    run $args
    check_true "jq -s -e 'all(.[]; has(\"apiVersion\") and has(\"kind\"))' <<<\"\$OUT\" >/dev/null" "apiVersion and kind: $args"
done

# -v 4: the datastore chosen; nothing at the default verbosity.
run -v 4 get bgpconfig default
check_rc 0 "-v 4"
check_err_has "svcadv] datastore file" "names the datastore"
run --log-level info get bgpconfig default
check_err_has "svcadv] datastore file" "--log-level info is -v 4"
run get bgpconfig default
check_err "" "silent by default"

# -v 6 against the test API server: request lines, never the token.
if [ -n "${SVCADV_TEST_APISERVER:-}" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
        -addext subjectAltName=IP:127.0.0.1 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1
    start_apiserver --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" --token v6-s3cret \
        --fault 'GET:/apis/crd.projectcalico.org/v1/bgpconfigurations*:503:1'
    cat >"$WORK/kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters: [{name: t, cluster: {server: "$APISERVER_URL", certificate-authority-data: $(base64 -w0 "$WORK/cert.pem")}}]
users: [{name: u, user: {token: v6-s3cret}}]
contexts: [{name: c, context: {cluster: t, user: u}}]
current-context: c
YAML
    # The file datastore lib.sh chooses would win over the kubeconfig.
    saved_data_dir=$SVCADV_DATA_DIR
    unset SVCADV_DATA_DIR
    KUBECONFIG="$WORK/kubeconfig" run -v 7 get bgpconfig
    export SVCADV_DATA_DIR=$saved_data_dir
    check_rc 0 "-v 7 against the API server"
    check_err_has "kubernetes: server $APISERVER_URL from kubeconfig $WORK/kubeconfig, context c" "the kubeconfig and context chosen"
    check_true "grep -Eq 'GET $APISERVER_URL/apis/crd.projectcalico.org/v1/bgpconfigurations.* 503 Service Unavailable in [0-9]+ milliseconds' <<<\"\$ERR\"" "the failed request"
    check_err_has "retry 1 after" "the retry at debug"
    check_true "grep -Eq 'GET .*bgpconfigurations.* 200 OK in [0-9]+ milliseconds' <<<\"\$ERR\"" "the request that answered"
    check_true '[[ "$ERR" != *v6-s3cret* ]]' "never the token"
fi

finish
