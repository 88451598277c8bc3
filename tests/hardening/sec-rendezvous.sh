#!/bin/sh
# A standing server's rendezvous cannot be used to send a connection to a
# process it was not meant for: the listener takes only an AF_UNIX
# datagram socket that belongs to root or to the service's user, checked
# on the path itself (lstat: a symbolic link is not followed), every time
# it connects to it.  A link to a good rendezvous, a regular file, a
# directory, a stream socket, another user's socket reached through a
# linked directory, a nobody-owned socket for a root service are refused
# and logged; a rendezvous replaced by another user while its server runs
# changes nothing (the listener holds its connection to the server it
# checked), and once that server is gone the replacement is refused.
. "$top_srcdir/tests/hardening/lib.sh"
hd_root
P0=$(port)
RV=$SAF_ROOT/rv
EVIL=$SAF_ROOT/evil
OPEN=$SAF_ROOT/open
mkdir -p "$RV" "$EVIL" "$OPEN"
chmod 0755 "$SAF_ROOT" "$RV"
chown daemon "$EVIL"
chmod 0777 "$OPEN" # no sticky bit: anyone may replace what is in it
DAEMON=$(id -u daemon)
NOBODY=$(id -u nobody)

standing "$RV/real"
REAL=$LAST
ln -s "$RV/real" "$RV/link"
: >"$RV/file"
mkdir "$RV/dir"
nc -lU "$RV/stream" >/dev/null 2>&1 &
LS_KIDS="$LS_KIDS $!"
wait_for "the stream socket" test -S "$RV/stream"
standing "$EVIL/sock" daemon
ln -s "$EVIL" "$RV/viadir"
mkdir -p "$SAF_ROOT/nb"
chown nobody "$SAF_ROOT/nb"
standing "$SAF_ROOT/nb/sock" nobody
standing "$OPEN/s"
SWAP=$LAST

ls_table \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS" \
    "real::nobody:reserved:reserved:reserved:::p::$RV/real#the real one" \
    "link::nobody:reserved:reserved:reserved:::p::$RV/link#a link to it" \
    "file::nobody:reserved:reserved:reserved:::p::$RV/file#a file" \
    "dir::nobody:reserved:reserved:reserved:::p::$RV/dir#a directory" \
    "stream::nobody:reserved:reserved:reserved:::p::$RV/stream#a stream socket" \
    "viadir::nobody:reserved:reserved:reserved:::p::$RV/viadir/sock#daemon's" \
    "rootsvc::root:reserved:reserved:reserved:::p::$SAF_ROOT/nb/sock#nobody's" \
    "swap::nobody:reserved:reserved:reserved:::p::$OPEN/s#replaceable"
ls_start

served() { # served CODE [LOG]
	client -r "NLPS:002:002:$1" 127.0.0.1 "$P0"
	case $OUT in
	*"hello $1") ;;
	*) fail "$1: $OUT" ;;
	esac
	grep -q "^code=$1 " "${2:-$RV/real.log}" || fail "$1 not in its server's log"
}
refused() { # refused CODE LOGTEXT: the caller gets nothing, the log why
	client -r "NLPS:002:002:$1" 127.0.0.1 "$P0"
	case $OUT in *hello*) fail "$1 was passed: $OUT" ;; esac
	ls_log_wait "standing server of service $1: $2"
}
served real
refused link "$RV/link is not a socket"
refused file "$RV/file is not a socket"
refused dir "$RV/dir is not a socket"
refused stream "$RV/stream is not a datagram rendezvous"
refused viadir "$RV/viadir/sock belongs to uid $DAEMON, not to nobody or root: refused"
refused rootsvc "$SAF_ROOT/nb/sock belongs to uid $NOBODY, not to root or root: refused"
for f in "$RV/real.log" "$EVIL/sock.log" "$SAF_ROOT/nb/sock.log"; do
	[ "$(grep -c '^code=' "$f")" -eq "$([ "$f" = "$RV/real.log" ] && echo 1 || echo 0)" ] ||
	    fail "connections reached $f: $(cat "$f")"
done

# replaced while its server runs: the listener keeps to the server it
# checked; once that one is gone, the replacement is refused
served swap "$OPEN/s.log"
mv "$OPEN/s.log" "$SAF_ROOT/s-root.log" # root's server writes on there
rm "$OPEN/s"
standing "$OPEN/s" daemon
served swap "$SAF_ROOT/s-root.log"
[ "$(grep -c '^code=swap ' "$SAF_ROOT/s-root.log")" -eq 2 ] ||
    fail "not passed to the server checked: $(cat "$SAF_ROOT/s-root.log")"
stop "$SWAP"
refused swap "$OPEN/s belongs to uid $DAEMON, not to nobody or root: refused"
! grep -q '^code=' "$OPEN/s.log" ||
    fail "a connection reached the replacement: $(cat "$OPEN/s.log")"
# and all the while the good one is served
served real
ls_stop
