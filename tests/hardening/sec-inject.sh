#!/bin/sh
# What callers send never becomes a log line, a format, a command or a
# path: NLPS service codes with format directives, control characters,
# shell syntax or "../" are refused as unknown codes, echoed as sent to the
# caller and logged as text (control characters as '?'), in one line;
# no service script is found through them, here or in nlps_server; SMB
# dialects reach the server as arguments, malformed dialect lists and
# short NetBIOS headers are refused at once; a table's command is split
# into arguments, never given to a shell; an address cannot run a command;
# sac's log takes a tag from a command as text.  Every line of the logs stays a whole log line.
. "$top_srcdir/tests/hardening/lib.sh"
hd_root
P0=$(port)
P1=$(port)
P2=$(port)
PROBE=$(real "$HDPROBE")
PWNED=$SAF_ROOT/pwned
NLPSD=$SAF_ROOT/nlpsd
printf '#!/bin/sh\nexec "%s" "$@"\n' "$NLPS_SERVER" >"$NLPSD"
chmod 0755 "$NLPSD" "$SAF_ROOT"
ls_table \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS %n%s" \
    "echo::nobody:reserved:reserved:reserved:::c::$PROBE#echo" \
    "2::nobody:reserved:reserved:reserved:::c::$PROBE smb#MS-NET" \
    "meta::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE '\$(touch $PWNED)' ';' touch $PWNED '\`id\`' '%n%s%x' '\"\"'#%n%s" \
    "nlpsd::root:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$NLPSD#the program"
# scripts where a code walking out of the directory would find them
for f in "$SAF_ROOT/x" "$SAF_ETC/x" "$SAF_ETC/tcp/x"; do
	printf 'runwait touch %s\n' "$PWNED" >"$f"
done
# ("x" is not a service: its script is never run either)
LISTEN_REQUEST_TIMEOUT=30
export LISTEN_REQUEST_TIMEOUT
ls_start

hex() { # the bytes of a string in hex
	printf '%s' "$1" | od -An -tx1 | tr -d ' \n'
}
unhex() { # the bytes of hex
	for b in $(echo "$1" | sed 's/../& /g'); do
		printf "\\$(printf '%03o' $((0x$b)))"
	done
}
# refused CODE-HEX LOGGED: an NLPS request for the code (given in hex) is
# answered "unknown", with the code as sent, and logged as LOGGED
refused() {
	lines=$(pm_log_lines)
	client -x "$(hex "NLPS:002:002:")${1}00" 127.0.0.1 "$P0"
	want="2:3:NLPS: Request for service code $(unhex "$1") denied, unknown service code"
	[ "$OUT" = "$want" ] || fail "reply for code $1: $OUT"
	ls_log_wait "NLPS: Request for service code $2 denied, unknown service code"
	[ "$(pm_log_lines)" -eq $((lines + 1)) ] ||
	    fail "code $2 made $(($(pm_log_lines) - lines)) log lines"
}
# format directives
refused "$(hex '%n%n%s%s%x%p%999999d')" "%n%n%s%s%x%p%999999d"
# control characters: escape sequences, a bell, a carriage-return look-alike
refused "1b5b324a07411c46414b45" "?[2J?A?FAKE"
refused "$(hex 'x')7f$(hex 'y')" "x?y"
# shell syntax
refused "$(hex '$(touch${IFS}'"$PWNED"')')" "\$(touch\${IFS}$PWNED)"
refused "$(hex '`touch${IFS}'"$PWNED"'`;reboot;|id&')" "\`touch\${IFS}$PWNED\`;reboot;|id&"
# paths out of the service directory
refused "$(hex '../../x')" "../../x"
refused "$(hex '../x')" "../x"
refused "$(hex '/etc/passwd')" "/etc/passwd"
refused "$(hex 'tcp/../../x')" "tcp/../../x"
# a newline ends the code: what follows is no log line of its own
lines=$(pm_log_lines)
client -x "$(hex "NLPS:002:002:x")0a$(hex '01/01/70 00:00:00; 1; FAKE line')00" \
    127.0.0.1 "$P0"
same "2:3:NLPS: Request for service code x denied, unknown service code"
ls_log_wait "code x denied"
! grep -q "FAKE line" "$LS_LOG" || fail "a line was injected"
# the nlps_server program looks codes up the same way
client -r "NLPS:002:002:../../x" 127.0.0.1 "$P2"
same "reply=2:3:NLPS: Request for service code ../../x denied, unknown service code"
[ ! -e "$PWNED" ] || fail "a script was run through a service code"

# SMB: dialects are arguments, never text for a shell or a log
smbmsg() { # smbmsg DIALECTS-HEX: a negotiate message carrying them
	n=$(($(printf '%s' "$1" | wc -c) / 2))
	printf 'ff534d4272%054d00%02x%02x%s' 0 $((n % 256)) $((n / 256)) "$1"
}
client -x "$(smbmsg "02$(hex '%n%s;id')0002$(hex '$(touch '"$PWNED"')')00")" \
    127.0.0.1 "$P0"
echo "$OUT" | grep -qx "arg1=-D%n%s;id" || fail "SMB dialect 1: $OUT"
echo "$OUT" | grep -qx "arg2=-D\$(touch $PWNED)" || fail "SMB dialect 2: $OUT"
# a dialect list whose counts agree but whose strings do not
client -x "$(smbmsg "02$(hex A)00$(hex B)02$(hex C)00")" 127.0.0.1 "$P0"
case $OUT in *uid=*) fail "a malformed dialect list started the server" ;; esac
ls_log_wait "SMB parser:: Bad Data Format, twos=2, nulls=2"
# a NetBIOS header of length 0: refused at once, not held until the
# request timeout (30 s here) while the loop spins on it
client -x "00000000ff534d4200" 127.0.0.1 "$P0"
ls_log_wait "NLPS: Unknown service request (ignored)"
! ls_log_has "Timed out trying to rcv message" ||
    fail "the short NetBIOS header was held"
[ "$(ls_status requests)" = 0 ] || wait_for "no request held" status_is requests 0

# a table's command: arguments, not a shell command line
client -s "" 127.0.0.1 "$P1"
for a in "arg1=\$(touch $PWNED)" "arg2=;" "arg3=touch" "arg4=$PWNED" \
    "arg5=\`id\`" "arg6=%n%s%x" 'arg7=""'; do
	echo "$OUT" | grep -qxF -- "$a" || fail "argument $a: $OUT"
done
[ ! -e "$PWNED" ] || fail "a command line was given to a shell"
ls_stop
log_well_formed "$LS_LOG" || fail "the listener's log has lines that are not its own"

# an address may not run a command (SVR4 ran \$cmd\$ and \!cmd\! with
# popen, as root): the table is refused, nothing is run
for a in "\\\$touch $PWNED\\\$" "\\!touch $PWNED\\!" \
    "127.0.0.1\\:\\\$(touch $PWNED)"; do
	ls_table "bad::nobody:reserved:reserved:reserved:$a::c::$PROBE#bad"
	: >"$LS_LOG"
	expect 71 "$LISTEN" tcp
	grep -q "command substitution is not supported" "$LS_LOG" ||
	    fail "address $a: $(cat "$LS_LOG")"
done
[ ! -e "$PWNED" ] || fail "an address ran a command"

# sac: a tag in a command from a client is text in its log
sac_start "$(pm_interval)"
expect 0 "$ADMPROBE" cmd 9 "$(printf 'A\nFAKE%%n%%s')"
same "ack=4 size=0 pid=ours"
log_wait "Got unknown message for <A?FAKE%n%s>"
if grep -v '^[A-Z][a-z][a-z] [A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]\{8\} [0-9]\{4\}; [0-9]*; ' \
    "$SAF_VAR/_log"; then
	fail "sac's log has lines that are not its own"
fi
