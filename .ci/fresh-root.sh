#!/usr/bin/env bash
# Runs a command from this checkout inside a fresh, bare Debian 12 root, as a new user would:
# a minimal debootstrap (minbase) with only python3, python3-venv and python3-pip, the committed
# tree (HEAD) copied into /src, nothing else. Whatever the command needs beyond that, it must
# install by itself, so a missing install step fails here instead of passing on a machine set up
# by hand.
#
#   .ci/fresh-root.sh 'bash packaging/install.sh && bash tests/run.sh'
#
# The root runs in its own mount and PID namespaces (unshare), so its mounts and every process it
# started vanish with it, even when this script is killed. Between runs only downloads are kept,
# in $FOCUSMATE_CI_CACHE (default /var/cache/focusmate-ci): the bare root as a tarball (rebuilt
# when older than 30 days), apt's .deb files and pip's wheel cache. Needs root.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cache="${FOCUSMATE_CI_CACHE:-/var/cache/focusmate-ci}"
tarball="$cache/bookworm-minbase-python3.tar.zst"
say() { echo "fresh-root: $*"; }
fail() { echo "fresh-root: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || fail "needs root (debootstrap, chroot and mounts)"
(($# == 1)) || fail "usage: .ci/fresh-root.sh 'COMMAND' (run by bash in /src of the fresh root)"
mkdir -p "$cache/apt-archives/partial" "$cache/pip"

host_mirror() {
  # The Debian mirror this machine's apt already uses (deb822 or one-line sources).
  local uri
  uri=$(grep -hs -m1 '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}') || true
  [[ -n "$uri" ]] || uri=$(grep -hs -m1 '^deb ' /etc/apt/sources.list | awk '{print $2}') || true
  [[ -n "$uri" ]] || fail "cannot find a Debian mirror in /etc/apt/sources.list*"
  echo "$uri"
}

tools=()
command -v debootstrap >/dev/null || tools+=(debootstrap)
command -v zstd >/dev/null || tools+=(zstd)
if ((${#tools[@]})); then
  say "installing ${tools[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${tools[@]}" >/dev/null
fi

build_tarball() {
  local build
  build=$(mktemp -d /var/tmp/focusmate-minbase.XXXXXX)
  say "building a bare Debian 12 root (debootstrap minbase + python3, python3-venv, python3-pip)"
  debootstrap --variant=minbase --include=python3,python3-venv,python3-pip \
    --cache-dir="$cache/apt-archives" bookworm "$build" "$(host_mirror)" >"$cache/debootstrap.log" 2>&1 ||
    fail "debootstrap failed; its log: $cache/debootstrap.log"
  # The same package sources as this (Debian 12) machine: release, updates and security.
  rm -f "$build/etc/apt/sources.list"
  cp /etc/apt/sources.list.d/*.sources "$build/etc/apt/sources.list.d/" 2>/dev/null ||
    cp /etc/apt/sources.list "$build/etc/apt/sources.list"
  chroot "$build" apt-get clean
  rm -rf "$build"/var/lib/apt/lists/*
  tar -C "$build" --zstd -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
  rm -rf "$build"
}

if [[ ! -s "$tarball" ]] || [[ -n $(find "$tarball" -mtime +30) ]]; then
  build_tarball
fi

root=$(mktemp -d /var/tmp/focusmate-fresh-root.XXXXXX)
cleanup() { rm -rf --one-file-system "$root"; }
trap cleanup EXIT
tar -C "$root" --zstd -xf "$tarball"
# / as every installed system has it (0755): the tarball's "." kept its mktemp folder's 0700,
# and then no user but root reaches a program (the real-shell tests run the shells as a user).
chmod 755 "$root"
# This machine's network, not a package: its name servers, and the certificates it trusts, for
# pip only (a TLS-inspecting proxy between this machine and the registries signs with its own
# authority; on a user's machine pip's bundled certificates suffice). The root's own
# /etc/ssl stays as bare as it was.
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
# The name localhost, as every installed system has it (the Debian installer writes
# /etc/hosts; debootstrap does not): chromedriver and Selenium reach each other by that name.
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
host_ca="${PIP_CERT:-${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}}"
pip_cert=()
if [[ -s "$host_ca" ]]; then
  cp -L "$host_ca" "$root/etc/host-network-ca.crt"
  pip_cert=(PIP_CERT=/etc/host-network-ca.crt)
fi
# The committed tree (HEAD), as CI's clean clone has it: nothing uncommitted or ignored (such as
# .venv) comes along.
mkdir -p "$root/src"
git -C "$repo" archive --format=tar HEAD | tar -C "$root/src" -xf -
say "root $root ($(du -sh "$root" | cut -f1)); running: $1"

export FRESH_ROOT="$root" FRESH_CACHE="$cache" FRESH_COMMAND="$1" FRESH_ENV="${pip_cert[*]}"
unshare --mount --pid --fork --kill-child -- bash -euo pipefail -c '
  mount --make-rprivate /
  mount -t proc proc "$FRESH_ROOT/proc"
  mount -t sysfs sysfs "$FRESH_ROOT/sys"
  mount -t tmpfs -o mode=755 dev "$FRESH_ROOT/dev"
  for node in null zero full random urandom tty; do
    touch "$FRESH_ROOT/dev/$node" && mount --bind "/dev/$node" "$FRESH_ROOT/dev/$node"
  done
  mkdir -p "$FRESH_ROOT/dev/pts" "$FRESH_ROOT/dev/shm"
  mount -t devpts -o newinstance,ptmxmode=0666 devpts "$FRESH_ROOT/dev/pts"
  ln -s pts/ptmx "$FRESH_ROOT/dev/ptmx"
  mount -t tmpfs -o mode=1777 shm "$FRESH_ROOT/dev/shm"
  ln -s /proc/self/fd "$FRESH_ROOT/dev/fd"
  mount --bind "$FRESH_CACHE/apt-archives" "$FRESH_ROOT/var/cache/apt/archives"
  mkdir -p "$FRESH_ROOT/root/.cache/pip"
  mount --bind "$FRESH_CACHE/pip" "$FRESH_ROOT/root/.cache/pip"
  exec chroot "$FRESH_ROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb CI="${CI:-}" $FRESH_ENV \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    bash -euo pipefail -c "cd /src && $FRESH_COMMAND"
'
