#!/bin/sh
# demo-run.sh BUILD-DIR [SAF-ROOT]: run the demo listener from a build
# tree, in the foreground, until Ctrl-C (SIGINT) or SIGTERM.
#
# It writes a SAF root (a temporary one unless SAF-ROOT is given; a given
# one is kept) with one listener table, starts a standing server, and runs
# "listen tcp" standalone with these services on 127.0.0.1:
#
#   0       the NLPS address (nlps_server): any service by its code
#   echo    cat, on its own port too
#   date    date, on its own port too
#   whoami  id, run as nobody (as you when not root)
#   greet   a standing server fed by fd passing, on its own port too
#
# Ports: 24790 (NLPS), 24791 (echo), 24792 (date), 24793 (greet), or
# DEMO_PORTS="nlps echo date greet".
set -eu
build=$(cd "${1:?usage: demo-run.sh BUILD-DIR [SAF-ROOT]}" && pwd)
set -- ${DEMO_PORTS:-24790 24791 24792 24793} "${2:-}"
p_nlps=$1 p_echo=$2 p_date=$3 p_greet=$4 keep=$5

if [ -n "$keep" ]; then
	mkdir -p "$keep"
	root=$(cd "$keep" && pwd)
else
	root=$(mktemp -d "${TMPDIR:-/tmp}/listen-demo.XXXXXX")
fi
SAF_ETC=$root/etc SAF_VAR=$root/var
SAF_UTMPX=$root/utmpx SAF_WTMPX=$root/wtmpx
export SAF_ETC SAF_VAR SAF_UTMPX SAF_WTMPX
# a listener started here is standalone, whatever its parent was
unset PMTAG ISTATE
mkdir -p "$SAF_ETC/tcp" "$SAF_VAR/tcp"
: >"$SAF_UTMPX"
: >"$SAF_WTMPX"

me=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
	low=nobody
else
	low=$me
fi
ex=$build/docs/examples
lpid= spid=

# stop [STATUS]: end the demo's processes, remove a temporary root, exit.
stop() {
	trap - INT TERM EXIT
	for p in $lpid $spid; do
		kill -TERM "$p" 2>/dev/null || true
	done
	for p in $lpid $spid; do
		wait "$p" 2>/dev/null || true
	done
	lpid= spid=
	if [ -z "$keep" ]; then
		rm -rf "$root"
	fi
	echo "demo: stopped"
	exit "${1:-0}"
}
trap stop INT TERM
trap 'stop $?' EXIT

# The standing server: its rendezvous in the SAF root.
"$ex/nls-standing" "$root/greet.sock" &
spid=$!
i=0
until [ -S "$root/greet.sock" ]; do
	i=$((i + 1))
	if [ "$i" -gt 50 ] || ! kill -0 "$spid" 2>/dev/null; then
		echo "demo: the standing server did not start" >&2
		exit 1
	fi
	sleep 0.1
done

# The table: what "nlsadmin -a" and "pmadm -a" write (see nlsadmin(8)).
cat=$(command -v cat) date=$(command -v date) id=$(command -v id)
cat >"$SAF_ETC/tcp/_pmtab" <<EOF
# VERSION=4
0::root:reserved:reserved:reserved:127.0.0.1\\:$p_nlps::c::$build/listen/nlps_server#NLPS server
echo::$me:reserved:reserved:reserved:127.0.0.1\\:$p_echo::c::$cat#echo server
date::$me:reserved:reserved:reserved:127.0.0.1\\:$p_date::c::$date#date and time
whoami::$low:reserved:reserved:reserved:::c::$id#who the server runs as
greet::$me:reserved:reserved:reserved:127.0.0.1\\:$p_greet::p::$root/greet.sock#standing server
EOF

cat <<EOF
demo: a listener on 127.0.0.1, SAF root $root
  its services: $SAF_ETC/tcp/_pmtab
  its log:      $SAF_VAR/tcp/log (copied below)
Talk to it from another terminal:
  echo (type lines, Ctrl-D ends):    nc -N 127.0.0.1 $p_echo
  date and time:                     nc -d 127.0.0.1 $p_date
  a standing server (fd passing):    nc -d 127.0.0.1 $p_greet
  any service by its NLPS code (echo, date, whoami, greet):
    $ex/nls-client 127.0.0.1 $p_nlps whoami
Counters to the log: kill -USR1 \$(cat $SAF_ETC/tcp/_pid)
Stop: Ctrl-C.
EOF

"$build/listen/listen" tcp &
lpid=$!
# wait returns early when a signal is trapped; the trap ends the demo
while kill -0 "$lpid" 2>/dev/null; do
	wait "$lpid" || true
done
lpid=
echo "demo: the listener exited (its log is above)" >&2
stop 1
