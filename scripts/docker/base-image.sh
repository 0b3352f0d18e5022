#!/usr/bin/env bash
# Makes sure a Docker daemon is running and that the local base image exists: a Debian trixie
# rootfs (its nodejs is 20.x, plus npm and a compiler for native addons) built with debootstrap and `docker import`ed, for
# machines that reach a Debian mirror but no image registry. Cached: the rootfs tarball under
# /var/cache/tailor-docker and the tagged image are reused by later runs.
# Prints the image name on its last line.
set -euo pipefail

IMAGE="${TAILOR_BASE_IMAGE:-tailor-base:trixie-node20}"
CACHE=/var/cache/tailor-docker
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if ! docker info >/dev/null 2>&1; then
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "docker-test: dockerd is not installed (apt-get install docker.io)" >&2
    exit 1
  fi
  echo "docker-test: starting dockerd" >&2
  mkdir -p /var/log
  nohup dockerd >/var/log/tailor-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { echo "docker-test: dockerd did not start, see /var/log/tailor-dockerd.log" >&2; exit 1; }
fi

if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  mkdir -p "$CACHE"
  if [ ! -f "$CACHE/trixie-rootfs.tar" ]; then
    command -v debootstrap >/dev/null 2>&1 || { echo "docker-test: debootstrap is not installed" >&2; exit 1; }
    rootfs=$(mktemp -d "$CACHE/rootfs.XXXXXX")
    echo "docker-test: debootstrap trixie into $rootfs" >&2
    mkdir -p "$CACHE/debs"
    debootstrap --variant=minbase --include=nodejs,ca-certificates --cache-dir="$CACHE/debs" \
      trixie "$rootfs" "$MIRROR" >&2
    # npm and a toolchain for native addons (better-sqlite3), with system headers for node-gyp:
    # apt resolves npm's many dependencies, which debootstrap's resolver does not
    chroot "$rootfs" apt-get update -qq >&2
    chroot "$rootfs" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      npm python3 make g++ libnode-dev >&2
    chroot "$rootfs" apt-get clean
    rm -rf "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -cf "$CACHE/trixie-rootfs.tar.tmp" .
    mv "$CACHE/trixie-rootfs.tar.tmp" "$CACHE/trixie-rootfs.tar"
    rm -rf "$rootfs"
  fi
  echo "docker-test: importing $IMAGE" >&2
  docker import -c 'CMD ["/bin/bash"]' "$CACHE/trixie-rootfs.tar" "$IMAGE" >&2
fi
echo "$IMAGE"
