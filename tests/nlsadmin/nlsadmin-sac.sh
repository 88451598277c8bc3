#!/bin/sh
# nlsadmin with sac running, end to end: -i registers the build tree's
# listener and sac starts it; -l gives service 0 (NLPS) an address; -a
# adds a service, and a client reaches it by its NLPS code through the
# listener sac runs.  Changes are passed on by sac without a word; -l and
# -t together make one re-read; -d, -e, -k, -s and their refusals.
. "$top_srcdir/tests/nlsadmin/lib.sh"
nls_root
P=$(port)
PROBE=$(real "$SVCPROBE")
sac_start 1

# -i: sac is told and starts the listener at once
expect 0 "$NLSADMIN" -i tcp
ebytes ''
bytes ''
log_wait "port monitor <tcp> changed state from <STARTING> to <ENABLED>"
ls_log_wait "Initialization Complete"
grep -qF "Listener port monitor tag: tcp" "$LS_LOG" || fail "tag"
reread_wait 1 # service 0, added once the listener was started
expect 0 "$NLSADMIN" tcp
bytes 'tcp\tACTIVE\n'
expect 0 "$NLSADMIN" -q tcp
bytes ''
expect 0 "$NLSADMIN" -x
bytes 'tcp\tACTIVE\n'
expect 2 "$NLSADMIN" -i tcp
ebytes '%s: error: Listener already initialized\n' "$A0"

# the NLPS address, then a service reached by its code
n=$(rereads)
expect 0 "$NLSADMIN" -l "127.0.0.1:$P" tcp
ebytes ''
reread_wait $((n + 1))
expect 0 "$NLSADMIN" -a code -c "$PROBE" -y "comment" -w nobody tcp
ebytes ''
bytes ''
reread_wait $((n + 2))
nlps_probe code "$P"
expect 0 "$NLSADMIN" -v tcp
bytes '0\t127.0.0.1\\:%s\tENABLED \tNORPC\troot\tNOMODULES\t%s/nlps_server\t# NLPS server
code\tNOADDR\tENABLED \tNORPC\tnobody\tNOMODULES\t%s\t# comment\n' \
    "$P" "$NLSADMIN_SAFDIR" "$PROBE"

# disabled and enabled again
expect 0 "$NLSADMIN" -d code tcp
ebytes ''
reread_wait $((n + 3))
wait_for "the service disabled" sh -c "'$LSCLIENT' -r NLPS:002:002:code 127.0.0.1 $P | grep -q 'reply=2:4:'"
expect 1 "$NLSADMIN" -q -z code tcp
expect 0 "$NLSADMIN" -e code tcp
reread_wait $((n + 4))
expect 0 "$NLSADMIN" -q -z code tcp

# -l and -t together: one table write, one re-read
"$PMADM" -a -p tcp -s 1 -i nobody -m "::c::$PROBE" -v 4 -y login
reread_wait $((n + 5))
P2=$(port)
P3=$(port)
expect 0 "$NLSADMIN" -l "127.0.0.1:$P2" -t "127.0.0.1:$P3" tcp
ebytes ''
reread_wait $((n + 6))
wait_for "the new NLPS address" "$LSCLIENT" -r NLPS:002:002:code 127.0.0.1 "$P2"
sleep 1
[ "$(rereads)" = $((n + 6)) ] || fail "-l -t: $(rereads) re-reads, not $((n + 6))"
client -s "" 127.0.0.1 "$P3"
case $OUT in uid=65534*) ;; *) fail "service 1 on its address: $OUT" ;; esac
expect 1 "$LSCLIENT" -s "" 127.0.0.1 "$P"
same "[refused]"

# -s on a running listener; -k; -k again; -s
expect 2 "$NLSADMIN" -s tcp
ebytes '%s: error: Listener already running\n' "$A0"
expect 0 "$NLSADMIN" -k tcp
ebytes ''
log_wait "<tcp> has stopped"
ls_log_wait "caught SIGTERM (exiting)"
expect 1 "$NLSADMIN" tcp
bytes 'tcp\tINACTIVE\n'
expect 2 "$NLSADMIN" -k tcp
ebytes '%s: error: No listener active on network "tcp"\n' "$A0"
# a change while the listener is down is no error (pmadm said nothing)
expect 0 "$NLSADMIN" -r code tcp
ebytes ''
expect 0 "$NLSADMIN" -s tcp
ebytes ''
bytes ''
wait_for "ACTIVE again" "$NLSADMIN" -q tcp
wait_for "the NLPS address again" "$LSCLIENT" -r NLPS:002:002:code \
    127.0.0.1 "$P2"
client -r "NLPS:002:002:code" 127.0.0.1 "$P2"
same "reply=2:3:NLPS: Request for service code code denied, unknown service code"
expect 0 "$NLSADMIN" -k tcp
ls_log_wait "*** listener terminating!!! ***"
