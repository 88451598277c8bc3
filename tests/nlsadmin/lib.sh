# lib.sh - sourced by nlsadmin's integration tests (sh): the listener's and
# SAF's test libraries, and nlsadmin pointed at the build tree.
#
#   nls_root              a SAF root (and the listener's), sac not running;
#                         listeners started there are stopped at the end
#   A0                    argv[0] as nlsadmin sees it (libtool may run it
#                         under another path): the prefix of its messages
#   nosac TAG             the warning of a change sac was not told about
#   snap / unchanged      copy every table, then check they are the same
#   rereads, reread_wait N  how many times the listener began to re-read
#                         its table; wait until it has done so N times
#   nlps_probe CODE PORT  an NLPS request for CODE reaches svcprobe, run
#                         as nobody
. "$top_srcdir/tests/listen/lib.sh"

NLSADMIN=$top_builddir/nlsadmin/nlsadmin
# the programs nlsadmin runs: the build tree's, not the installed ones
NLSADMIN_SACADM=$SACADM
NLSADMIN_PMADM=$PMADM
NLSADMIN_SAFDIR=$top_builddir/listen
export NLSADMIN_SACADM NLSADMIN_PMADM NLSADMIN_SAFDIR

# The EXIT trap: listeners sac started for this root (they carry its
# SAF_ETC in their environment) go too, then what ls_cleanup stops.
nls_cleanup() {
	status=$?
	set +e # a failing step here must not end the clean-up
	saf_kill_monitors TERM
	ls_cleanup "$status"
}

nls_root() {
	ls_root
	trap nls_cleanup EXIT
	rmdir "$SAF_ETC/tcp" "$SAF_VAR/tcp"
	: >"$SAF_VAR/_log" # sac has run once: sacadm can tell it is down
	set +e
	"$NLSADMIN" >/dev/null 2>"$SAF_ROOT/err"
	set -e
	A0=$(sed -n '1s/^usage: \(.*\) -x$/\1/p' "$SAF_ROOT/err")
	case $A0 in *nlsadmin) ;; *) fail "argv[0] is '$A0'" ;; esac
}

nosac() {
	printf '%s: warning: sac is not running: port monitor "%s" was not notified\n' \
	    "$A0" "$1"
}

# The files under SAF_ETC (names, types, modes, inodes: a rewrite with
# the same bytes is a change too) and the bytes of the
# regular ones; the lock file sacadm, pmadm and nlsadmin share is no
# change.
etc_state() {
	(cd "$SAF_ETC" && find . ! -name .saflock -printf '%p %y %m %i\n' | sort &&
	    find . -type f ! -name .saflock -exec sha256sum {} + | sort)
}

snap() {
	etc_state >"$SAF_ROOT/snap"
}

unchanged() {
	etc_state | diff "$SAF_ROOT/snap" - >&2 || fail "tables changed: $*"
}

rereads() {
	grep -c 'Re-reading database' "$LS_LOG" || true
}

# N re-reads begun ("Re-reading database") and done with the new table
reread_ok() {
	[ "$(rereads)" -ge "$1" ] &&
	    [ "$(grep -c 'Re-read complete' "$LS_LOG" || true)" -ge "$1" ]
}

reread_wait() {
	wait_for "re-read $1" reread_ok "$1"
}

nlps_probe() {
	client -r "NLPS:002:002:$1" 127.0.0.1 "$2"
	case $OUT in
	"reply=2:0:NLPS ($1) exec: $(real "$SVCPROBE")
uid=65534 "*) ;;
	*) fail "NLPS to $1 on port $2: $OUT" ;;
	esac
}
