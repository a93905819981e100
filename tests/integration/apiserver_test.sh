#!/usr/bin/env bash
# svcadv-test-apiserver behaves like the Kubernetes API server where svcadv depends on it
# (kubernetes-api.md): discovery, paginated and filtered lists, Status errors, optimistic
# concurrency, patch content types, dryRun, faults, token and TLS authentication.
source "$(dirname "$0")/lib.sh"
: "${SVCADV_SOURCE_DIR:?}"
command -v curl >/dev/null || { fail "curl is not installed (make deps installs it)"; finish; exit 1; }

# http METHOD PATH [BODY [CONTENT-TYPE]]: OUT = body, RC = HTTP status, ERR = headers.
http() {
    local method=$1 path=$2 body=${3:-} type=${4:-application/json}
    local args=(-s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$method" "${CURL_ARGS[@]}")
    [ -n "$body" ] && args+=(-H "Content-Type: $type" --data-binary "$body")
    RC=$(curl "${args[@]}" "$APISERVER_URL$path")
    OUT=$(cat "$WORK/body") ERR=$(cat "$WORK/headers")
}
CURL_ARGS=()

start_apiserver --seed "$SVCADV_SOURCE_DIR/examples/cluster" --request-log "$WORK/requests.log" \
    --fault 'GET:/api/v1/services:429:1:retry-after=1' --fault 'GET:/api/v1/nodes?*continue=*:410:1'
check_true '[[ "$APISERVER_URL" == http://127.0.0.1:* ]]' "prints its URL once listening"

http GET /version
check_out_has '"gitVersion":"v1.31.0"' "/version"
http GET /apis
check_out_has '"name":"crd.projectcalico.org"' "discovery lists the CRD group"
check_true '[[ "$OUT" != *'"'"'"name":"projectcalico.org"'"'"'* ]]' "v3 group not served by default"
http GET /apis/crd.projectcalico.org/v1
check_out_has '"name":"bgpconfigurations"' "APIResourceList"

# Lists: pages of 2 with continue tokens; built-in items have no kind; 410 for an expired token.
http GET '/api/v1/nodes?limit=2'
check_rc 200 "first page"
check_out_has '"continue":"' "a continue token while more remain"
check_true '[[ "$OUT" != *"\"kind\":\"Node\""* ]]' "built-in list items carry no kind"
check_true '[[ "$OUT" == "{\"kind\":\"NodeList\",\"apiVersion\":\"v1\",\"metadata\":{"* ]]' "kind, apiVersion and metadata before the items, as kube-apiserver writes a list"
token=$(sed -n 's/.*"continue":"\([^"]*\)".*/\1/p' <<<"$OUT")
http GET "/api/v1/nodes?limit=2&continue=$token"
check_rc 410 "an expired continue token (fault) is 410"
check_out_has '"reason":"Expired"' "Expired Status"
http GET "/api/v1/nodes?limit=2&continue=$token"
check_out_has '"name":"node-c"' "second page"
http GET '/api/v1/nodes?labelSelector=node.kubernetes.io/exclude-from-external-load-balancers%3Dtrue'
check_true '[ "$(grep -o "\"name\":\"node-" <<<"$OUT" | wc -l)" = 1 ]' "labelSelector filters"
http GET /api/v1/services
check_rc 429 "fault: 429"
check_err_has "Retry-After: 1" "with Retry-After"
http GET /api/v1/services
check_rc 200 "the fault is used up"
http GET /api/v1/namespaces/shop/services/web
check_out_has '"clusterIP":"10.96.14.7"' "namespaced get"

# kubectl itself works against the server, where kubectl is installed.
if command -v kubectl >/dev/null 2>&1; then
    OUT=$(timeout 30 kubectl --server "$APISERVER_URL" get nodes 2>&1)
    check_out_has "node-e" "kubectl get nodes"
    OUT=$(timeout 30 kubectl --server "$APISERVER_URL" label node node-a example=yes 2>&1)
    check_out_has "node/node-a labeled" "kubectl label node"
    OUT=$(timeout 30 kubectl --server "$APISERVER_URL" get bgpconfigurations.crd.projectcalico.org 2>&1)
    check_out_has "default" "kubectl get bgpconfigurations.crd.projectcalico.org"
else
    echo "skip - kubectl is not installed; the kubectl checks did not run"
fi

# Writes on the CRD group.
crd=/apis/crd.projectcalico.org/v1/bgpconfigurations
http GET "$crd/nope"
check_rc 404 "missing"
check_out '{"apiVersion":"v1","code":404,"details":{"group":"crd.projectcalico.org","kind":"bgpconfigurations","name":"nope"},"kind":"Status","message":"bgpconfigurations.crd.projectcalico.org \"nope\" not found","metadata":{},"reason":"NotFound","status":"Failure"}' "404 Status body"
http POST "$crd" '{"apiVersion":"crd.projectcalico.org/v1","kind":"BGPConfiguration","metadata":{"name":"default"},"spec":{}}'
check_rc 409 "create of an existing name"
check_out_has '"reason":"AlreadyExists"' "AlreadyExists"
http GET "$crd/default"
rv=$(sed -n 's/.*"resourceVersion":"\([0-9]*\)".*/\1/p' <<<"$OUT")
http PUT "$crd/default" "{\"apiVersion\":\"crd.projectcalico.org/v1\",\"kind\":\"BGPConfiguration\",\"metadata\":{\"name\":\"default\",\"resourceVersion\":\"$rv\"},\"spec\":{\"asNumber\":65001}}"
check_rc 200 "update with the read resourceVersion"
http PUT "$crd/default" "{\"apiVersion\":\"crd.projectcalico.org/v1\",\"kind\":\"BGPConfiguration\",\"metadata\":{\"name\":\"default\",\"resourceVersion\":\"$rv\"},\"spec\":{}}"
check_rc 409 "stale update"
check_out_has '"reason":"Conflict"' "Conflict"
check_out_has 'the object has been modified' "Conflict message"
http PATCH "$crd/default" '{"spec":{"asNumber":65002}}' application/strategic-merge-patch+json
check_rc 415 "strategic merge patch on a custom resource"
http PATCH "$crd/default" '[{"op":"replace","path":"/spec/asNumber","value":65003}]' application/json-patch+json
check_out_has '"asNumber":65003' "JSON patch"
http PATCH "$crd/default?dryRun=All" '{"spec":{"asNumber":1}}' application/merge-patch+json
check_out_has '"asNumber":1' "dry run answers the result"
http GET "$crd/default"
check_out_has '"asNumber":65003' "dry run persisted nothing"
http GET "$crd"
check_out_has '"asNumber":65003' "a list after a patch holds the patched object (serialized anew)"
http POST "$crd" '{"metadata":{"name":"extra"},"spec":{}}'
check_rc 201 "create"
http GET "$crd"
check_out_has '"name":"extra"' "a list after a create holds the new object"
http DELETE "$crd/extra"
check_rc 200 "delete"
http GET "$crd"
check_true '[[ "$OUT" != *"\"name\":\"extra\""* ]]' "a list after a delete no longer holds it"
http GET "$crd/extra"
check_rc 404 "deleted"
check_true "grep -q '^PATCH /apis/crd.projectcalico.org/v1/bgpconfigurations/default?dryRun=All 200$' '$WORK/requests.log'" "request log line per request"

# The v3 group validates like the Calico API server and applies its defaults.
start_apiserver --api-group v3
v3=/apis/projectcalico.org/v3/bgpconfigurations
http POST "$v3" '{"apiVersion":"projectcalico.org/v3","kind":"BGPConfiguration","metadata":{"name":"default"},"spec":{"serviceClusterIPs":[{"cidr":"10.96.0.1/12"}]}}'
check_rc 422 "invalid v3 object"
check_out_has '"reason":"Invalid"' "Invalid Status"
http POST "$v3" '{"apiVersion":"projectcalico.org/v3","kind":"BGPConfiguration","metadata":{"name":"default"},"spec":{}}'
check_out_has '"serviceLoadBalancerAggregation":"Enabled"' "v3 defaults applied"
http POST /_test/faults 'POST:/apis/projectcalico.org/*:503:2' text/plain
check_rc 204 "faults at run time"
http POST "$v3" '{"metadata":{"name":"x"},"spec":{}}'
check_rc 503 "injected 503"

# Bearer tokens and HTTPS with a certificate made now.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1
start_apiserver --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" --token s3cret
check_true '[[ "$APISERVER_URL" == https://127.0.0.1:* ]]' "HTTPS URL"
CURL_ARGS=(--cacert "$WORK/cert.pem")
http GET /api/v1/nodes
check_rc 401 "no token"
check_out_has '"reason":"Unauthorized"' "Unauthorized Status"
CURL_ARGS=(--cacert "$WORK/cert.pem" -H "Authorization: Bearer s3cret")
http GET /api/v1/nodes
check_rc 200 "the right token over TLS"

finish
