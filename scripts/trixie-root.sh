#!/bin/sh
# Builds a Debian 13 (trixie) root holding crash 8.0.6 and drgn 0.0.31 with
# debootstrap from this machine's own apt mirror (read from its apt sources,
# never written into the repository), then writes wrapper scripts that run
# them chrooted, with the paths kdview's tests use bind-mounted in a private
# mount namespace (the mounts vanish with the process: nothing to clean up).
# Needs root (debootstrap, unshare --mount, chroot).
#   usage: sh scripts/trixie-root.sh [CACHE_DIR]
#   default CACHE_DIR: ${XDG_CACHE_HOME:-$HOME/.cache}/kdview-trixie
# Prints KDVIEW_TEST_CRASH_NEW=PATH and KDVIEW_TEST_DRGN_NEW=PATH, one a line.
set -eu
REPO=$(cd "$(dirname "$0")/.." && pwd -P)
CACHE=${1:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/kdview-trixie}
ROOT=$CACHE/root
BIN=$CACHE/bin
FIXTURES=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/kdview-fixtures
DUMPS=${KDVIEW_DUMPS_DIR:-$REPO/../shared/dumps}

say() { echo "trixie-root: $*" >&2; }

# The first non-security archive URI of the apt sources (deb822 `URIs:` or one-line `deb URI suite`).
mirror() {
    {
        for f in /etc/apt/sources.list.d/*.sources; do
            [ -f "$f" ] && awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' "$f"
        done
        for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
            [ -f "$f" ] && awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }' "$f"
        done
    } | grep -v -e security -e '^$' | head -n 1
}

if [ ! -f "$ROOT/.kdview-ready" ]; then
    MIRROR=$(mirror)
    [ -n "$MIRROR" ] || { say "no archive URI in /etc/apt/sources.list or /etc/apt/sources.list.d"; exit 1; }
    command -v debootstrap >/dev/null || { say "debootstrap is not installed (apt-get install debootstrap)"; exit 1; }
    mkdir -p "$CACHE"
    rm -rf "$ROOT.tmp"
    say "debootstrap trixie from the apt sources' mirror into $ROOT"
    start=$(date +%s)
    debootstrap --variant=minbase --include=crash,python3-drgn trixie "$ROOT.tmp" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 || {
        say "debootstrap failed; the last lines of $CACHE/debootstrap.log:"; tail -n 20 "$CACHE/debootstrap.log" >&2; exit 1; }
    end=$(date +%s)
    say "debootstrap took $((end - start)) s"
    rm -rf "$ROOT"
    mv "$ROOT.tmp" "$ROOT"
    touch "$ROOT/.kdview-ready"
fi

CRASH_VERSION=$(chroot "$ROOT" /usr/bin/crash --version | sed -n 's/^crash \([0-9][^ ]*\).*/\1/p' | head -n 1)
DRGN_VERSION=$(chroot "$ROOT" /usr/bin/drgn --version 2>&1 | sed -n 's/^drgn \([0-9][^ ]*\).*/\1/p' | head -n 1)
[ -n "$CRASH_VERSION" ] && [ -n "$DRGN_VERSION" ] || { say "crash or drgn does not run in $ROOT"; exit 1; }

# Bind-mount targets: the dumps, the unpacked vmlinux files and /tmp (sessions,
# reports), baked into the wrappers, quoted; at run time also the folder of
# every absolute path argument (kdview's python/ helper, a vmlinux, a dump and
# its symlink's target), so one root serves every checkout.
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
BINDS=""
mkdir -p "$FIXTURES" # npm test unpacks the vmlinux files there, after this script ran
for d in "$DUMPS" "$FIXTURES" /tmp; do
    [ -d "$d" ] || continue
    BINDS="$BINDS $(quote "$(cd "$d" && pwd -P)")"
done

# crash's prompt is the name it was run by: a link named like the wrapper
# makes it print `crash-8.0.6> `, the prompt kdview expects of that wrapper.
wrapper() { # NAME PROGRAM
    ln -sf "$2" "$ROOT/usr/local/bin/$1"
    cat >"$BIN/$1.tmp" <<EOF
#!/bin/sh
# $1 from the Debian 13 root built by kdview's scripts/trixie-root.sh. Runs
# chrooted in a private mount namespace (unshare --mount), with the paths
# kdview's tests use bind-mounted; the mounts go away with the process.
set -e
ROOT=$(quote "$ROOT")
if [ "\${KDVIEW_TRIXIE_NS:-}" != "\$\$" ]; then
    KDVIEW_TRIXIE_NS=\$\$ exec unshare --mount --propagation private -- "\$0" "\$@"
fi
unset KDVIEW_TRIXIE_NS
BOUND=" "
bind() {
    [ -d "\$1" ] || return 0
    case "\$BOUND" in *" \$1 "*) return 0 ;; esac
    mkdir -p "\$ROOT\$1"
    mount --bind "\$1" "\$ROOT\$1"
    BOUND="\$BOUND\$1 "
}
for d in$BINDS; do bind "\$d"; done
for a in "\$@"; do
    p=\${a#--core=}
    p=\${p#--symbols=}
    case "\$p" in /*) [ -e "\$p" ] || continue ;; *) continue ;; esac
    bind "\$(dirname "\$p")"
    bind "\$(dirname "\$(readlink -f "\$p")")"
done
mount --rbind /dev "\$ROOT/dev"
mount -t proc proc "\$ROOT/proc"
exec chroot "\$ROOT" /usr/local/bin/$1 "\$@"
EOF
    chmod 755 "$BIN/$1.tmp"
    mv -f "$BIN/$1.tmp" "$BIN/$1"
}
mkdir -p "$BIN" "$ROOT/usr/local/bin"
wrapper "crash-$CRASH_VERSION" /usr/bin/crash
wrapper "drgn-$DRGN_VERSION" /usr/bin/drgn
say "crash $CRASH_VERSION and drgn $DRGN_VERSION in $ROOT"
echo "KDVIEW_TEST_CRASH_NEW=$BIN/crash-$CRASH_VERSION"
echo "KDVIEW_TEST_DRGN_NEW=$BIN/drgn-$DRGN_VERSION"
