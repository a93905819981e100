#!/usr/bin/env bash
# Every command of the README's "Commands" block runs, in order, and succeeds.
source "$(dirname "$0")/lib.sh"
: "${SVCADV_SOURCE_DIR:?set SVCADV_SOURCE_DIR to the source tree}"

mkdir -p "$WORK/bin" "$WORK/cwd"
ln -s "$SVCADV" "$WORK/bin/svcadv"
# A copy: README commands may write (label-exclude), never into the source tree.
cp -r "$SVCADV_SOURCE_DIR/examples" "$WORK/cwd/examples"
# The block, comments at line ends removed.
awk '/^## Commands/{f=1} f&&/^```sh/{b=1;next} b&&/^```/{exit} b' "$SVCADV_SOURCE_DIR/README.md" |
    sed 's/  *#.*$//' | grep -v '^$' >"$WORK/commands"
count=$(wc -l <"$WORK/commands")
check_true "[ $count -ge 10 ]" "the README shows at least 10 commands ($count)"

while IFS= read -r line; do
    (cd "$WORK/cwd" && PATH="$WORK/bin:$PATH" eval "$line") >"$WORK/out" 2>"$WORK/err"
    RC=$? OUT=$(cat "$WORK/out") ERR=$(cat "$WORK/err")
    check_rc 0 "README: $line"
done <"$WORK/commands"

# Every ```console block: "$ command" then exactly what it prints on stdout.
awk -v dir="$WORK/console" '
    /^```console/ { n++; inside=1; next }
    inside && /^```/ { inside=0; next }
    inside && /^\$ / && !cmd[n] { cmd[n]=1; print substr($0, 3) > (dir "-" n ".cmd"); next }
    inside { print > (dir "-" n ".out") }
' "$SVCADV_SOURCE_DIR/README.md"
shown=0
for command_file in "$WORK"/console-*.cmd; do
    [ -e "$command_file" ] || continue
    shown=$((shown + 1))
    line=$(cat "$command_file")
    (cd "$WORK/cwd" && PATH="$WORK/bin:$PATH" eval "$line") >"$WORK/out" 2>"$WORK/err"
    RC=$? OUT=$(cat "$WORK/out") ERR=$(cat "$WORK/err")
    check_out "$(cat "${command_file%.cmd}.out")" "README output of: $line"
done
check_true "[ $shown -ge 2 ]" "the README shows command output ($shown blocks)"

finish
