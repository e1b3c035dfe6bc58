#!/bin/sh
# Make (or reuse) a real large kdump with the scale kit (../shared/dumps/scale-kit)
# and print the folder that holds it (vmcore, dmesg.txt, console.log, params).
#
#   usage: sh scripts/scale-dump.sh            (env POOLS, POOL_TASKS, MEM, SMP)
#   cache: ${KDVIEW_SCALE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kdview-scale}/p<POOLS>x<POOL_TASKS>/
#
# The dump is made once per (POOLS, POOL_TASKS) and reused; a lock folder keeps two
# runs (bench and tests) from building the same one at once. The dump goes to a
# scratch folder first and is renamed into place only when crash-readable pieces
# exist, so a half-made dump is never reused. Exit 3: qemu is not installed.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DUMPS=${KDVIEW_DUMPS_DIR:-$HERE/../../shared/dumps}
KIT=$DUMPS/scale-kit
POOLS=${POOLS:-4}
POOL_TASKS=${POOL_TASKS:-2500}
CACHE=${KDVIEW_SCALE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kdview-scale}
case "$POOLS$POOL_TASKS" in *[!0-9]*|'') echo "scale-dump: POOLS and POOL_TASKS must be numbers" >&2; exit 2 ;; esac
OUT=$CACHE/p${POOLS}x${POOL_TASKS}

if [ -s "$OUT/vmcore" ]; then echo "$OUT"; exit 0; fi
if ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
    echo "scale-dump: qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)" >&2
    exit 3
fi
if [ ! -f "$KIT/make-scale.sh" ]; then echo "scale-dump: no scale kit at $KIT" >&2; exit 2; fi

mkdir -p "$CACHE"
LOCK=$OUT.lock
# wait for another maker of the same dump (up to 30 min), taking over a stale lock
i=0
while ! mkdir "$LOCK" 2>/dev/null; do
    pid=$(cat "$LOCK/pid" 2>/dev/null || true)
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then rm -rf "$LOCK"; continue; fi
    if [ -s "$OUT/vmcore" ]; then echo "$OUT"; exit 0; fi
    i=$((i + 1)); [ $i -gt 1800 ] && { echo "scale-dump: timed out waiting for $LOCK" >&2; exit 1; }
    sleep 1
done
echo $$ > "$LOCK/pid"
WORK=$(mktemp -d "$CACHE/work.XXXXXX")
trap 'rm -rf "$WORK" "$LOCK"' EXIT INT TERM
if [ -s "$OUT/vmcore" ]; then echo "$OUT"; exit 0; fi

# the kernel image and lkdtm.ko of the rebuilt kernel (its vmlinux: custom/prepare.sh)
POOLS=$POOLS POOL_TASKS=$POOL_TASKS SKIP_APT=1 MEM=${MEM:-2048} SMP=${SMP:-2} \
    sh "$KIT/make-scale.sh" "$DUMPS/custom/kout" "$WORK" "$WORK/out" >&2
if [ ! -s "$WORK/out/vmcore" ]; then
    echo "scale-dump: the kit made no vmcore (see $WORK/out/console.log)" >&2
    tail -n 20 "$WORK/out/console.log" >&2 2>/dev/null || true
    exit 1
fi
printf 'POOLS=%s\nPOOL_TASKS=%s\n' "$POOLS" "$POOL_TASKS" > "$WORK/out/params"
rm -rf "$OUT"
mv "$WORK/out" "$OUT"
echo "$OUT"
