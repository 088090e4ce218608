#!/usr/bin/env bash
# Runs a command inside a private network namespace made for phone-link tests:
# loopback up, plus one veth pair (10.77.0.1/24 and fd77::1/64 on v0) with a
# default route into it. Chromium gathers WebRTC host candidates only on a
# non-loopback interface with a default route; here every such packet stays
# inside the namespace, which has no way out (nothing answers 10.77.0.254).
# Usage: bash scripts/isolatedNet.sh <command> [args...]
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/isolatedNet.sh <command> [args...]" >&2
  exit 2
fi

if ! unshare -rn true 2>/dev/null; then
  echo "isolatedNet.sh: cannot make a private network namespace (unshare -rn failed): run as root or enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)" >&2
  exit 1
fi

# shellcheck disable=SC2016
exec unshare -rn bash -c '
  set -e
  ip link set lo up
  ip link add v0 type veth peer name v1
  ip addr add 10.77.0.1/24 dev v0
  ip -6 addr add fd77::1/64 dev v0 nodad
  ip link set v0 up
  ip link set v1 up
  ip route add default via 10.77.0.254 dev v0
  ip -6 route add default via fd77::fe dev v0
  export VADA_ISOLATED_NET=1
  exec "$@"
' isolatedNet "$@"
