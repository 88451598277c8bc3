#!/bin/sh
# The project's main job, runnable on a fresh Debian 12 machine: installs
# what the build needs, builds, and runs the demo listener in the
# foreground (scripts/demo-run.sh) until Ctrl-C.
#
#   ./demo.sh [SAF-ROOT]    keep the demo's SAF root there (default: a
#                           temporary one, removed at the end)
#   DEMO_PORTS="24790 24791 24792 24793"   its ports on 127.0.0.1
set -eu
cd "$(dirname "$0")"
. ./scripts/deps.sh
listen_install_deps
listen_bootstrap
listen_build _build/demo
exec sh scripts/demo-run.sh _build/demo "$@"
