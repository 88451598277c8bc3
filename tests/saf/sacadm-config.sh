#!/bin/sh
# sacadm -g and -G: print a monitor's _config or _sysconfig, install one
# with -z (atomically, mode 0644), and every refusal.
. "$top_srcdir/tests/saf/lib.sh"
saf_root
: >"$SAF_VAR/_log"
pm_add pm

expect 5 "$SACADM" -g -p pm
ebytes 'Invalid request, script does not exist\n'
bytes ''
expect 5 "$SACADM" -G
ebytes 'Invalid request, script does not exist\n'
expect 5 "$SACADM" -g -p nosuch
ebytes 'Invalid request, nosuch does not exist\n'
expect 5 "$SACADM" -g -p nosuch -z /dev/null
ebytes 'Invalid request, nosuch does not exist\n'

printf 'assign X=1\n# a comment\nrunwait /bin/true\n' >"$SAF_ROOT/cfg"
chmod 0600 "$SAF_ROOT/cfg"
expect 0 "$SACADM" -g -p pm -z "$SAF_ROOT/cfg"
ebytes ''
bytes ''
cmp "$SAF_ROOT/cfg" "$SAF_ETC/pm/_config" || fail "_config differs"
[ "$(stat -c %a "$SAF_ETC/pm/_config")" = 644 ] || fail "_config mode"
expect 0 "$SACADM" -g -p pm
bytes 'assign X=1\n# a comment\nrunwait /bin/true\n'
# a new version replaces the old one whole, and an old 0444 becomes 0644
chmod 0444 "$SAF_ETC/pm/_config"
printf 'assign Y=2\n' >"$SAF_ROOT/cfg2"
expect 0 "$SACADM" -g -p pm -z "$SAF_ROOT/cfg2"
expect 0 "$SACADM" -g -p pm
bytes 'assign Y=2\n'
[ "$(stat -c %a "$SAF_ETC/pm/_config")" = 644 ] || fail "_config mode 2"

expect 0 "$SACADM" -G -z "$SAF_ROOT/cfg"
cmp "$SAF_ROOT/cfg" "$SAF_ETC/_sysconfig" || fail "_sysconfig differs"
[ "$(stat -c %a "$SAF_ETC/_sysconfig")" = 644 ] || fail "_sysconfig mode"
expect 0 "$SACADM" -G
bytes 'assign X=1\n# a comment\nrunwait /bin/true\n'

# refusals leave the installed script alone
expect 5 "$SACADM" -G -z "$SAF_ROOT/none"
ebytes 'Invalid request, %s/none does not exist\n' "$SAF_ROOT"
expect 1 "$SACADM" -g -p pm -z "$SAF_ROOT"
ebytes 'warning - %s not a regular file - ignored\n' "$SAF_ROOT"
expect 0 "$SACADM" -g -p pm
bytes 'assign Y=2\n'
ls -A "$SAF_ETC/pm" | grep -q '^\._config' && fail "temporary file left"

# an unreadable script
rm "$SAF_ETC/_sysconfig"
mkdir "$SAF_ETC/_sysconfig"
expect 4 "$SACADM" -G
ebytes 'Invalid request, can not open script\n'
rmdir "$SAF_ETC/_sysconfig"

# printing needs no privilege; installing does
if [ "$(id -u)" = 0 ]; then
	chmod 0755 "$SAF_ROOT"
	expect 0 setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    "$SACADM" -g -p pm
	bytes 'assign Y=2\n'
	expect 2 setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    "$SACADM" -G -z "$SAF_ROOT/cfg"
	ebytes 'User not privileged for operation\n'
	[ ! -e "$SAF_ETC/_sysconfig" ] || fail "user installed _sysconfig"
fi
exit 0
