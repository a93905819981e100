# Helpers for integration tests that run the real svcadv binary. Source it, call `check_*`, end
# with `finish`. Each check prints a line; the last line is "N passed, N failed".
set -u
: "${SVCADV:?set SVCADV to the svcadv binary}"
PASSED=0
FAILED=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/svcadv-it-XXXXXX")
SERVER_PIDS=()
cleanup() {
    local pid
    for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT
DATA="$WORK/data"
export SVCADV_DATA_DIR="$DATA"
unset DATASTORE_TYPE CALICO_DATASTORE_TYPE ETCD_ENDPOINTS CALICO_ETCD_ENDPOINTS KUBECONFIG \
    CALICO_KUBECONFIG K8S_API_ENDPOINT CALICO_K8S_API_ENDPOINT K8S_API_TOKEN CALICO_K8S_API_TOKEN \
    K8S_CURRENT_CONTEXT CALICO_API_GROUP KUBERNETES_SERVICE_HOST KUBERNETES_SERVICE_PORT CALICOCTL_CONFIG
# The tests never see the developer's own ~/.kube/config or cluster.
export HOME="$WORK/home"
mkdir -p "$HOME"

# run ARGS...: runs svcadv, leaving $OUT, $ERR and $RC.
run() {
    "$SVCADV" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
    RC=$?
    OUT=$(cat "$WORK/out")
    ERR=$(cat "$WORK/err")
}
# run_stdin FILE ARGS...: the same with FILE on standard input.
run_stdin() {
    local input=$1
    shift
    "$SVCADV" "$@" >"$WORK/out" 2>"$WORK/err" <"$input"
    RC=$?
    OUT=$(cat "$WORK/out")
    ERR=$(cat "$WORK/err")
}

pass() { PASSED=$((PASSED + 1)); echo "ok - $1"; }
fail() {
    FAILED=$((FAILED + 1))
    echo "FAIL - $1"
    echo "  exit code: $RC"
    echo "  stdout: $OUT" | head -20
    echo "  stderr: $ERR" | head -20
}

check_rc() { [ "$RC" = "$1" ] && pass "$2 (exit $1)" || fail "$2: expected exit $1"; }
check_out() { [ "$OUT" = "$1" ] && pass "$2" || { fail "$2: stdout differs"; echo "  expected: $1"; }; }
check_err() { [ "$ERR" = "$1" ] && pass "$2" || { fail "$2: stderr differs"; echo "  expected: $1"; }; }
check_out_has() { [[ "$OUT" == *"$1"* ]] && pass "$2" || { fail "$2: stdout lacks"; echo "  wanted: $1"; }; }
check_err_has() { [[ "$ERR" == *"$1"* ]] && pass "$2" || { fail "$2: stderr lacks"; echo "  wanted: $1"; }; }
check_true() { if eval "$1"; then pass "$2"; else fail "$2: [$1] is false"; fi; }

# A fingerprint of every file (names, modes and bytes) under the data directory.
fingerprint() {
    [ -d "$DATA" ] || { echo "absent"; return; }
    (cd "$DATA" && find . -type f -printf '%p %m\n' | sort && find . -type f -print0 | sort -z | xargs -0 -r cat) |
        sha256sum
}
remember_data() { BEFORE=$(fingerprint); }
check_data_unchanged() { [ "$(fingerprint)" = "$BEFORE" ] && pass "$1: data dir unchanged" || fail "$1: data dir changed"; }

# write_file NAME <<EOF ... : a file in the work dir; prints its path.
# 20 concurrent `cidr add --external-ips` processes, each adding its own entry (a printf format
# taking the process number, e.g. "10.%d.0.0/16"). RC is how many failed, OUT their output.
concurrent_cidr_adds() {
    local format=$1 pids=() failures=0 i pid
    for i in $(seq 1 20); do
        # shellcheck disable=SC2059
        "$SVCADV" cidr add --external-ips "$(printf "$format" "$i")" >"$WORK/concurrent-$i.out" 2>&1 &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || failures=$((failures + 1)); done
    RC=$failures OUT=$(cat "$WORK"/concurrent-*.out) ERR=
}

write_file() { cat >"$WORK/$1"; echo "$WORK/$1"; }

# start_apiserver ARGS...: runs svcadv-test-apiserver in the background and waits for its
# "listening on URL" line; sets APISERVER_URL. Killed when the test ends.
start_apiserver() {
    : "${SVCADV_TEST_APISERVER:?set SVCADV_TEST_APISERVER to the test server binary}"
    local out="$WORK/apiserver-${#SERVER_PIDS[@]}.out" i
    "$SVCADV_TEST_APISERVER" "$@" >"$out" 2>&1 &
    SERVER_PIDS+=($!)
    APISERVER_URL=
    for i in $(seq 1 100); do
        APISERVER_URL=$(sed -n 's/^listening on //p' "$out")
        [ -n "$APISERVER_URL" ] && return 0
        sleep 0.05
    done
    echo "test server did not start: $(cat "$out")" >&2
    return 1
}

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" = 0 ]
}
