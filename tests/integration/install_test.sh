#!/usr/bin/env bash
# `make install DESTDIR=...` lays out the binary, the kubectl plugin link, the man pages and the
# three completion scripts where shells and man look; the .deb holds the same files and declares
# its library dependencies.
source "$(dirname "$0")/lib.sh"
: "${SVCADV_SOURCE_DIR:?}" "${SVCADV_BUILD_DIR:?}"

root="$WORK/root"
OUT=$(DESTDIR="$root" cmake --install "$SVCADV_BUILD_DIR" --prefix /usr 2>&1)
RC=$? ERR=
check_rc 0 "cmake --install with DESTDIR"
for file in usr/bin/svcadv usr/share/man/man1/svcadv.1 usr/share/man/man1/svcadv-preview-routes.1 \
    usr/share/bash-completion/completions/svcadv usr/share/zsh/site-functions/_svcadv \
    usr/share/fish/vendor_completions.d/svcadv.fish; do
    check_true "[ -f '$root/$file' ]" "installs /$file"
done
check_true "[ \"\$(readlink '$root/usr/bin/kubectl-svcadv')\" = svcadv ]" "kubectl-svcadv links to svcadv"
OUT=$("$root/usr/bin/kubectl-svcadv" version 2>&1)
check_out_has "Client Version:" "the kubectl plugin name runs svcadv"
pages=$(ls "$SVCADV_SOURCE_DIR"/man/*.1 | wc -l)
installed=$(ls "$root/usr/share/man/man1" | wc -l)
check_true "[ $pages = $installed ]" "every man page installed ($installed)"

if command -v dpkg-deb >/dev/null && command -v cpack >/dev/null; then
    OUT=$(cd "$WORK" && cpack -G DEB -B "$WORK/pkg" --config "$SVCADV_BUILD_DIR/CPackConfig.cmake" 2>&1)
    RC=$? ERR=
    check_rc 0 "cpack builds the .deb"
    deb=$(ls "$WORK"/pkg/*.deb 2>/dev/null | head -1)
    check_true "[ -n '$deb' ]" "a .deb was written"
    OUT=$(dpkg-deb -c "$deb" 2>&1)
    check_out_has "./usr/bin/svcadv" "package holds the binary"
    check_out_has "./usr/bin/kubectl-svcadv -> svcadv" "package holds the plugin link"
    check_out_has "./usr/share/man/man1/svcadv-preview-routes.1" "package holds the man pages"
    check_out_has "./usr/share/bash-completion/completions/svcadv" "package holds the bash completion"
    check_out_has "./usr/share/fish/vendor_completions.d/svcadv.fish" "package holds the fish completion"
    OUT=$(dpkg-deb -f "$deb" Depends 2>&1)
    check_out_has "libyaml-cpp" "Depends names the runtime libraries"
    check_out_has "libstdc++6" "Depends names libstdc++"
else
    fail "dpkg-deb or cpack missing (make deps installs dpkg-dev)"
fi

finish
