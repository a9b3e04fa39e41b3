#!/usr/bin/env bash
# Install the .deb on a clean Debian 12 (minbase, nothing else) and check that it works there:
# apt pulls in only what the package declares, `participant-desk --self-test` must pass, and
# the demo window must appear on an X server with readable text (a screenshot is saved).
#
#   sudo bash packaging/linux/check_clean_debian.sh [path/to/participant-desk_X_amd64.deb]
#
# Needs root (chroot, mounts) and, on the host: mmdebstrap, xvfb, x11-utils, imagemagick.
# The clean root is made once with mmdebstrap and cached in packaging/build/ as a tarball;
# every run unpacks a fresh copy, so nothing from an earlier run leaks into the next.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packaging="$(dirname "$here")"
build="$packaging/build"
deb="${1:-$(ls -t "$packaging"/dist/participant-desk_*_amd64.deb | head -1)}"
base="$build/debian12-minbase.tar"
root="$build/debian12-root"
shots="$build/clean-debian"
display=":87"

if [[ ! -f "$base" ]]; then
    echo "== making a clean Debian 12 root (mmdebstrap --variant=minbase) =="
    mkdir -p "$build"
    mmdebstrap --quiet --variant=minbase --mode=root bookworm "$base" http://deb.debian.org/debian
fi

cleanup() {
    set +e
    [[ -n "${app_pid:-}" ]] && kill "$app_pid" 2>/dev/null
    [[ -n "${xvfb_pid:-}" ]] && kill "$xvfb_pid" 2>/dev/null
    for mount in tmp/.X11-unix dev/shm dev/pts dev proc sys; do
        mountpoint -q "$root/$mount" && umount -l "$root/$mount"
    done
}
trap cleanup EXIT

echo "== unpacking a fresh root =="
rm -rf "$root" && mkdir -p "$root"
tar -C "$root" -xf "$base"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount -t tmpfs shm "$root/dev/shm"   # the loader process needs shared memory for its locks
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

before="$(in_root dpkg-query -W -f '${Package}\n' | sort)"
echo "== installing $(basename "$deb") with only its declared dependencies =="
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "/tmp/$(basename "$deb")" >/dev/null
after="$(in_root dpkg-query -W -f '${Package}\n' | sort)"
added="$(comm -13 <(echo "$before") <(echo "$after"))"
echo "packages added: $(echo "$added" | wc -l): $(echo "$added" | tr '\n' ' ')"

echo "== participant-desk --self-test on the clean system =="
in_root participant-desk --self-test

echo "== demo window on an X server =="
mkdir -p "$shots"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [[ -S "/tmp/.X11-unix/X${display#:}" ]] && break; sleep 0.1; done
mkdir -p "$root/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
in_root env DISPLAY="$display" XDG_RUNTIME_DIR=/tmp participant-desk --demo \
    >"$shots/app.log" 2>&1 &
app_pid=$!
shown=""
for _ in $(seq 300); do
    if DISPLAY="$display" xwininfo -root -tree 2>/dev/null | grep -q '"Participant Desk'; then
        shown=yes && break
    fi
    sleep 0.1
done
if [[ -z "$shown" ]]; then
    echo "FAILED: no window appeared within 30 s; the app said:" && cat "$shots/app.log"
    exit 1
fi
sleep 3   # let the demo rows load and paint before the screenshot
DISPLAY="$display" import -window root "$shots/demo-window.png"
colours="$(convert "$shots/demo-window.png" -format '%k' info:)"
echo "window shown; screenshot $shots/demo-window.png ($colours colours)"
if (( colours < 50 )); then
    echo "FAILED: the screenshot is nearly flat ($colours colours): no text drawn?"
    exit 1
fi
kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null || true; app_pid=""

echo "== negative control: without any font the self-test must fail =="
in_root dpkg --purge --force-depends fonts-dejavu-core >/dev/null 2>&1
if in_root participant-desk --self-test | grep -E "Fonts|Result"; then
    echo "FAILED: the self-test passed on a system without fonts"
    exit 1
fi
echo "== passed: installed with declared dependencies only, self-test passed, window shown =="
