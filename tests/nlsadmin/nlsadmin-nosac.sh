#!/bin/sh
# nlsadmin without sac: every form against the tables.  Changes succeed
# (exit 0) with the warning that the monitor was not told; reports read
# sacadm's NO_SAC state; unknown and non-listen monitors are refused (7);
# refused commands change nothing on disk; -l and -t change a record in
# place and keep everything but its address.
. "$top_srcdir/tests/nlsadmin/lib.sh"
nls_root
SAFDIR=$NLSADMIN_SAFDIR

# ---- monitors that are not there, or not listeners ----
"$SACADM" -a -p tty -t ttymon -c /bin/true -v 1
snap
for form in "" "-q" "-v" "-z 0" "-q -z 0" "-a a -c /bin/true -y x" \
    "-r 0" "-e 0" "-d 0" "-s" "-k" "-l -" "-t 1.2.3.4:5"; do
	# shellcheck disable=SC2086
	expect 7 "$NLSADMIN" $form tcp
	ebytes '%s: error: Invalid network specification\n' "$A0"
	bytes ''
	# shellcheck disable=SC2086
	expect 7 "$NLSADMIN" $form -N tty
	ebytes '%s: error: Network specification "tty" is not of type listen\n' "$A0"
	bytes ''
done
unchanged "refused netspecs"
expect 0 "$NLSADMIN" -x # no listener at all: nothing to say
bytes ''
ebytes ''

# ---- -i: the monitor and service 0 ----
expect 0 "$NLSADMIN" -i tcp
ebytes '%s' "$(nosac tcp)
"
bytes ''
printf '# VERSION=1\ntty:ttymon::0:/bin/true\t# \ntcp:listen::0:%s/listen tcp\t# \n' \
    "$SAFDIR" | cmp - "$SAF_ETC/_sactab" || fail "-i: _sactab"
printf '# VERSION=4\n0::root:reserved:reserved:reserved:::c::%s/nlps_server#NLPS server\n' \
    "$SAFDIR" | cmp - "$SAF_ETC/tcp/_pmtab" || fail "-i: _pmtab"
[ -p "$SAF_ETC/tcp/_pmpipe" ] && [ -f "$SAF_ETC/tcp/_pid" ] &&
    [ -d "$SAF_VAR/tcp" ] || fail "-i: the monitor's files"
snap
expect 2 "$NLSADMIN" -i tcp
ebytes '%s: error: Listener already initialized\n' "$A0"
expect 2 "$NLSADMIN" -i -N tty
ebytes '%s: error: Listener already initialized\n' "$A0"
unchanged "-i twice"
# starlan's listener is told its device stem
expect 0 "$NLSADMIN" -i starlan
grep -qF "starlan:listen::0:$SAFDIR/listen -m slan starlan	# " \
    "$SAF_ETC/_sactab" || fail "starlan"

# ---- reports: NO_SAC is inactive ----
expect 1 "$NLSADMIN" tcp
bytes 'tcp\tINACTIVE\n'
ebytes ''
expect 1 "$NLSADMIN" -N tcp
bytes 'tcp\tINACTIVE\n'
expect 1 "$NLSADMIN" -q tcp
bytes ''
ebytes ''
expect 0 "$NLSADMIN" -x
bytes 'tcp\tINACTIVE\nstarlan\tINACTIVE\n'
expect 0 "$NLSADMIN" -v tcp
bytes '0\tNOADDR\tENABLED \tNORPC\troot\tNOMODULES\t%s/nlps_server\t# NLPS server\n' \
    "$SAFDIR"

# ---- -a ----
snap
expect 5 "$NLSADMIN" -a abc -c bin/cat -y x tcp
ebytes '%s: error: Must specify full path name\n' "$A0"
unchanged "-a, relative command"
expect 0 "$NLSADMIN" -a abcdefghijklm -c "/bin/cat -u" -y "a cat" tcp
ebytes '%s' "$(nosac tcp)
"
# words pass as they are: nothing here reaches a shell
expect 0 "$NLSADMIN" -a lp -c "/no/such/lpsched -x" \
    -y "it's \"quoted\"; \$(touch $SAF_ROOT/owned) \`id\`" -p timod -w nobody tcp
ebytes '%s: warning: /no/such/lpsched does not exist\n%s' "$A0" "$(nosac tcp)
"
[ ! -e "$SAF_ROOT/owned" ] || fail "a shell ran the comment"
printf '# VERSION=4
0::root:reserved:reserved:reserved:::c::%s/nlps_server#NLPS server
abcdefghijklm::listen:reserved:reserved:reserved:::c::/bin/cat -u#a cat
lp::nobody:reserved:reserved:reserved:::c:timod:/no/such/lpsched -x#%s
' "$SAFDIR" "it's \"quoted\"; \$(touch $SAF_ROOT/owned) \`id\`" |
    cmp - "$SAF_ETC/tcp/_pmtab" || fail "-a: _pmtab"
snap
expect 4 "$NLSADMIN" -a lp -c /bin/cat -y dup tcp
ebytes '%s: error: Service code already exists\n' "$A0"
expect 6 "$NLSADMIN" -a 'a-b' -c /bin/cat -y x tcp # pmadm: not alphanumeric
ebytes '%s: error: Could not add service\n%s: error: System error in SAC command\n' \
    "$A0" "$A0"
expect 5 "$NLSADMIN" -a ab -c '/bin/cat #x' -y x tcp
case $ERR in "$A0: error: Invalid listener entry: "*) ;; *) fail "#: $ERR" ;; esac
unchanged "refused -a"

# ---- -v, -z, -q -z, -e, -d, -r ----
expect 0 "$NLSADMIN" -v tcp
bytes '0\tNOADDR\tENABLED \tNORPC\troot\tNOMODULES\t%s/nlps_server\t# NLPS server
abcdefghijklm\tNOADDR\tENABLED \tNORPC\tlisten\tNOMODULES\t/bin/cat -u\t# a cat
lp\tNOADDR\tENABLED \tNORPC\tnobody\ttimod\t/no/such/lpsched -x\t# %s\n' \
    "$SAFDIR" "it's \"quoted\"; \$(touch $SAF_ROOT/owned) \`id\`"
expect 0 "$NLSADMIN" -z abcdefghijklm tcp
bytes 'abcdefghijklm\tNOADDR\tENABLED \tNORPC\tlisten\tNOMODULES\t/bin/cat -u\t# a cat\n'
expect 0 "$NLSADMIN" -q -z abcdefghijklm tcp
bytes ''
expect 0 "$NLSADMIN" -d abcdefghijklm tcp
ebytes '%s' "$(nosac tcp)
"
grep -q '^abcdefghijklm:x:listen:' "$SAF_ETC/tcp/_pmtab" || fail "-d: no x"
expect 1 "$NLSADMIN" -q -z abcdefghijklm tcp
bytes ''
ebytes ''
expect 0 "$NLSADMIN" -z abcdefghijklm tcp
bytes 'abcdefghijklm\tNOADDR\tDISABLED\tNORPC\tlisten\tNOMODULES\t/bin/cat -u\t# a cat\n'
expect 0 "$NLSADMIN" -e abcdefghijklm tcp
grep -q '^abcdefghijklm::listen:' "$SAF_ETC/tcp/_pmtab" || fail "-e: x"
expect 0 "$NLSADMIN" -r abcdefghijklm tcp
ebytes '%s' "$(nosac tcp)
"
! grep -q '^abcdefghijklm:' "$SAF_ETC/tcp/_pmtab" || fail "-r: still there"
snap
expect 4 "$NLSADMIN" -z nosuch tcp
ebytes '%s: error: Service "nosuch" unknown\n' "$A0"
bytes ''
expect 4 "$NLSADMIN" -q -z nosuch tcp
ebytes ''
expect 4 "$NLSADMIN" -z 'a-b' tcp # a code pmadm refuses is unknown too
ebytes '%s: error: Service "a-b" unknown\n' "$A0"
for op in -r -e -d; do
	expect 4 "$NLSADMIN" $op nosuch tcp
	ebytes '%s: error: Non-existent service.\n' "$A0"
done
unchanged "refused service commands"
# a record whose listener part nlsadmin cannot read is skipped by -v
printf 'bad::root:reserved:reserved:reserved:only:three:fields#x\n' \
    >>"$SAF_ETC/tcp/_pmtab"
expect 0 "$NLSADMIN" -v tcp
ebytes '%s: warning: Entry for code "bad" has incorrect format\n' "$A0"
case $OUT in *bad*) fail "-v showed the bad record" ;; esac
expect 0 "$NLSADMIN" -r bad tcp
snap

# ---- -s, -k: commands for sac ----
expect 6 "$NLSADMIN" -s tcp
ebytes '%s: error: System error in SAC command\n' "$A0"
expect 6 "$NLSADMIN" -k tcp
ebytes '%s: error: System error in SAC command\n' "$A0"
unchanged "-s, -k without sac"

# reports need no privilege; changes need root
NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups"
chmod 0755 "$SAF_ROOT"
expect 1 $NOBODY "$NLSADMIN" tcp
bytes 'tcp\tINACTIVE\n'
expect 0 $NOBODY "$NLSADMIN" -x
bytes 'tcp\tINACTIVE\nstarlan\tINACTIVE\n'
expect 0 $NOBODY "$NLSADMIN" -z 0 tcp
bytes '0\tNOADDR\tENABLED \tNORPC\troot\tNOMODULES\t%s/nlps_server\t# NLPS server\n' \
    "$SAFDIR"
expect 0 $NOBODY "$NLSADMIN" -l - tcp
bytes '\n'
expect 3 $NOBODY "$NLSADMIN" -l 127.0.0.1:2766 tcp
ebytes '%s: error: Must be super user\n' "$A0"
unchanged "reports as nobody"
