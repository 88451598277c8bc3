#!/bin/sh
# pmadm without sac: -a, -r, -e, -d change _pmtab byte for byte and exit
# 10 with the two warnings (the table changed, the monitor was not told);
# listings in reverse _sactab order; -t over several monitors; -g; every
# refusal.
. "$top_srcdir/tests/saf/lib.sh"
saf_root
: >"$SAF_VAR/_log"

nosac() { # the warnings of a change sac was not told about
	printf 'warning - could not notify <%s> about modified table\ntry executing the command "sacadm -x -p %s"\n' \
	    "$1" "$1"
}
"$SACADM" -a -p lsn -t listen -c /bin/true -v 4
"$SACADM" -a -p tty -t ttymon -c /bin/true -v 1
"$SACADM" -a -p lsn2 -t listen -c /bin/true -v 4

expect 10 "$PMADM" -a -p lsn -s 0 -i root -m '::c::/usr/lib/saf/nlps_server' \
    -v 4 -y 'NLPS server'
ebytes '%s' "$(nosac lsn)
"
bytes ''
printf '# VERSION=4\n0::root:reserved:reserved:reserved:::c::/usr/lib/saf/nlps_server#NLPS server\n' |
    cmp - "$SAF_ETC/lsn/_pmtab" || fail "lsn _pmtab"
expect 6 "$PMADM" -a -p lsn -s 0 -i root -m x -v 4
ebytes 'Invalid request, 0 already exists under lsn\n'
expect 3 "$PMADM" -a -p lsn -s 1 -i root -m x -v 3
ebytes '%s/lsn/_pmtab version number is incorrect\n' "$SAF_ETC"
expect 5 "$PMADM" -a -p nosuch -s 1 -i root -m x -v 3
ebytes 'Invalid request, nosuch does not exist\n'
expect 5 "$PMADM" -a -t nosuch -s 1 -i root -m x -v 3
ebytes 'Invalid request, nosuch does not exist\n'
# values the table cannot hold as given (SVR4 wrote them and read back
# something else)
cp "$SAF_ETC/lsn/_pmtab" "$SAF_ROOT/pmtab.before"
expect 1 "$PMADM" -a -p lsn -s 1 -i root -m 'a#b' -v 4
case $ERR in "Invalid request, "*pmspecific*) ;; *) fail "#: $ERR" ;; esac
expect 1 "$PMADM" -a -p lsn -s 1 -i 'ro:ot' -m x -v 4
case $ERR in "Invalid request, "*id*) ;; *) fail "id: $ERR" ;; esac
cmp -s "$SAF_ROOT/pmtab.before" "$SAF_ETC/lsn/_pmtab" || fail "refused: changed"

# -t: every monitor of the type, last in _sactab first; one that has the
# service already is skipped with a warning
expect 10 "$PMADM" -a -t listen -s 0 -i listen -m 'x' -v 4
ebytes '%s\nwarning - 0 already exists under lsn - ignoring\n' "$(nosac lsn2)"
printf '# VERSION=4\n0::listen:reserved:reserved:reserved:x# \n' |
    cmp - "$SAF_ETC/lsn2/_pmtab" || fail "lsn2 _pmtab"
expect 3 "$PMADM" -a -t listen -s 0 -i listen -m 'x' -v 4
ebytes 'warning - 0 already exists under lsn2 - ignoring
warning - 0 already exists under lsn - ignoring
No services added\n'

# -f and -z: the script is installed mode 0644
printf 'assign TERM=vt100\n' >"$SAF_ROOT/ttya"
chmod 0600 "$SAF_ROOT/ttya"
spec='/dev/term/a:I::/usr/bin/login::9600:ldterm,ttcompat:ttya login\: :::'
expect 10 "$PMADM" -a -p tty -s ttya -i root -m "$spec" -v 1 -f xu \
    -z "$SAF_ROOT/ttya"
cmp "$SAF_ROOT/ttya" "$SAF_ETC/tty/ttya" || fail "script differs"
[ "$(stat -c %a "$SAF_ETC/tty/ttya")" = 644 ] || fail "script mode"
expect 10 "$PMADM" -a -p tty -s ttyb -i root -m "/dev/term/b:I:::" -v 1
# lines written by hand: their text stays as it is unless changed
printf 'hand:u:root:reserved:reserved:reserved:spec   #made by hand\nbig:X:root:reserved:reserved:reserved:a\n' \
    >>"$SAF_ETC/tty/_pmtab"
printf '# VERSION=1\nttya:ux:root:reserved:reserved:reserved:%s# \nttyb::root:reserved:reserved:reserved:/dev/term/b:I:::# \nhand:u:root:reserved:reserved:reserved:spec   #made by hand\nbig:X:root:reserved:reserved:reserved:a\n' \
    "$spec" >"$SAF_ROOT/tty.want"
cmp "$SAF_ROOT/tty.want" "$SAF_ETC/tty/_pmtab" || fail "tty _pmtab"

# listings: monitors in reverse _sactab order, services in file order
expect 0 "$PMADM" -L
bytes 'lsn2:listen:0::listen:reserved:reserved:reserved:x# 
tty:ttymon:ttya:ux:root:reserved:reserved:reserved:%s# 
tty:ttymon:ttyb::root:reserved:reserved:reserved:/dev/term/b:I:::# 
tty:ttymon:hand:u:root:reserved:reserved:reserved:spec#made by hand
tty:ttymon:big:x:root:reserved:reserved:reserved:a#
lsn:listen:0::root:reserved:reserved:reserved:::c::/usr/lib/saf/nlps_server#NLPS server
' "$spec"
ebytes ''
expect 0 "$PMADM" -l -t listen
bytes 'PMTAG          PMTYPE         SVCTAG         FLGS ID       <PMSPECIFIC>
lsn2           listen         0              -    listen   x # 
lsn            listen         0              -    root     - - c - /usr/lib/saf/nlps_server #NLPS server
'
expect 0 "$PMADM" -l -p tty
bytes 'PMTAG          PMTYPE         SVCTAG         FLGS ID       <PMSPECIFIC>
tty            ttymon         ttya           ux   root     /dev/term/a I - /usr/bin/login - 9600 ldterm,ttcompat ttya login:  - -  # 
tty            ttymon         ttyb           -    root     /dev/term/b I - -  # 
tty            ttymon         hand           u    root     spec #made by hand
tty            ttymon         big            x    root     a #
'
expect 0 "$PMADM" -L -s 0
bytes 'lsn2:listen:0::listen:reserved:reserved:reserved:x# \nlsn:listen:0::root:reserved:reserved:reserved:::c::/usr/lib/saf/nlps_server#NLPS server\n'
expect 0 "$PMADM" -l -p tty -s ttyb
bytes 'PMTAG          PMTYPE         SVCTAG         FLGS ID       <PMSPECIFIC>
tty            ttymon         ttyb           -    root     /dev/term/b I - -  # 
'
expect 5 "$PMADM" -l -p lsn -s ttyb
ebytes 'Service <ttyb> does not exist\n'
bytes ''
expect 5 "$PMADM" -L -p nosuch
ebytes 'Invalid request, nosuch does not exist\n'

# -d and -e edit the flags only; the mode of the table is kept
chmod 0600 "$SAF_ETC/tty/_pmtab"
expect 10 "$PMADM" -d -p tty -s hand
ebytes '%s' "$(nosac tty)
"
sed 's/^hand:u:/hand:ux:/' "$SAF_ROOT/tty.want" >"$SAF_ROOT/tty.want2"
cmp "$SAF_ROOT/tty.want2" "$SAF_ETC/tty/_pmtab" || fail "-d hand"
expect 10 "$PMADM" -d -p tty -s hand
cmp "$SAF_ROOT/tty.want2" "$SAF_ETC/tty/_pmtab" || fail "-d twice"
expect 10 "$PMADM" -e -p tty -s hand
expect 10 "$PMADM" -e -p tty -s big
sed 's/^big:X:/big::/' "$SAF_ROOT/tty.want" >"$SAF_ROOT/tty.want2"
cmp "$SAF_ROOT/tty.want2" "$SAF_ETC/tty/_pmtab" || fail "-e"
[ "$(stat -c %a "$SAF_ETC/tty/_pmtab")" = 600 ] || fail "mode not kept"
for op in -d -e -r; do
	expect 5 "$PMADM" $op -p tty -s nosvc
	ebytes 'Invalid request, nosvc does not exist under tty\n'
	expect 5 "$PMADM" $op -p nosuch -s ttya
	ebytes 'Invalid request, nosuch does not exist\n'
done

# -g: print, install; with -t the monitors without the service are warned
expect 0 "$PMADM" -g -p tty -s ttya
bytes 'assign TERM=vt100\n'
expect 3 "$PMADM" -g -p tty -s ttyb
ebytes 'Invalid request, script does not exist\nNo configuration scripts installed\n'
expect 5 "$PMADM" -g -p tty -s nosvc
ebytes 'Invalid request, nosvc does not exist under tty\n'
printf 'assign A=b\n' >"$SAF_ROOT/zero"
"$PMADM" -r -p lsn2 -s 0 >/dev/null 2>&1 || true
expect 5 "$PMADM" -g -t listen -s 0 -z "$SAF_ROOT/zero"
ebytes 'warning - 0 does not exist under lsn2 - ignoring\n'
cmp "$SAF_ROOT/zero" "$SAF_ETC/lsn/0" || fail "-g -t: not installed"
expect 3 "$PMADM" -g -t ttymon -s none -z "$SAF_ROOT/zero"
ebytes 'warning - none does not exist under tty - ignoring\nNo configuration scripts installed\n'
expect 3 "$PMADM" -g -p tty -s ttyb -z "$SAF_ROOT"
ebytes 'warning - %s not a regular file - ignored\nNo configuration scripts installed\n' "$SAF_ROOT"

# -r: the line goes; its script stays while the monitor was not told
expect 10 "$PMADM" -r -p lsn -s 0
ebytes '%s' "$(nosac lsn)
"
printf '# VERSION=4\n' | cmp - "$SAF_ETC/lsn/_pmtab" || fail "-r lsn"
[ -f "$SAF_ETC/lsn/0" ] || fail "-r removed the script without notice"

# a monitor without _pmtab, and a bad line
printf 'ghost:none::0:/bin/true\t#\n' >>"$SAF_ETC/_sactab"
expect 4 "$PMADM" -a -p ghost -s s -i root -m x -v 1
ebytes 'could not open %s/ghost/_pmtab\n' "$SAF_ETC"
expect 4 "$PMADM" -l -p ghost
ebytes 'Could not open %s/ghost/_pmtab\n' "$SAF_ETC"
sed -i '$d' "$SAF_ETC/_sactab"
printf 'bad:q:root:reserved:reserved:reserved:x#\n' >>"$SAF_ETC/tty/_pmtab"
expect 3 "$PMADM" -l -p tty
case $ERR in
"$SAF_ETC/tty/_pmtab is corrupt: line 6, column "*flags*) ;;
*) fail "corrupt: $ERR" ;;
esac
printf 'no version\n' >"$SAF_ETC/lsn/_pmtab"
expect 3 "$PMADM" -a -p lsn -s 1 -i root -m x -v 4
ebytes '%s/lsn/_pmtab file is corrupt\n' "$SAF_ETC"
exit 0
