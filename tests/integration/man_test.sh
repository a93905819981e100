#!/usr/bin/env bash
# The committed man pages are what the command tree generates, and groff renders each without a
# warning.
source "$(dirname "$0")/lib.sh"
: "${SVCADV_SOURCE_DIR:?}" "${SVCADV_BUILD_DIR:?}"

"$SVCADV_BUILD_DIR/svcadv-gen-man" "$WORK/man"
RC=$? OUT= ERR=
check_rc 0 "svcadv-gen-man"
OUT=$(diff -r "$WORK/man" "$SVCADV_SOURCE_DIR/man" 2>&1)
check_true '[ -z "$OUT" ]' "man/ is current (make man)"

for page in "$SVCADV_SOURCE_DIR"/man/*.1; do
    OUT=$(groff -man -ww -z "$page" 2>&1)
    check_true '[ -z "$OUT" ]' "groff -man -ww renders $(basename "$page") without warnings"
done
check_true "[ -f '$SVCADV_SOURCE_DIR/man/svcadv-preview-routes.1' ]" "a page per command"
OUT=$(MANWIDTH=100 man -l "$SVCADV_SOURCE_DIR/man/svcadv-preview-routes.1" 2>/dev/null)
check_out_has "svcadv preview-routes --from cluster.json --by prefix" "examples render"
check_out_has "Values: table, wide, json, yaml, bird, bird6, jsonpath=." "fixed values listed"

finish
