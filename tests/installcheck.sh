#!/bin/sh
# Run by "make installcheck" (and so by "make distcheck"): programs written
# the SVR4 way compile against the installed headers with nothing but
# `pkg-config --cflags --libs libxti`, and run: a TLI echo server
# (<tiuser.h>) and an XTI client (<xti.h>) talk over 127.0.0.1.
#   tests/installcheck.sh SRCDIR PKGCONFIGDIR LIBDIR
set -eu
srcdir=$1
PKG_CONFIG_PATH=$2${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
export PKG_CONFIG_PATH
libdir=$3
work=$(mktemp -d)
server=
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

flags=$(pkg-config --cflags --libs libxti)
for p in tli-echod xti-echo; do
	${CC:-cc} -Wall -Werror -o "$work/$p" "$srcdir/docs/examples/$p.c" $flags
done
LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH

# a free port: let the kernel choose one for a moment
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 24791)
"$work/tli-echod" -n 1 127.0.0.1 "$port" >"$work/server.out" &
server=$!
i=0
until grep -q listening "$work/server.out"; do
	i=$((i + 1))
	[ "$i" -le 50 ] || { echo "installcheck: server did not start" >&2; exit 1; }
	sleep 0.1
done
"$work/xti-echo" 127.0.0.1 "$port" one two >"$work/client.out"
wait "$server"
server=
grep -q 'reply: one' "$work/client.out"
grep -q 'reply: two' "$work/client.out"
grep -q 'released' "$work/server.out"
echo "installcheck: SVR4-style programs build with pkg-config and run"
