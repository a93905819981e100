#!/usr/bin/env bash
# Hostile and mistaken input to the real binary (issue 13, points 3 to 6): label selectors parsed
# as Kubernetes parses them, kubectl's --request-timeout grammar, inputs that are no regular
# file, and a local data directory others could tamper with.
source "$(dirname "$0")/lib.sh"
: "${SVCADV_SOURCE_DIR:?}"
EXAMPLE="$SVCADV_SOURCE_DIR/examples/cluster"
"$SVCADV" snapshot save "$DATA" --from "$EXAMPLE" >/dev/null

# Selectors that select nothing sensible are syntax errors (exit 2), and nothing is labelled.
for selector in 'zone in (a,b' 'zone,' 'zone notin a' '!' '=a' 'bad key!=x'; do
    remember_data
    run label-exclude -l "$selector" --force
    check_rc 2 "selector '$selector'"
    check_err_has "-l/--selector: invalid label selector '$selector': " "'$selector': says what is wrong"
    check_data_unchanged "selector '$selector'"
done
run label-exclude -l 'kubernetes.io/hostname in(node-a)' --dry-run=client --force
check_rc 0 "'in(' without a space is valid"
check_out_has "node-a" "and selects node-a"

# --request-timeout: kubectl's grammar; nothing that overflows a conversion.
for timeout in nan inf -inf 1e30s 1e3 -1s 25h 99999999999999999999 '5 s'; do
    run get bgpconfig --request-timeout "$timeout"
    check_rc 2 "--request-timeout '$timeout'"
    check_err_has "--request-timeout: invalid duration '$timeout'" "'$timeout': names the flag"
done
run get bgpconfig --request-timeout 1m30s
check_rc 0 "--request-timeout 1m30s"
run get bgpconfig --request-timeout 20
check_rc 0 "--request-timeout in bare seconds"

# Inputs by name are regular files; a pipe comes as '-'.
mkfifo "$WORK/fifo"
start=$SECONDS
run apply -f "$WORK/fifo"
check_rc 3 "-f FIFO"
check_err "$WORK/fifo: cannot read a FIFO (give a regular file, or a pipe as '-')" "-f FIFO says why"
check_true "[ $((SECONDS - start)) -lt 5 ]" "-f FIFO does not wait for a writer"
run preview-routes --from /dev/zero
check_rc 3 "--from /dev/zero"
check_err_has "/dev/zero: cannot read a character device" "--from /dev/zero says why"

# Control characters in what is echoed reach the terminal escaped.
run label-exclude -l $'\e[31mred\e[0m=' --force
check_rc 2 "a selector with escape sequences"
check_true "! grep -q $'\e' '$WORK/err'" "no raw escape on stderr"
check_err_has '\x1b[31mred' "shown escaped"

# A data directory others can write to is refused (exit 5), saying why.
chmod 0770 "$DATA"
run get bgpconfig
check_rc 5 "group-writable data dir"
check_err "$DATA: writable by group or others (chmod go-w); svcadv does not use a data directory others can change" "says what is wrong"
chmod 0700 "$DATA"
mv "$DATA/bgpconfigurations" "$WORK/kept" 2>/dev/null
mkdir -p "$WORK/elsewhere"
ln -s "$WORK/elsewhere" "$DATA/bgpconfigurations"
run create -f "$SVCADV_SOURCE_DIR/examples/cluster/bgpconfiguration.yaml"
check_rc 5 "a symlink planted in the data dir"
check_err_has "$DATA/bgpconfigurations: is a symlink; svcadv follows no symlink inside its data directory" "says so"
check_true "[ -z \"\$(ls -A '$WORK/elsewhere')\" ]" "nothing written through it"
rm "$DATA/bgpconfigurations"
[ -d "$WORK/kept" ] && mv "$WORK/kept" "$DATA/bgpconfigurations"

finish
