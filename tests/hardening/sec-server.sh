#!/bin/sh
# What a server gets, when the listener itself runs in hostile
# surroundings: extra supplementary groups, umask 000, descriptors 7 and 8
# open and inheritable, SIGINT, SIGQUIT and SIGUSR2 ignored, and an
# environment with a command substitution in it.  On every path that
# starts a server (its own address, NLPS, an SMB message, the nlps_server
# program, as nobody and as root) the server sees descriptors 0 to 2 only,
# its registered uid, gid and groups and none of the listener's, no
# capabilities (unless it runs as root), no ignored or blocked signal,
# umask 022, a session of its own without a terminal, and exactly the
# listener's environment plus the documented variables, taken as text,
# never run.
. "$top_srcdir/tests/hardening/lib.sh"
hd_root
P0=$(port)
P1=$(port)
P2=$(port)
P3=$(port)
PROBE=$(real "$HDPROBE")
NLPSD=$SAF_ROOT/nlpsd
printf '#!/bin/sh\nexec "%s" "$@"\n' "$NLPS_SERVER" >"$NLPSD"
chmod 0755 "$NLPSD" "$SAF_ROOT"
ls_table \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS" \
    "probe:u:nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE own#own address" \
    "viansps::nobody:reserved:reserved:reserved:::c::$PROBE nlps#through NLPS" \
    "2::nobody:reserved:reserved:reserved:::c::$PROBE smb#MS-NET" \
    "nlpsd::root:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$NLPSD#the program" \
    "rprobe::root:reserved:reserved:reserved:127.0.0.1\\:$P3::c::$PROBE root#as root"

# supplementary groups that neither root nor nobody has
EXTRA=
for g in 4 27 100 20 24 25 29 30 44 46; do
	if ! id -G root | tr ' ' '\n' | grep -qx "$g" &&
	    ! id -G nobody | tr ' ' '\n' | grep -qx "$g"; then
		EXTRA="$EXTRA${EXTRA:+,}$g"
	fi
done
[ -n "$EXTRA" ] || fail "no spare group numbers to give the listener"

(
	umask 000
	exec 7</etc/passwd 8>"$SAF_ROOT/inherited"
	trap '' INT QUIT USR2
	exec env -i PATH=/usr/bin:/bin LANG=C \
	    HOSTILE="\$(touch $SAF_ROOT/pwned)\`touch $SAF_ROOT/pwned\`" \
	    SAF_ETC="$SAF_ETC" SAF_VAR="$SAF_VAR" SAF_UTMPX="$SAF_UTMPX" \
	    SAF_WTMPX="$SAF_WTMPX" \
	    setpriv --groups="$EXTRA" "$LISTEN" tcp
) 2>"$SAF_ROOT/listen.err" &
LS_PID=$!
wait_for "the listener" ls_ready
grep -q "^Groups:.*\b${EXTRA%%,*}\b" "/proc/$LS_PID/status" ||
    fail "the listener did not get the extra groups"
[ "$(awk '/^SigIgn/ { print $2 }' "/proc/$LS_PID/status")" != 0000000000000000 ] ||
    fail "the listener has no ignored signals to pass on"

ZERO=0000000000000000
# The environment: the listener's own (what it was started with, and PMTAG
# it sets) and the documented variables, nothing else.
# (Under valgrind the listener's own variables are the tool's business:
# VALGRIND_*, LD_PRELOAD and LISTEN_SPAWN are left out on both sides.)
tool_vars() {
	if under_valgrind "$LS_PID"; then
		grep -v '^VALGRIND_\|^LD_PRELOAD$\|^LISTEN_SPAWN$'
	else
		cat
	fi
}
ENVNAMES=$({
	tr '\0' '\n' <"/proc/$LS_PID/environ" | sed 's/=.*//'
	printf '%s\n' PMTAG HOME LOGNAME USER PATH MPREFIX NLSADDR NLSOPT \
	    NLSPROVIDER NLSUDATA
} | tool_vars | LC_ALL=C sort -u | tr '\n' ' ')
case " $ENVNAMES" in
*" HOSTILE "*) ;;
*) fail "the listener's environment: $ENVNAMES" ;;
esac

# No signal ignored, but 32 and 33, which glibc keeps for itself and does
# not let a program change (the harness may start us with them ignored).
sig_clean() { # sig_clean HEX
	[ $((0x$1 & ~0x180000000)) -eq 0 ]
}

# check_server WHAT USER: the probe's report in $OUT
check_server() {
	what=$1
	user=$2
	uid=$(id -u "$user")
	gid=$(id -g "$user")
	has() {
		echo "$OUT" | grep -qx -- "$1" || fail "$what: no \"$1\" in: $OUT"
	}
	has "uid=$uid euid=$uid gid=$gid egid=$gid"
	got=$(echo "$OUT" | sed -n 's/^groups=//p' | tr ',' '\n' | sort -n | tr '\n' ' ')
	want=$(id -G "$user" | tr ' ' '\n' | sort -n | tr '\n' ' ')
	[ "$got" = "$want" ] || fail "$what: groups $got, not $user's $want"
	if [ "$uid" -ne 0 ]; then
		has "CapInh=$ZERO"
		has "CapPrm=$ZERO"
		has "CapEff=$ZERO"
	fi
	has "CapAmb=$ZERO"
	sig_clean "$(echo "$OUT" | sed -n 's/^SigIgn=//p')" ||
	    fail "$what: signals ignored: $OUT"
	has "SigBlk=$ZERO"
	has "umask=022"
	has "fds=0 1 2 "
	has "session=leader"
	has "tty=none"
	names=$(echo "$OUT" | sed -n 's/^env:\([^=]*\)=.*/\1/p' | tool_vars |
	    LC_ALL=C sort | tr '\n' ' ')
	[ "$names" = "$ENVNAMES" ] ||
	    fail "$what: environment $names, not $ENVNAMES"
	has "env:HOSTILE=\$(touch $SAF_ROOT/pwned)\`touch $SAF_ROOT/pwned\`"
	has "env:LANG=C"
	has "env:LOGNAME=$user"
	has "env:USER=$user"
	has "env:NLSPROVIDER=tcp"
	[ ! -e "$SAF_ROOT/pwned" ] || fail "$what: the environment was run"
}

# its own address, as nobody (with a utmpx record)
client -s "" 127.0.0.1 "$P1"
check_server "own address" nobody
echo "$OUT" | grep -qx "cwd=/" || fail "cwd: $OUT"
echo "$OUT" | grep -qx "env:PATH=/usr/local/bin:/usr/bin:/bin" ||
    fail "PATH: $OUT"
echo "$OUT" | grep -qx "arg1=own" || fail "arguments: $OUT"

# through NLPS, read by the listener
client -r "NLPS:002:002:viansps" 127.0.0.1 "$P0"
check_server "NLPS" nobody
echo "$OUT" | grep -qx "arg1=nlps" || fail "arguments: $OUT"

# an SMB negotiate message, to service 2
smb="ff534d4272000000000000000000000000000000000000000000000000000000"
smb=${smb}001500024e542031204c4d20302e313200024c4d312e3200
client -x "$smb" 127.0.0.1 "$P0"
check_server "SMB" nobody
echo "$OUT" | grep -qx "arg1=-DNT 1 LM 0.12" || fail "SMB arguments: $OUT"

# nlps_server, the program, becoming the service
client -r "NLPS:002:002:viansps" 127.0.0.1 "$P2"
check_server "nlps_server" nobody

# as root: root's own groups, not the listener's
client -s "" 127.0.0.1 "$P3"
check_server "root service" root
echo "$OUT" | grep -qx "env:PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" ||
    fail "root's PATH: $OUT"
ls_stop
