#!/usr/bin/env bash
# `npm run test:docker`: builds the Dockerfile on a local base image and runs test/docker/.
# Starts dockerd if none is running (and stops it again afterwards); fails, never skips, when
# Docker cannot be used.
set -euo pipefail
cd "$(dirname "$0")/../.."

# the docker.io package's client has BuildKit built in (a newer standalone client needs buildx)
if [ -z "${DOCKER:-}" ]; then
  if [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker; else DOCKER=docker; fi
fi
export DOCKER

started=""
if ! "$DOCKER" info >/dev/null 2>&1; then started=yes; fi
stop_dockerd() {
  if [ -n "$started" ] && [ -f /var/run/docker.pid ]; then
    kill "$(cat /var/run/docker.pid)" 2>/dev/null || true
  fi
}
trap stop_dockerd EXIT

TAILOR_DOCKER_BASE_IMAGE="$(PATH="$(dirname "$DOCKER"):$PATH" scripts/docker/base-image.sh | tail -1)"
export TAILOR_DOCKER_BASE_IMAGE
# the host's CA for the npm registry, handed to the build as a secret (never copied into a layer)
cafile="$(npm config get cafile 2>/dev/null || true)"
if [ -n "$cafile" ] && [ "$cafile" != "null" ] && [ -f "$cafile" ]; then
  export TAILOR_DOCKER_CA_FILE="$cafile"
fi

npx vitest run --config vitest.docker.config.ts
