#!/usr/bin/env bash
# Checks a firmware run's printed figures against the committed budgets.
#   tools/check_firmware_budget.sh [RUN_OUTPUT] [BUDGET_FILE]
#   make -C <harness> run | tools/check_firmware_budget.sh          (stdin)
#   tools/check_firmware_budget.sh --self-test
# RUN_OUTPUT is what the firmware harness prints (wherever it lives), read for:
#   "nanoclust <family>: +<N> bytes of flash"
#   "  stack <N> bytes  <call>"   (a call may appear several times: the largest counts)
#   "peak stack of any nanoclust call: <N> bytes (<call>)"
# Fails (exit 1) if a figure is above its budget (BUDGET_FILE, default
# tools/firmware_budget.txt; "stack *" is the budget of calls without their own
# line), if a budgeted family, call or the peak is missing from the output, or if
# the output has no figures at all.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)

check() { # output file, budget file
    awk '
    NR == FNR {
        if ($0 ~ /^[ \t]*(#|$)/) next
        budget[$1 " " $2] = $3 + 0; order[++nb] = $1 " " $2; next
    }
    match($0, /^nanoclust [a-z0-9_]+: \+[0-9]+ bytes of flash/) {
        split($2, a, ":"); v = substr($3, 2) + 0
        seen["flash " a[1]] = v; nfig++; next
    }
    $1 == "stack" && $3 == "bytes" && NF >= 4 {
        k = "stack " $4
        if (!(k in seen) || $2 + 0 > seen[k]) seen[k] = $2 + 0
        nfig++; next
    }
    /^peak stack of any nanoclust call: [0-9]+ bytes/ { seen["peak stack"] = $7 + 0; nfig++ }
    END {
        fail = 0
        if (nfig == 0) { print "no firmware figures in the output"; exit 1 }
        printf "%-30s %9s %9s %s\n", "figure", "measured", "budget", ""
        for (i = 1; i <= nb; i++) {
            k = order[i]
            if (k == "stack *") continue
            if (!(k in seen)) { printf "%-30s %9s %9d MISSING from the output\n", k, "-", budget[k]; fail = 1; continue }
            over = seen[k] > budget[k]
            printf "%-30s %9d %9d %s\n", k, seen[k], budget[k], over ? "OVER BUDGET" : "ok"
            fail = fail || over
        }
        for (k in seen) {
            if (k in budget) continue
            split(k, p, " ")
            if (p[1] == "stack" && ("stack *" in budget)) {
                over = seen[k] > budget["stack *"]
                printf "%-30s %9d %9d %s\n", k, seen[k], budget["stack *"], over ? "OVER BUDGET" : "ok (default)"
                fail = fail || over
            } else {
                printf "%-30s %9d %9s no budget line\n", k, seen[k], "-"; fail = 1
            }
        }
        print fail ? "firmware budgets: FAILED" : "firmware budgets: all figures within budget"
        exit fail
    }' "$2" "$1"
}

if [ "${1:-}" = --self-test ]; then
    budget=$HERE/firmware_budget.txt
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    # An output exactly at every budget passes; one byte over, or a missing line, fails.
    awk '$1 == "flash" { printf "nanoclust %s: +%d bytes of flash\n", $2, $3 }
         $1 == "stack" && $2 != "*" { printf "  stack %5d bytes  %s\n", $3, $2 }
         $1 == "stack" && $2 == "*" { printf "  stack %5d bytes  some_other_call\n", $3 }
         $1 == "peak" { printf "peak stack of any nanoclust call: %d bytes (x)\n", $3 }' \
        "$budget" >"$tmp/at"
    check "$tmp/at" "$budget" >/dev/null || { echo "self-test FAILED: at-budget output rejected" >&2; exit 1; }
    sed '0,/bytes of flash/s/+\([0-9]*\) bytes/+\19 bytes/' "$tmp/at" >"$tmp/over"
    sed '0,/some_other_call/s/stack  *\([0-9]*\) bytes  some_other_call/stack \19 bytes  some_other_call/' "$tmp/at" >"$tmp/over_default"
    grep -v "kmeans_fit$" "$tmp/at" >"$tmp/missing"
    : >"$tmp/empty"
    for f in over over_default missing empty; do
        if check "$tmp/$f" "$budget" >/dev/null; then
            echo "self-test FAILED: the '$f' output passed" >&2
            exit 1
        fi
    done
    echo "check_firmware_budget self-test: at budget passes; over, over (default), missing, empty fail"
    exit 0
fi

out=${1:--}
budget=${2:-$HERE/firmware_budget.txt}
if [ "$out" = - ]; then
    tmp=$(mktemp)
    trap 'rm -f "$tmp"' EXIT
    cat >"$tmp"
    out=$tmp
fi
check "$out" "$budget"
