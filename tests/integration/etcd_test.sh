#!/usr/bin/env bash
# The etcdv3 datastore against real etcd servers (Debian's etcd-server 3.4) that this test starts
# on 127.0.0.1 with free ports and temporary data directories: one member, a 3-member cluster
# that loses a member mid-run, TLS with client certificates, username/password authentication,
# and values written by hand with etcdctl. Skipped (exit 77, never a pass) without etcd.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures.sh"
: "${SVCADV_SOURCE_DIR:?}"
unset SVCADV_DATA_DIR ETCD_USERNAME ETCD_PASSWORD ETCD_KEY_FILE ETCD_CERT_FILE ETCD_CA_CERT_FILE \
    CALICO_ETCD_USERNAME CALICO_ETCD_PASSWORD CALICO_ETCD_KEY_FILE CALICO_ETCD_CERT_FILE \
    CALICO_ETCD_CA_CERT_FILE ETCDCTL_ENDPOINTS ETCDCTL_API
if ! command -v etcd >/dev/null || ! command -v etcdctl >/dev/null; then
    echo "SKIP: etcd and etcdctl are not installed (apt-get install etcd-server etcd-client, or make deps)"
    exit 77
fi
export ETCDCTL_API=3
KEY=/calico/resources/v3/projectcalico.org/bgpconfigurations

# A port nothing listens on (the kernel picks ports for connections above 32768; these are below).
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 12000))
        (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo "$port"; return; }
    done
}

# start_member NAME SCHEME CLUSTER-SPEC CLIENT-PORT PEER-PORT [ETCD ARGS...]: one etcd member in the
# background; its pid in MEMBER_PID[NAME]. Killed when the test ends.
declare -A MEMBER_PID
start_member() {
    local name=$1 scheme=$2 cluster=$3 client=$4 peer=$5
    shift 5
    etcd --name "$name" --data-dir "$WORK/etcd-$name" \
        --listen-client-urls "$scheme://127.0.0.1:$client" \
        --advertise-client-urls "$scheme://127.0.0.1:$client" \
        --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
        --initial-cluster "$cluster" --initial-cluster-token "svcadv-test-$$" \
        --initial-cluster-state new "$@" >"$WORK/etcd-$name.log" 2>&1 &
    MEMBER_PID[$name]=$!
    SERVER_PIDS+=($!)
}
# wait_healthy ETCDCTL-ARGS...: until the cluster answers (30s at most).
wait_healthy() {
    local i
    for i in $(seq 1 150); do
        etcdctl "$@" endpoint health >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    echo "etcd did not start: $(tail -5 "$WORK"/etcd-*.log)" >&2
    return 1
}
# The mod_revision of a key, as etcdctl reports it.
mod_revision() { etcdctl --endpoints "$1" get "$2" -w json | sed -n 's/.*"mod_revision":\([0-9]*\).*/\1/p'; }

# --- one member --------------------------------------------------------------------------------
C1=$(free_port) P1=$(free_port)
start_member solo http "solo=http://127.0.0.1:$P1" "$C1" "$P1"
SOLO=http://127.0.0.1:$C1
wait_healthy --endpoints "$SOLO" || exit 1
export ETCD_ENDPOINTS=$SOLO

run version
check_rc 0 "version"
check_out_has "etcd" "version names etcd"
check_out_has "3.4" "version reports the etcd cluster's version"

run --datastore-type etcdv3 create -f "$DEFAULT_YAML"
check_rc 0 "create"
check_out "Successfully created 1 'BGPConfiguration' resource(s)" "create message"
stored=$(etcdctl --endpoints "$SOLO" get "$KEY/default" --print-value-only)
check_true '[[ "$stored" == *"\"kind\":\"BGPConfiguration\""* && "$stored" != *resourceVersion* ]]' \
    "the stored value is the v3 JSON without resourceVersion"
rev=$(mod_revision "$SOLO" "$KEY/default")
run get bgpconfig default -o yaml
check_rc 0 "get"
check_out_has "resourceVersion: \"$rev\"" "resourceVersion is the key's mod_revision ($rev)"
check_out_has "uid:" "create gave the object a uid"

run create -f "$DEFAULT_YAML"
check_rc 4 "create of an existing name"
check_err_has "resource already exists: BGPConfiguration(default)" "calicoctl's already-exists text"

run get bgpconfig
check_rc 0 "get (list)"
check_out_has "default" "list shows default"

run __complete get bgpconfig d
check_rc 0 "completion in etcd mode"
check_out_has "default" "completion lists BGPConfiguration names from etcd"

run apply -f "$DEFAULT_YAML"
check_rc 0 "apply"
check_out "Successfully applied 1 'BGPConfiguration' resource(s)" "apply message"

run cidr add --external-ips 203.0.113.0/24
check_rc 0 "cidr add"
run get bgpconfig default -o yaml
check_out_has "203.0.113.0/24" "cidr add stored the range"
run cidr remove --external-ips 203.0.113.0/24
check_rc 0 "cidr remove"
run get bgpconfig default -o json
check_true '[[ "$OUT" != *203.0.113.0/24* ]]' "cidr remove took the range out"

run patch bgpconfig default -p '{"spec":{"listenPort":1790}}'
check_rc 0 "patch"
check_out "Successfully patched 1 'BGPConfiguration' resource" "patch message"
check_true '[[ "$(etcdctl --endpoints "$SOLO" get "$KEY/default" --print-value-only)" == *"\"listenPort\":1790"* ]]' \
    "the patch is in etcd"

# A stale replace: the object changed after it was read.
run get bgpconfig default -o yaml
echo "$OUT" >"$WORK/stale.yaml"
run patch bgpconfig default -p '{"spec":{"listenPort":1791}}'
run replace -f "$WORK/stale.yaml"
check_rc 4 "a stale replace is a conflict"
run get bgpconfig default -o yaml
sed -e '/resourceVersion/d' "$WORK/stale.yaml" >"$WORK/fresh.yaml"
run replace -f "$WORK/fresh.yaml"
check_rc 0 "replace without a resourceVersion"
check_out "Successfully replaced 1 'BGPConfiguration' resource(s)" "replace message"

# validate never touches the datastore: it works with no etcd at all.
before=$(etcdctl --endpoints "$SOLO" get "$KEY" --prefix -w json | sed -n 's/.*"revision":\([0-9]*\).*/\1/p' | head -1)
ETCD_ENDPOINTS=http://127.0.0.1:$(free_port) run validate -f "$DEFAULT_YAML"
check_rc 0 "validate needs no etcd"
after=$(etcdctl --endpoints "$SOLO" get "$KEY" --prefix -w json | sed -n 's/.*"revision":\([0-9]*\).*/\1/p' | head -1)
check_true '[ "$before" = "$after" ]' "validate wrote nothing (revision $before)"

run delete bgpconfig default
check_rc 0 "delete"
check_true '[ -z "$(etcdctl --endpoints "$SOLO" get "$KEY/default" --print-value-only)" ]' "the key is gone"
run delete bgpconfig default
check_rc 4 "delete of a missing name"

# A value put with etcdctl as calicoctl writes it is listed and edited.
etcdctl --endpoints "$SOLO" put "$KEY/default" \
    '{"kind":"BGPConfiguration","apiVersion":"projectcalico.org/v3","metadata":{"name":"default","uid":"0b7d5c1e-2f51-4f2a-9d55-1f7f6c0a1b2c","creationTimestamp":"2024-01-02T03:04:05Z"},"spec":{"asNumber":64513,"serviceClusterIPs":[{"cidr":"10.96.0.0/12"}]}}' >/dev/null
run get bgpconfig
check_out_has "default" "a value written with etcdctl is listed"
run patch bgpconfig default -p '{"spec":{"serviceExternalIPs":[{"cidr":"198.51.100.0/24"}]}}'
check_rc 0 "a value written with etcdctl is edited"
stored=$(etcdctl --endpoints "$SOLO" get "$KEY/default" --print-value-only)
check_true '[[ "$stored" == *198.51.100.0/24* && "$stored" == *0b7d5c1e-2f51-4f2a-9d55-1f7f6c0a1b2c* && "$stored" == *10.96.0.0/12* ]]' \
    "the edit kept the uid and the other fields"

# The calicoctl config file's etcdEndpoints.
cat >"$WORK/calicoctl.cfg" <<YAML
apiVersion: projectcalico.org/v3
kind: CalicoAPIConfig
spec:
  datastoreType: etcdv3
  etcdEndpoints: $SOLO
YAML
ETCD_ENDPOINTS= run -c "$WORK/calicoctl.cfg" get bgpconfig default -o name
check_rc 0 "endpoints from the calicoctl config file"

# 20 concurrent writers: none is lost.
concurrent_cidr_adds "203.0.%d.0/24"
check_rc 0 "20 concurrent cidr add processes all succeed"
run get bgpconfig default -o json
present=0
for i in $(seq 1 20); do [[ "$OUT" == *"\"203.0.$i.0/24\""* ]] && present=$((present + 1)); done
check_true "[ $present = 20 ]" "all 20 CIDRs are present (found $present)"

# Kubernetes objects do not live in etcd: they come from the Kubernetes API, as calico-node reads
# them in etcd mode, and BGPConfigurations from etcd. The test API server holds the example cluster.
start_apiserver --token s3cret-token --seed "$SVCADV_SOURCE_DIR/examples/cluster" \
    --request-log "$WORK/apiserver.log"
cat >"$WORK/kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "$APISERVER_URL"}}]
users: [{name: u, user: {token: s3cret-token}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
YAML
run --datastore-type etcdv3 apply -f "$SVCADV_SOURCE_DIR/examples/cluster/bgpconfiguration.yaml"
check_rc 0 "the example BGPConfiguration stored in etcd"
check_true '[ ! -s "$WORK/apiserver.log" ]' "a BGPConfiguration command never contacts the Kubernetes API"
run --datastore-type etcdv3 preview-routes --from "$SVCADV_SOURCE_DIR/examples/cluster" --by prefix
check_rc 0 "preview-routes --from in etcd mode"
expected=$OUT
KUBECONFIG=$WORK/kubeconfig run --datastore-type etcdv3 --insecure-allow-http-credentials preview-routes --by prefix
check_rc 0 "preview-routes in etcd mode with a kubeconfig"
check_true '[ -n "$expected" ] && [ "$OUT" = "$expected" ]' \
    "nodes and services from the Kubernetes API, the BGPConfiguration from etcd: as --from prints"
check_true 'grep -q "/api/v1/nodes" "$WORK/apiserver.log"' "nodes were read from the Kubernetes API"
check_true '! grep -q bgpconfigurations "$WORK/apiserver.log"' "the BGPConfiguration was not read from Kubernetes"
# A BGPConfiguration different from the API server's copy shows which one is used.
run --datastore-type etcdv3 patch bgpconfig default -p '{"spec":{"serviceExternalIPs":[{"cidr":"198.51.100.128/25"}]}}'
KUBECONFIG=$WORK/kubeconfig run --datastore-type etcdv3 --insecure-allow-http-credentials preview-routes --by prefix
check_out_has "198.51.100.128/25" "preview-routes uses etcd's BGPConfiguration"

# No kubeconfig (HOME is an empty folder, KUBECONFIG unset): exit 5 saying so; --from still works.
run --datastore-type etcdv3 preview-routes --by prefix
check_rc 5 "preview-routes without a kubeconfig"
check_err_has "come from the Kubernetes API in etcd mode" "the error says nodes come from the Kubernetes API"
check_err_has "no kubeconfig was usable: no kubeconfig found" "and that no kubeconfig was usable"
check_err_has "--from" "the error points at --from"
run --datastore-type etcdv3 label-exclude --list
check_rc 5 "label-exclude without a kubeconfig"
check_err_has "come from the Kubernetes API in etcd mode" "label-exclude says so too"

# No member reachable: exit 5 naming the endpoints, within the timeout.
DEAD1=http://127.0.0.1:$(free_port) DEAD2=http://127.0.0.1:$(free_port)
start=$(date +%s%N)
ETCD_ENDPOINTS=$DEAD1,$DEAD2 run get bgpconfig --request-timeout 2s
elapsed=$((($(date +%s%N) - start) / 1000000))
check_rc 5 "no member reachable"
check_err_has "$DEAD1, $DEAD2" "the error names the endpoints"
check_true "[ $elapsed -lt 4000 ]" "it gives up within the timeout (${elapsed}ms)"

# Username and password: a token from /v3/auth/authenticate.
etcdctl --endpoints "$SOLO" user add root:r00t-pass >/dev/null
etcdctl --endpoints "$SOLO" auth enable >/dev/null 2>&1
ETCD_USERNAME=root ETCD_PASSWORD=r00t-pass run get bgpconfig default -o name
check_rc 0 "username/password authentication"
ETCD_USERNAME=root ETCD_PASSWORD=r00t-pass run cidr add --cluster-ips 10.100.0.0/16
check_rc 0 "an authenticated write"
ETCD_USERNAME=root ETCD_PASSWORD=wr0ng-pass run get bgpconfig
check_rc 5 "a wrong password"
check_true '[[ "$ERR" != *wr0ng-pass* && "$OUT" != *wr0ng-pass* ]]' "the password is never printed"
run get bgpconfig
check_rc 5 "no credentials on a cluster with auth enabled"
kill "${MEMBER_PID[solo]}"; wait "${MEMBER_PID[solo]}" 2>/dev/null

# --- TLS with client certificates, the CA made here ---------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=test-ca \
    -keyout "$WORK/ca-key.pem" -out "$WORK/ca.pem" >/dev/null 2>&1
sign() {  # sign NAME EXTENSIONS: a key and a certificate signed by the test CA
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$WORK/$1-key.pem" \
        -out "$WORK/$1.csr" >/dev/null 2>&1
    printf '%s\n' "$2" >"$WORK/$1.ext"
    openssl x509 -req -in "$WORK/$1.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca-key.pem" \
        -CAcreateserial -days 1 -extfile "$WORK/$1.ext" -out "$WORK/$1.pem" >/dev/null 2>&1
}
# etcd's gateway dials its own gRPC port with the server certificate, so it needs clientAuth too.
sign server "subjectAltName=IP:127.0.0.1
extendedKeyUsage=serverAuth,clientAuth"
sign client "extendedKeyUsage=clientAuth"
C4=$(free_port) P4=$(free_port)
start_member tls https "tls=http://127.0.0.1:$P4" "$C4" "$P4" --client-cert-auth \
    --trusted-ca-file "$WORK/ca.pem" --cert-file "$WORK/server.pem" --key-file "$WORK/server-key.pem"
TLS=https://127.0.0.1:$C4
wait_healthy --endpoints "$TLS" --cacert "$WORK/ca.pem" --cert "$WORK/client.pem" \
    --key "$WORK/client-key.pem" || exit 1
export ETCD_ENDPOINTS=$TLS ETCD_CA_CERT_FILE=$WORK/ca.pem
CALICO_ETCD_CERT_FILE=$WORK/client.pem CALICO_ETCD_KEY_FILE=$WORK/client-key.pem \
    run create -f "$DEFAULT_YAML"
check_rc 0 "create over TLS with a client certificate (CALICO_ETCD_* variables)"
ETCD_CERT_FILE=$WORK/client.pem ETCD_KEY_FILE=$WORK/client-key.pem run get bgpconfig default -o name
check_rc 0 "get over TLS"
run get bgpconfig default
check_rc 5 "TLS without a client certificate is refused"
ETCD_CA_CERT_FILE= ETCD_CERT_FILE=$WORK/client.pem ETCD_KEY_FILE=$WORK/client-key.pem run get bgpconfig
check_rc 5 "an unknown CA is refused"
unset ETCD_CA_CERT_FILE
kill "${MEMBER_PID[tls]}"; wait "${MEMBER_PID[tls]}" 2>/dev/null

# --- three members, the first killed mid-run -----------------------------------------------------
cluster="" endpoints=""
declare -A CP PP
for m in m1 m2 m3; do
    CP[$m]=$(free_port) PP[$m]=$(free_port)
    cluster+="${cluster:+,}$m=http://127.0.0.1:${PP[$m]}"
    endpoints+="${endpoints:+,}http://127.0.0.1:${CP[$m]}"
done
for m in m1 m2 m3; do start_member "$m" http "$cluster" "${CP[$m]}" "${PP[$m]}"; done
wait_healthy --endpoints "$endpoints" || exit 1
export ETCD_ENDPOINTS=$endpoints
run create -f "$DEFAULT_YAML"
check_rc 0 "create on a 3-member cluster"
failures=0
for i in $(seq 1 10); do
    [ "$i" = 4 ] && { kill "${MEMBER_PID[m1]}"; wait "${MEMBER_PID[m1]}" 2>/dev/null; }
    "$SVCADV" cidr add --external-ips "192.0.2.$((i * 8))/29" >"$WORK/failover-$i.out" 2>&1 ||
        failures=$((failures + 1))
done
RC=$failures OUT=$(cat "$WORK"/failover-*.out) ERR=
check_rc 0 "writes succeed after the first endpoint was killed"
run get bgpconfig default -o json
present=0
for i in $(seq 1 10); do [[ "$OUT" == *"\"192.0.2.$((i * 8))/29\""* ]] && present=$((present + 1)); done
check_true "[ $present = 10 ]" "all 10 ranges are stored (found $present)"
check_true '[[ "$(etcdctl --endpoints "http://127.0.0.1:${CP[m3]}" get "$KEY/default" --print-value-only)" == *192.0.2.80/29* ]]' \
    "the surviving members hold the last write"

finish
