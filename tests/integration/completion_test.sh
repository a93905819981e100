#!/usr/bin/env bash
# Tab completion through real bash, zsh and fish: the generated scripts in completions/ are current,
# and each shell offers commands, flags, fixed values, names from --from files and the datastore,
# and file names where a file is expected.
source "$(dirname "$0")/lib.sh"
: "${SVCADV_SOURCE_DIR:?}"
COMPLETIONS="$SVCADV_SOURCE_DIR/completions"
mkdir -p "$WORK/bin" "$WORK/cwd"
ln -s "$SVCADV" "$WORK/bin/svcadv"
ln -s "$SVCADV_SOURCE_DIR/examples" "$WORK/cwd/examples"
export PATH="$WORK/bin:$PATH"
cd "$WORK/cwd" || exit 1

# --- the committed scripts are what the binary generates -------------------------------------
for pair in bash:svcadv.bash zsh:_svcadv fish:svcadv.fish; do
    shell=${pair%%:*} file=${pair#*:}
    run completion "$shell"
    check_true "[ \"\$OUT\" = \"\$(cat '$COMPLETIONS/$file')\" ]" "completions/$file is current (make completions)"
done
run completion tcsh
check_rc 2 "unsupported shell"

# --- the entry point itself ---------------------------------------------------------------------
run __complete preview-routes --output=j
check_out "--output=json
--output=jsonpath=
:none" "flag=value completion"
run __complete --datastore-type kubernetes --kubeconfig "$WORK/none" get bgpconfig ""
check_rc 0 "unreachable datastore"
check_out ":none" "offers nothing, says nothing"
check_true "[ -z \"\$ERR\" ]" "no error text while completing"
"$SVCADV" create -f "$SVCADV_SOURCE_DIR/examples/bgpconfig-default.yaml" >/dev/null
run __complete get bgpconfig d
check_out "default
:none" "BGPConfiguration names from the datastore"

cat >"$WORK/kubeconfig" <<'YAML'
apiVersion: v1
kind: Config
contexts:
  - {name: prod-eu, context: {cluster: eu, user: admin}}
  - {name: "arn:aws:eks:eu-west-1:123:cluster/prod", context: {cluster: eks, user: eks}}
current-context: prod-eu
YAML
run __complete --kubeconfig "$WORK/kubeconfig" --context ""
check_out "prod-eu
arn:aws:eks:eu-west-1:123:cluster/prod
:none" "kubeconfig contexts"
# The files are the ones the Kubernetes datastore reads: every file of a KUBECONFIG list (missing
# ones skipped, each name once), CALICO_KUBECONFIG before KUBECONFIG, calicoctl's config file.
cat >"$WORK/kubeconfig2" <<'YAML'
contexts:
  - {name: lab, context: {cluster: lab, user: admin}}
  - {name: prod-eu, context: {cluster: elsewhere, user: admin}}
YAML
KUBECONFIG="$WORK/kubeconfig:$WORK/missing:$WORK/kubeconfig2" run __complete --context ""
check_out "prod-eu
arn:aws:eks:eu-west-1:123:cluster/prod
lab
:none" "contexts of every file of a KUBECONFIG a:b list"
run __complete --kubeconfig "$WORK/kubeconfig2:$WORK/kubeconfig" --context ""
check_out "lab
prod-eu
arn:aws:eks:eu-west-1:123:cluster/prod
:none" "contexts of every file of a --kubeconfig a:b list"
CALICO_KUBECONFIG="$WORK/kubeconfig2" KUBECONFIG="$WORK/kubeconfig" run __complete --context ""
check_out "lab
prod-eu
:none" "CALICO_KUBECONFIG before KUBECONFIG"
cat >"$WORK/calicoctl.cfg" <<YAML
apiVersion: projectcalico.org/v3
kind: CalicoAPIConfig
spec: {datastoreType: kubernetes, kubeconfig: "$WORK/kubeconfig2"}
YAML
run __complete --config "$WORK/calicoctl.cfg" --context l
check_out "lab
:none" "the kubeconfig of calicoctl's config file"

# --- bash -------------------------------------------------------------------------------------
# bash_complete LINE WORD...: COMP_WORDS as bash splits them (at =), completing the last word.
bash_complete() {
    local line=$1
    shift
    OUT=$(bash -c 'source "$1"; shift; COMP_LINE=$1; COMP_POINT=${#COMP_LINE}; shift
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _svcadv; printf "%s\n" "${COMPREPLY[@]}"' \
        bash "$COMPLETIONS/svcadv.bash" "$line" "$@" 2>&1)
    RC=$? ERR=
}
OUT=$(bash -c 'source "$1"; complete -p svcadv' bash "$COMPLETIONS/svcadv.bash" 2>&1)
check_out "complete -F _svcadv svcadv" "bash: complete -p shows the function"
bash_complete "svcadv ge" svcadv ge
check_out "get" "bash: command"
bash_complete "svcadv preview-routes --from examples/cluster --node node-" svcadv preview-routes --from examples/cluster --node node-
check_out "node-a
node-b
node-c
node-d
node-e" "bash: node names from --from files"
bash_complete "svcadv preview-routes --output=y" svcadv preview-routes --output = y
check_out "yaml" "bash: value after = (bash's word break)"
bash_complete "svcadv create -f examples/bgp" svcadv create -f examples/bgp
check_out "examples/bgpconfig-default.yaml" "bash: file names after -f"
bash_complete "svcadv patch bgpconfig default --ty" svcadv patch bgpconfig default --ty
check_out "--type" "bash: flag of a command"
bash_complete "svcadv delete bgpconfig " svcadv delete bgpconfig ""
check_out "default" "bash: names after the kind"
KUBECONFIG="$WORK/kubeconfig" bash_complete "svcadv --context arn:aws:eks:eu" svcadv --context arn : aws : eks : eu
check_out "eu-west-1:123:cluster/prod" "bash: a context with colons (bash's word break)"

# --- zsh: the real script, with zsh's completion builtins replaced by printers --------------------
zsh_complete() {
    OUT=$(zsh -f -c 'compdef() { : }; source "$1"; shift
        _describe() { print -rl -- "${(@P)argv[-1]}" }
        _files() { print -r -- "<files $*>" }
        words=("$@"); CURRENT=$#; _svcadv' zsh "$COMPLETIONS/_svcadv" "$@" 2>&1)
    RC=$? ERR=
}
if command -v zsh >/dev/null; then
    zsh_complete svcadv snap
    check_out "snapshot:Capture the cluster state service advertisement depends on" "zsh: command with description"
    zsh_complete svcadv preview-routes --from examples/cluster --explain shop/c
    check_out "shop/cart
shop/checkout" "zsh: NAMESPACE/NAME of services"
    zsh_complete svcadv preview-routes --by ""
    check_out "node
prefix" "zsh: fixed values"
    zsh_complete svcadv snapshot save --from x ""
    check_out "<files -/>" "zsh: directories for the snapshot dir"
else
    fail "zsh is not installed (make deps installs it)"
fi

# --- fish: its own completion entry point ----------------------------------------------------------
if command -v fish >/dev/null; then
    OUT=$(fish --no-config -c "source '$COMPLETIONS/svcadv.fish'; complete -C 'svcadv preview-routes --from examples/cluster --include node-d'" 2>&1)
    check_out "node-d" "fish: node names"
    OUT=$(fish --no-config -c "source '$COMPLETIONS/svcadv.fish'; complete -C 'svcadv --log-level d'" 2>&1)
    check_out "debug" "fish: global flag values"
    OUT=$(fish --no-config -c "source '$COMPLETIONS/svcadv.fish'; complete -C 'svcadv validate -f examples/clu'" 2>&1)
    check_out "examples/cluster/" "fish: paths after -f"
else
    fail "fish is not installed (make deps installs it)"
fi

finish
