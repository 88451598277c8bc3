#!/bin/sh
# Table writers one at a time: parallel sacadm -a all land and the table
# stays whole; a writer that cannot get the lock gives "tempfile busy";
# a write that fails (file size limit) leaves the old table as it was and
# no temporary file behind.
. "$top_srcdir/tests/saf/lib.sh"
saf_root
: >"$SAF_VAR/_log"
# an administrator's comment that makes the table larger than 512 bytes
printf '# %0600d\n' 0 >>"$SAF_ETC/_sactab"

# eight writers at once
pids=
for i in 1 2 3 4 5 6 7 8; do
	"$SACADM" -a -p "pm$i" -t t -c /bin/true -v 1 -y "number $i" \
	    >"$SAF_ROOT/out$i" 2>&1 &
	pids="$pids $!"
done
for p in $pids; do
	wait "$p" || fail "a parallel sacadm -a failed: $(cat "$SAF_ROOT"/out*)"
done
[ "$(grep -c '^pm[1-8]:t::0:/bin/true	#number [1-8]$' "$SAF_ETC/_sactab")" = 8 ] ||
    fail "not all eight lines: $(cat "$SAF_ETC/_sactab")"
[ "$(wc -l <"$SAF_ETC/_sactab")" = 10 ] || fail "extra lines"
expect 0 "$SACADM" -L -t t
[ "$(printf '%s\n' "$OUT" | wc -l)" = 8 ] || fail "listing: $OUT"

# the lock held by someone else: wait a little, then give up
flock "$SAF_ETC/.saflock" sleep 6 &
holder=$!
wait_for "the lock taken" sh -c "! flock -n '$SAF_ETC/.saflock' true"
cp "$SAF_ETC/_sactab" "$SAF_ROOT/sactab.before"
start=$(date +%s)
expect 3 "$SACADM" -r -p pm1
ebytes 'tempfile busy; try again later\n'
[ $(($(date +%s) - start)) -ge 2 ] || fail "did not wait for the lock"
cmp -s "$SAF_ROOT/sactab.before" "$SAF_ETC/_sactab" || fail "busy: changed"
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
# readers need no lock
flock "$SAF_ETC/.saflock" sleep 6 &
holder=$!
wait_for "the lock taken" sh -c "! flock -n '$SAF_ETC/.saflock' true"
expect 0 "$SACADM" -L -p pm1
bytes 'pm1:t::0:NO_SAC:/bin/true#number 1\n'
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true

# a failing write: files may not grow past 512 bytes, _sactab is larger
[ "$(wc -c <"$SAF_ETC/_sactab")" -gt 512 ] || fail "_sactab too small"
limited() { (trap '' XFSZ; ulimit -f 1; exec "$@"); }
expect 4 limited "$SACADM" -r -p pm1
case $ERR in
"error in writing tempfile: "*"$SAF_ETC/_sactab"*) ;;
*) fail "write error: $ERR" ;;
esac
cmp -s "$SAF_ROOT/sactab.before" "$SAF_ETC/_sactab" || fail "-r: changed"
expect 4 limited "$SACADM" -a -p pm9 -t t -c /bin/true -v 1
case $ERR in "error in writing tempfile: "*) ;; *) fail "-a: $ERR" ;; esac
cmp -s "$SAF_ROOT/sactab.before" "$SAF_ETC/_sactab" || fail "-a: changed"
[ ! -e "$SAF_ETC/pm9" ] && [ ! -e "$SAF_VAR/pm9" ] || fail "-a: pm9 left"
ls -A "$SAF_ETC" | grep -q '^\._sactab' && fail "temporary file left"
exit 0
