#!/bin/sh
# Servers that cannot be started.  fork fails: the listener runs as a
# user of its own with RLIMIT_NPROC at its tasks and one more (root is
# not held to it); that user
# also runs a standing server, so while one server runs the next fork
# fails; that caller is refused at once and
# logged, the pass-fd service (no fork) goes on, and once the server ends
# the service works again.  exec fails: a program that does not exist, is
# not executable, is a directory, is no program, names a missing
# interpreter, or may not be read by the service's user; each caller is
# closed, each failure logged with its reason and exit status 1, and the
# listener serves the next caller.  No descriptor is left behind.
. "$top_srcdir/tests/hardening/lib.sh"
hd_root
P1=$(port)
P2=$(port)
P3=$(port)
PROBE=$(real "$SVCPROBE")
chmod 0755 "$SAF_ROOT"

# ---- fork: a user with no processes of its own, for an exact count
U=
for u in games man lp mail news uucp proxy backup list irc; do
	if id -u "$u" >/dev/null 2>&1 && ! pgrep -u "$u" >/dev/null; then
		U=$u
		break
	fi
done
[ -n "$U" ] || fail "no idle user to run the listener as"
RV=$SAF_ROOT/rv
mkdir -p "$RV"
chown "$U" "$RV"
chown -R "$U" "$SAF_ETC/tcp" "$SAF_VAR"
ls_table "a::$U:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a" \
    "p::$U:reserved:reserved:reserved:127.0.0.1\\:$P2::p::$RV/p#passed"
chown "$U" "$SAF_ETC/tcp/_pmtab"
setpriv --reuid="$(id -u "$U")" --regid="$(id -g "$U")" --clear-groups \
    "$LISTEN" tcp 2>"$SAF_ROOT/listen.err" &
LS_PID=$!
wait_for "the listener as $U" ls_ready
standing "$RV/p" "$U" # (a process of U's, started before the limit)
# (set on the listener itself, by its own user: a wrapper script before it
# would need to fork under the limit)
# RLIMIT_NPROC counts tasks: the listener's threads (its workers), the
# standing server's, and room for one server
tasks=$(($(ps -L -u "$U" -o lwp= | wc -l) + 1))
setpriv --reuid="$(id -u "$U")" --regid="$(id -g "$U")" --clear-groups \
    prlimit --pid "$LS_PID" --nproc="$tasks:$tasks"
served() {
	client -s "" 127.0.0.1 "$P1"
	case $OUT in uid=*) ;; *) fail "$1: $OUT" ;; esac
}
served "before"
client 127.0.0.1 "$P2"
same "hello p"
base=$(nfds "$LS_PID") # (with its connection to the rendezvous)
# one server that stays (its caller holds it for a while)
"$LSCLIENT" -h 30000 -s x 127.0.0.1 "$P1" >/dev/null &
HOLD=$!
LS_KIDS="$LS_KIDS $HOLD"
two() { [ "$(pgrep -c -u "$U")" -eq 3 ]; }
wait_for "a server of $U running" two
client -s "" 127.0.0.1 "$P1"
same "[reset]"
ls_log_wait "Error during fork() to start a service: Resource temporarily unavailable"
client 127.0.0.1 "$P2"
same "hello p"
stop "$HOLD"
one() { [ "$(pgrep -c -u "$U")" -eq 2 ]; }
wait_for "the held server to end" one
served "after fork failed"
failed_one() { [ "$(svc_status a | cut -d' ' -f3)" -ge 1 ]; }
wait_for "the failure counted" failed_one
fds_back_to "$base" || fail "descriptors left: $(ls -l "/proc/$LS_PID/fd")"
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "exit status $LS_STATUS"
chown -R root "$SAF_ETC/tcp" "$SAF_VAR"

# ---- exec
B=$SAF_ROOT/bin
mkdir -p "$B"
chmod 0755 "$B"
: >"$B/plain"
printf '\001\002\003 no program\n' >"$B/garbage"
printf '#!/nonexistent/sh\necho hello\n' >"$B/script"
cp "$PROBE" "$B/private"
chmod 0644 "$B/plain"
chmod 0755 "$B/garbage" "$B/script"
chmod 0700 "$B/private"
ls_table "a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a" \
    "missing::nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::c::/nonexistent/prog#x" \
    "plain::nobody:reserved:reserved:reserved:::c::$B/plain#x" \
    "dir::nobody:reserved:reserved:reserved:::c::$B#x" \
    "garbage::nobody:reserved:reserved:reserved:::c::$B/garbage#x" \
    "script::nobody:reserved:reserved:reserved:::c::$B/script#x" \
    "private::nobody:reserved:reserved:reserved:::c::$B/private#x" \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P3::c::/usr/lib/saf/nlps_server#NLPS"
ls_start
base=$(nfds "$LS_PID")
cannot() { # cannot CODE PATH REASON
	client -r "NLPS:002:002:$1" 127.0.0.1 "$P3"
	case $OUT in *uid=*) fail "$1 ran: $OUT" ;; esac
	ls_log_wait "ERROR: could not exec server $2"
	ls_log_wait "System error: $3"
	exited() {
		grep -q "server of service $1 (pid [0-9]*) exited with status 1\$" "$LS_LOG"
	}
	wait_for "$1's child to end" exited "$1"
	served "after $1"
}
client -s "" 127.0.0.1 "$P2"
case $OUT in *uid=*) fail "missing ran: $OUT" ;; esac
ls_log_wait "ERROR: could not exec server /nonexistent/prog"
ls_log_wait "System error: No such file or directory"
served "after missing"
cannot plain "$B/plain" "Permission denied"
cannot dir "$B" "Permission denied"
cannot garbage "$B/garbage" "Exec format error"
# (valgrind cannot go on after an exec whose interpreter is missing)
under_valgrind "$LS_PID" ||
    cannot script "$B/script" "No such file or directory"
cannot private "$B/private" "Permission denied"
fds_back_to "$base" || fail "descriptors left: $(ls -l "/proc/$LS_PID/fd")"
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "exit status $LS_STATUS"
