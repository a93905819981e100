#!/usr/bin/env bash
# Hostile inputs through every reader of the real binary: each is refused with exit 2 or 3 and one
# line on stderr naming the file, within 20 seconds and 2 GB of address space (not under ASan,
# which reserves far more), and nothing but that line reaches the terminal.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures.sh"

CORPUS="${SVCADV_SOURCE_DIR:-$(dirname "$0")/../..}/tests/data/hostile"
HOSTILE="$WORK/hostile"
mkdir -p "$HOSTILE"
cp "$CORPUS"/*.yaml "$CORPUS"/*.json "$HOSTILE"/

# The large cases, generated rather than stored.
head -c 100000 /dev/zero | tr '\0' '[' >"$HOSTILE/deep-100000.json"
{ printf 'a: '; head -c 100000 /dev/zero | tr '\0' '['; } >"$HOSTILE/deep-100000.yaml"
{ for _ in $(seq 300); do printf -- '- '; done; echo x; } >"$HOSTILE/deep-block.yaml"
{ printf 'spec: {asNumber: '; head -c 50000 /dev/zero | tr '\0' '7'; echo '}'; } >"$HOSTILE/digits-50000.yaml"
{ printf '{"spec": {"asNumber": '; head -c 50000 /dev/zero | tr '\0' '7'; echo '}}'; } >"$HOSTILE/digits-50000.json"
{ printf 'a: "'; head -c 5000000 /dev/zero | tr '\0' 'x'; echo '"'; } >"$HOSTILE/scalar-5mb.yaml"
head -c 4400000 /dev/zero | tr '\0' '\n' | sed 's/^/---/' >"$HOSTILE/documents-1100000.yaml"

# limited CMD...: runs CMD under the time and memory limits, leaving $RC, $OUT and $ERR.
limited() {
    (
        [ -n "${SVCADV_SANITIZED:-}" ] || ulimit -v 2000000
        exec timeout -s KILL 20 "$@"
    ) >"$WORK/out" 2>"$WORK/err" </dev/null
    RC=$?
    OUT=$(cat "$WORK/out")
    ERR=$(cat "$WORK/err")
}

# check_refused FILE WHAT: the last command refused FILE properly.
check_refused() {
    local file=$1 what=$2 lines
    lines=$(printf '%s\n' "$ERR" | wc -l)
    if [ "$RC" != 2 ] && [ "$RC" != 3 ]; then
        fail "$what: exit $RC (137: killed at the time or memory limit)"
    elif [ "$lines" != 1 ]; then
        fail "$what: $lines lines on stderr"
    elif [[ "$ERR" != *"$file"* ]] && [[ "$ERR" != *"${file##*/}"* ]]; then
        fail "$what: the message does not name the file"
    elif [[ "$ERR" == *$'\e'* ]] || [[ "$ERR" == *$'\a'* ]]; then
        fail "$what: raw control characters on stderr"
    else
        pass "$what (exit $RC)"
    fi
}

run create -f "$DEFAULT_YAML"
check_rc 0 "setup: create default"
STORED="$DATA/bgpconfigurations/default.yaml"
check_true "[ -f '$STORED' ]" "setup: the object is stored as $STORED"
cp "$STORED" "$WORK/stored.yaml"

for file in "$HOSTILE"/*; do
    name=${file##*/}
    remember_data
    limited "$SVCADV" apply -f "$file"
    check_refused "$file" "$name: apply -f"
    limited sh -c '"$0" create -f - <"$1"' "$SVCADV" "$file"
    check_refused "<stdin>" "$name: create -f -"
    limited "$SVCADV" validate -f "$file"
    check_refused "$file" "$name: validate -f"
    limited "$SVCADV" patch bgpconfig default --patch-file "$file"
    check_refused "$file" "$name: patch --patch-file"
    if [ "$(stat -c %s "$file")" -lt 100000 ] && ! grep -qaP '\x00' "$file"; then
        limited "$SVCADV" patch bgpconfig default -p "$(cat "$file")"
        check_refused "--patch" "$name: patch -p"
    fi
    check_data_unchanged "$name: the data dir"
    limited "$SVCADV" preview-routes --from "$file"
    check_refused "$file" "$name: preview-routes --from"
    limited "$SVCADV" preview-routes --bgpconfig "$file"
    check_refused "$file" "$name: preview-routes --bgpconfig"
    limited "$SVCADV" --kubeconfig "$file" --datastore-type kubernetes get bgpconfig
    check_refused "$file" "$name: --kubeconfig"
    limited "$SVCADV" --config "$file" get bgpconfig
    check_refused "$file" "$name: --config"
    cp "$file" "$STORED"
    limited "$SVCADV" get bgpconfig default
    check_refused "$STORED" "$name: a data dir file"
    cp "$WORK/stored.yaml" "$STORED"
done

# Values that used to change on a round trip through the data dir now come back as they went in.
cat >"$WORK/strings.yaml" <<'YAML'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata:
  name: default
  annotations:
    cr-y: "y\r"
    cr-zero: "0 \r"
    cr-true: "true\r"
    big: "1e400"
    inf: ".inf"
    date: "2020-01-01T"
    nul: "a\0b"
    lf: "a\nb\r\n"
YAML
{ printf '    long-date: "2020-01-01T'; head -c 100000 /dev/zero | tr '\0' '1'; echo '"'; } >>"$WORK/strings.yaml"
{ printf '    long-digits: "'; head -c 50000 /dev/zero | tr '\0' '7'; echo '"'; } >>"$WORK/strings.yaml"
limited "$SVCADV" replace -f "$WORK/strings.yaml"
check_rc 0 "strings with CR, NUL, number and date look-alikes: replace"
limited "$SVCADV" get bgpconfig default -o json
check_rc 0 "they read back"
check_out_has '"cr-y": "y\r"' "y<CR> stays a string with its CR"
check_out_has '"cr-zero": "0 \r"' "0<space><CR> stays a string"
check_out_has '"cr-true": "true\r"' "true<CR> stays a string"
check_out_has '"big": "1e400"' "1e400 stays a string"
check_out_has '"inf": ".inf"' ".inf stays a string"
check_out_has '"date": "2020-01-01T"' "a date look-alike stays a string"
check_out_has '"nul": "a\u0000b"' "a NUL inside a string is kept"
check_out_has '"lf": "a\nb\r\n"' "LF and CRLF inside a string are kept"
check_out_has "\"long-date\": \"2020-01-01T111" "a 100 kB date-like string round trips"
limited "$SVCADV" patch bgpconfig default -p '{"spec": {"asNumber": 64512}}'
check_rc 0 "the object can still be edited"

finish
