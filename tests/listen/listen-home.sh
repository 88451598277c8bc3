#!/bin/sh
# A server whose user's home directory exists but cannot be entered by
# that user (here: it lies under the test's root, which only root may
# search) runs in /, and the listener logs why, in the same words on both
# start paths: with fork (a service with a script) and without.  The
# user is made for the test and removed after it.
. "$top_srcdir/tests/listen/lib.sh"
needs_root useradd userdel
ls_root
U=lshome$$
HOMEDIR=$SAF_ROOT/home
home_cleanup() {
	status=$?
	userdel "$U" 2>/dev/null || true
	ls_cleanup "$status"
}
trap home_cleanup EXIT
useradd -M -N -d "$HOMEDIR" -s /usr/sbin/nologin "$U" ||
    fail "cannot make the test's user $U"
mkdir "$HOMEDIR"
chown "$U" "$HOMEDIR"
chmod 0700 "$SAF_ROOT"
P1=$(port)
P2=$(port)
PROBE=$(real "$SVCPROBE")
ls_table \
    "hclone::$U:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#without fork" \
    "hfork::$U:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#with fork"
: >"$SAF_ETC/tcp/hfork"
ls_start
ls_log_has "home directory" && fail "home reported missing: $(cat "$LS_LOG")"
uid=$(id -u "$U")
for p in "$P1" "$P2"; do
	client 127.0.0.1 "$p"
	echo "$OUT" | grep -q "^uid=$uid " || fail "identity ($p): $OUT"
	echo "$OUT" | grep -qx "cwd=/" || fail "cwd ($p): $OUT"
done
wait_for "two chdir failures logged" eval \
    '[ "$(grep -c "Cannot chdir to $HOMEDIR: Permission denied; using /" "$LS_LOG")" -eq 2 ]'
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "exit $LS_STATUS"
