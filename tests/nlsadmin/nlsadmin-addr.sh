#!/bin/sh
# -l and -t without sac: reading the address of service 0 or 1, changing
# it in place (flags, id, RPC, modules, command and comment kept; 'd'
# dropped; the file's mode kept; both records in one write), addresses
# in every form, checked for the listener's family, and refused whole.
# Then a standalone listener of the tag: each change reaches it by SIGHUP
# (it logs "Re-reading database") and it serves the new address and the
# new service by NLPS code.
. "$top_srcdir/tests/nlsadmin/lib.sh"
nls_root
SAFDIR=$NLSADMIN_SAFDIR
PROBE=$(real "$SVCPROBE")

"$NLSADMIN" -i tcp 2>/dev/null
# a monitor on IPv6: the address family comes from its transport
"$SACADM" -a -p six -t listen -c "$SAFDIR/listen tcp6" -v 4

# ---- missing records ----
snap
expect 0 "$NLSADMIN" -t 127.0.0.1:23 tcp
ebytes '%s: warning: remote login service not defined\n' "$A0"
bytes ''
expect 0 "$NLSADMIN" -l 127.0.0.1:23 six
ebytes '%s: warning: NLPS service not defined\n' "$A0"
expect 0 "$NLSADMIN" -t - tcp # asking is no error
ebytes ''
bytes ''
expect 0 "$NLSADMIN" -l - tcp # no address yet
bytes '\n'
ebytes ''
unchanged "nothing to change"

# ---- records with everything the original's -l lost ----
{
	printf '# VERSION=4\n'
	printf '# an administrator'"'"'s comment stays\n'
	printf '0:ux:root:reserved:reserved:reserved::100005,1:d:timod:%s/nlps_server#NLPS server\n' "$SAFDIR"
	printf '1::root:reserved:reserved:reserved:\\x00020017000000000000000000000000::c:tirdwr:/usr/sbin/in.telnetd -h#telnet\n'
	printf 'x::nobody:reserved:reserved:reserved:::c::%s#other\n' "$PROBE"
} >"$SAF_ETC/tcp/_pmtab"
chmod 0640 "$SAF_ETC/tcp/_pmtab"
expect 0 "$NLSADMIN" -l 127.0.0.1:2766 tcp
ebytes '%s' "$(nosac tcp)
"
bytes ''
{
	printf '# VERSION=4\n'
	printf '# an administrator'"'"'s comment stays\n'
	printf '0:ux:root:reserved:reserved:reserved:127.0.0.1\\:2766:100005,1::timod:%s/nlps_server#NLPS server\n' "$SAFDIR"
	printf '1::root:reserved:reserved:reserved:\\x00020017000000000000000000000000::c:tirdwr:/usr/sbin/in.telnetd -h#telnet\n'
	printf 'x::nobody:reserved:reserved:reserved:::c::%s#other\n' "$PROBE"
} >"$SAF_ROOT/want"
cmp "$SAF_ROOT/want" "$SAF_ETC/tcp/_pmtab" || fail "-l: the record"
[ "$(stat -c %a "$SAF_ETC/tcp/_pmtab")" = 640 ] || fail "-l: mode"
expect 0 "$NLSADMIN" -l - tcp
bytes '127.0.0.1\\:2766\n'
expect 0 "$NLSADMIN" -t - tcp
bytes '\\x00020017000000000000000000000000\n'
expect 0 "$NLSADMIN" -l - -t - tcp
bytes '127.0.0.1\\:2766\n\\x00020017000000000000000000000000\n'
expect 0 "$NLSADMIN" -z 0 tcp
bytes '0\t127.0.0.1\\:2766\tDISABLED\t100005:1\troot\ttimod\t%s/nlps_server\t# NLPS server\n' \
    "$SAFDIR"

# both at once: one write (one new file), both records changed
ino=$(stat -c %i "$SAF_ETC/tcp/_pmtab")
expect 0 "$NLSADMIN" -t '\x0002001700000000' -l :2766 tcp
ebytes '%s' "$(nosac tcp)
"
expect 0 "$NLSADMIN" -l - -t - tcp
bytes '0.0.0.0\\:2766\n\\x0002001700000000\n'
[ "$(stat -c %i "$SAF_ETC/tcp/_pmtab")" != "$ino" ] || fail "not rewritten"
grep -qF '1::root:reserved:reserved:reserved:\x0002001700000000::c:tirdwr:/usr/sbin/in.telnetd -h#telnet' \
    "$SAF_ETC/tcp/_pmtab" || fail "-t: the record"

# refused: a bad address, another family, one bad of two; nothing written
snap
for bad in junk '[::1]:2766' 1.2.3.4 '1.2.3.4:70000' '\$echo x\$' \
    '\x000A0017000000000000000000000000000000000000000000000001'; do
	expect 5 "$NLSADMIN" -l "$bad" tcp
	case $ERR in
	"$A0: error: Invalid address \"$bad\": "*) ;;
	*) fail "-l '$bad': $ERR" ;;
	esac
done
expect 5 "$NLSADMIN" -l 127.0.0.1:1 -t junk tcp
unchanged "refused addresses"

# IPv6: readable forms are written with every ':' escaped
printf '0::root:reserved:reserved:reserved:::c::%s/nlps_server#NLPS\n' \
    "$SAFDIR" >>"$SAF_ETC/six/_pmtab"
expect 0 "$NLSADMIN" -l '[::1]:2766' six
expect 0 "$NLSADMIN" -l - six
bytes '[\\:\\:1]\\:2766\n'
expect 5 "$NLSADMIN" -l 127.0.0.1:2766 six
expect 0 "$NLSADMIN" -l :2766 six
expect 0 "$NLSADMIN" -l - six
bytes '[\\:\\:]\\:2766\n'

# ---- a standalone listener of the tag hears of every change ----
P1=$(port)
P2=$(port)
printf '# VERSION=4\n0::root:reserved:reserved:reserved:::c::%s/nlps_server#NLPS server\n' \
    "$SAFDIR" >"$SAF_ETC/tcp/_pmtab"
expect 0 "$NLSADMIN" -l "127.0.0.1:$P1" tcp
LS_LOG=$SAF_VAR/tcp/log
ls_start
expect 0 "$NLSADMIN" -a probe -c "$PROBE" -y "a probe" -w nobody tcp
ebytes '%s' "$(nosac tcp)
"
reread_wait 1
nlps_probe probe "$P1"
# a new address: the listener moves there
expect 0 "$NLSADMIN" -l "127.0.0.1:$P2" tcp
reread_wait 2
wait_for "the new address" "$LSCLIENT" -r "NLPS:002:002:probe" 127.0.0.1 "$P2"
nlps_probe probe "$P2"
expect 1 "$LSCLIENT" -r "NLPS:002:002:probe" 127.0.0.1 "$P1"
same "[refused]"
# disabled, enabled, removed
expect 0 "$NLSADMIN" -d probe tcp
reread_wait 3
client -r "NLPS:002:002:probe" 127.0.0.1 "$P2"
same "reply=2:4:NLPS: Request for service code probe denied, service is disabled"
expect 0 "$NLSADMIN" -r probe tcp
reread_wait 4
client -r "NLPS:002:002:probe" 127.0.0.1 "$P2"
same "reply=2:3:NLPS: Request for service code probe denied, unknown service code"
ls_stop
# a listener that is gone is not signalled: the _pid is not locked
expect 0 "$NLSADMIN" -a again -c "$PROBE" -y x -w nobody tcp
[ "$(rereads)" = 4 ] || fail "a stopped listener re-read"
