#!/usr/bin/env bash
# The layers of ARCHITECTURE.md hold in the sources:
#  - the folders of core/ are exactly the rows of the table between the `layers:` markers;
#  - a file of core/<folder>/ or include/svcadv/<folder>/ includes svcadv headers only of its own
#    folder and of the folders its row allows (the build's include roots enforce the same for
#    everything compiled; this also covers headers no target compiles on its own);
#  - every core/<folder>/<file>.cpp has tests/unit/<folder>/<file>_test.cpp, and every unit test
#    file is named after a source file.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

declare -A allowed
while IFS='|' read -r _ folder _target uses _; do
    folder=$(echo "$folder" | tr -d '` ')
    uses=$(echo "$uses" | tr -d '` ' | tr ',' ' ')
    [ "$uses" = "-" ] && uses=""
    allowed[$folder]="$uses"
done < <(sed -n '/<!-- layers:begin/,/<!-- layers:end/p' ARCHITECTURE.md | grep '^| `')

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

[ ${#allowed[@]} -gt 0 ] || { echo "FAIL: no layer table in ARCHITECTURE.md"; exit 1; }

# The table and the tree agree.
actual=$(cd core && find . -name '*.cpp' -printf '%h\n' | sed 's|^\./||' | sort -u)
for folder in $actual; do
    [ -v "allowed[$folder]" ] || fail "core/$folder has sources but no row in ARCHITECTURE.md"
done
for folder in "${!allowed[@]}"; do
    [ "$folder" = cmd ] && continue
    [ -d "core/$folder" ] || fail "ARCHITECTURE.md names core/$folder, which does not exist"
done

checked=0
check_file() {  # file folder
    local file=$1 folder=$2 included dir ok
    while read -r included; do
        dir=$(dirname "$included")
        dir=${dir#svcadv/}
        checked=$((checked + 1))
        [ "$dir" = "$folder" ] && continue
        ok=0
        for use in ${allowed[$folder]}; do [ "$use" = "$dir" ] && ok=1; done
        [ $ok = 1 ] || fail "$file includes $included: $folder may not use $dir"
    done < <(grep -ho '#include "svcadv/[^"]*"' "$file" | sed 's/#include "\(.*\)"/\1/')
}
for folder in "${!allowed[@]}"; do
    [ "$folder" = cmd ] && continue
    for file in core/"$folder"/*.cpp core/"$folder"/*.h include/svcadv/"$folder"/*.h; do
        [ -f "$file" ] && check_file "$file" "$folder"
    done
done

# One test file per source file, named after it.
for source in $(cd core && find . -name '*.cpp' | sed 's|^\./||' | sort); do
    test="tests/unit/${source%.cpp}_test.cpp"
    [ -f "$test" ] || fail "core/$source has no unit test file $test"
done
for test in $(find tests/unit -mindepth 2 -name '*_test.cpp' | sort); do
    rel=${test#tests/unit/}
    source=${rel%_test.cpp}.cpp
    [ -f "core/$source" ] || [ -f "$source" ] || fail "$test is named after no source file (core/$source)"
done

echo "layering: ${#allowed[@]} layers, $checked includes checked"
[ $failures = 0 ] && echo "1 passed, 0 failed" || { echo "0 passed, 1 failed"; exit 1; }
