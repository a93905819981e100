#!/usr/bin/env bash
# 20 svcadv processes started at once, each adding a different CIDR: none may be lost.
source "$(dirname "$0")/lib.sh"

pids=()
for i in $(seq 1 20); do
    "$SVCADV" cidr add --external-ips "203.0.$i.0/24" >"$WORK/out.$i" 2>"$WORK/err.$i" &
    pids+=($!)
done
failures=0
for pid in "${pids[@]}"; do wait "$pid" || failures=$((failures + 1)); done
RC=$failures OUT="" ERR=$(cat "$WORK"/err.* 2>/dev/null)
check_true "[ $failures = 0 ]" "all 20 concurrent cidr add processes succeeded"

run get bgpconfig default -o 'custom-columns=EXT:.spec.serviceExternalIPs[*].cidr' --no-headers
present=$(echo "$OUT" | tr ',' '\n' | sort -u | wc -l)
check_true "[ $present = 20 ]" "all 20 CIDRs are present at the end (found $present)"
for i in $(seq 1 20); do
    [[ ",$OUT," == *",203.0.$i.0/24,"* ]] || fail "203.0.$i.0/24 was lost"
done

run get bgpconfig default -o yaml
check_out_has 'resourceVersion: "20"' "each add wrote exactly once (resourceVersion 20)"
check_true "[ -z \"\$(ls -A '$DATA/bgpconfigurations' | grep -v '^default.yaml$')\" ]" "no temporary files left behind"

finish
