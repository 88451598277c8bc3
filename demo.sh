#!/bin/sh
# The project's main job, runnable on a fresh Debian 12 machine: installs
# what the build needs, builds, and runs a demonstration.
#
# Until the listener exists the demonstration is libxti: a TLI echo server
# (docs/examples/tli-echod.c, written against <tiuser.h>) and an XTI client
# (docs/examples/xti-echo.c, <xti.h>) talking over 127.0.0.1.
set -eu
cd "$(dirname "$0")"
. ./scripts/deps.sh
listen_install_deps
listen_bootstrap
listen_build _build/demo

addr=127.0.0.1
port=${DEMO_PORT:-24790}
bin=_build/demo/docs/examples
out=$(mktemp)
"$bin/tli-echod" -n 1 "$addr" "$port" >"$out" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$out"' EXIT INT TERM
# wait until the server says it listens (at most 5 seconds)
i=0
until grep -q listening "$out"; do
	i=$((i + 1))
	if [ "$i" -gt 50 ] || ! kill -0 "$server" 2>/dev/null; then
		echo "demo: the server did not start" >&2
		exit 1
	fi
	sleep 0.1
done
tail -f "$out" --pid="$server" &
"$bin/xti-echo" "$addr" "$port" "hello, TLI" "this is XTI over Linux sockets"
wait "$server"
sleep 0.2
trap - EXIT INT TERM
rm -f "$out"
echo "demo: done"
