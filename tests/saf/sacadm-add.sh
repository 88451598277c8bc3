#!/bin/sh
# sacadm -a and -r without sac: the _sactab line, the monitor's files and
# their modes, listing in file order with NO_SAC, every refusal of -a
# (which leaves nothing behind), and the SVR4 fixes: an existing
# directory is never deleted, tables keep their mode, comments survive,
# long lines are read whole.
. "$top_srcdir/tests/saf/lib.sh"
saf_root

mode() { stat -c %a "$1"; }
ls_etc() { (cd "$SAF_ETC" && ls -A); }

# sac never ran: the status cannot be told, said once per question
expect 0 "$SACADM" -a -p zeta -t ttymon -c "$TESTPM -l $SAF_ROOT/zeta.log" \
    -v 3
ebytes 'warning - could not ascertain sac status\n'
bytes ''
: >"$SAF_VAR/_log"
expect 0 "$SACADM" -a -p alpha -t listen -c "$TESTPM" -v 4 -f xd -n 7 \
    -y 'the listener # here'
ebytes ''
printf '# VERSION=1\nzeta:ttymon::0:%s -l %s/zeta.log\t# \nalpha:listen:dx:7:%s\t#the listener # here\n' \
    "$TESTPM" "$SAF_ROOT" "$TESTPM" >"$SAF_ROOT/sactab.want"
cmp "$SAF_ROOT/sactab.want" "$SAF_ETC/_sactab" || fail "_sactab differs"
[ "$(mode "$SAF_ETC/_sactab")" = 644 ] || fail "_sactab mode"

# the monitor's files
[ "$(mode "$SAF_ETC/alpha")" = 755 ] || fail "etc dir mode"
[ "$(mode "$SAF_VAR/alpha")" = 755 ] || fail "var dir mode"
[ -p "$SAF_ETC/alpha/_pmpipe" ] || fail "no _pmpipe"
[ "$(mode "$SAF_ETC/alpha/_pmpipe")" = 600 ] || fail "_pmpipe mode"
[ -f "$SAF_ETC/alpha/_pid" ] && [ ! -s "$SAF_ETC/alpha/_pid" ] ||
    fail "_pid not empty"
[ "$(mode "$SAF_ETC/alpha/_pid")" = 644 ] || fail "_pid mode"
printf '# VERSION=4\n' | cmp - "$SAF_ETC/alpha/_pmtab" || fail "_pmtab"
[ "$(mode "$SAF_ETC/alpha/_pmtab")" = 644 ] || fail "_pmtab mode"
[ ! -e "$SAF_ETC/alpha/_config" ] || fail "_config without -z"
printf '# VERSION=3\n' | cmp - "$SAF_ETC/zeta/_pmtab" || fail "zeta _pmtab"

# listings: file order, NO_SAC
expect 0 "$SACADM" -l
bytes 'PMTAG          PMTYPE         FLGS RCNT STATUS     COMMAND
zeta           ttymon         -    0    NO_SAC     %s -l %s/zeta.log # 
alpha          listen         dx   7    NO_SAC     %s #the listener # here
' "$TESTPM" "$SAF_ROOT" "$TESTPM"
ebytes ''
expect 0 "$SACADM" -L
bytes 'zeta:ttymon::0:NO_SAC:%s -l %s/zeta.log# \nalpha:listen:dx:7:NO_SAC:%s#the listener # here\n' \
    "$TESTPM" "$SAF_ROOT" "$TESTPM"
expect 0 "$SACADM" -L -p alpha
bytes 'alpha:listen:dx:7:NO_SAC:%s#the listener # here\n' "$TESTPM"
expect 0 "$SACADM" -l -t ttymon
bytes 'PMTAG          PMTYPE         FLGS RCNT STATUS     COMMAND
zeta           ttymon         -    0    NO_SAC     %s -l %s/zeta.log # 
' "$TESTPM" "$SAF_ROOT"
expect 5 "$SACADM" -l -t nosuch
ebytes 'Invalid request, nosuch does not exist\n'
bytes ''
expect 5 "$SACADM" -L -p nosuch
ebytes 'Invalid request, nosuch does not exist\n'

# -a refusals; each leaves the root as it was
cp "$SAF_ETC/_sactab" "$SAF_ROOT/sactab.before"
before=$(ls_etc)
unchanged() {
	cmp -s "$SAF_ROOT/sactab.before" "$SAF_ETC/_sactab" ||
	    fail "$1: _sactab changed"
	[ "$(ls_etc)" = "$before" ] || fail "$1: $SAF_ETC changed: $(ls_etc)"
	[ ! -e "$SAF_ETC/$2" ] || fail "$1: $SAF_ETC/$2 left"
	[ ! -e "$SAF_VAR/$2" ] || fail "$1: $SAF_VAR/$2 left"
}
expect 6 "$SACADM" -a -p alpha -t listen -c /bin/true -v 4
ebytes 'Invalid request, alpha already exists\n'
unchanged dup nothing
printf 'data\n' >"$SAF_ROOT/plain"
chmod 0644 "$SAF_ROOT/plain"
expect 1 "$SACADM" -a -p beta -t t -c "$SAF_ROOT/plain" -v 1
ebytes '%s/plain not executable\n' "$SAF_ROOT"
unchanged notexec beta
expect 1 "$SACADM" -a -p beta -t t -c "/bin -x" -v 1
ebytes '/bin not a regular file\n'
unchanged notreg beta
# libsaf refuses a ':' or '#' in the command (the original cut it short)
expect 1 "$SACADM" -a -p beta -t t -c "/bin/true a:b" -v 1
case $ERR in "Invalid request, "*command*) ;; *) fail "colon: $ERR" ;; esac
unchanged colon beta
long=$(printf '%01100d' 0)
expect 4 "$SACADM" -a -p beta -t t -c "/bin/true $long" -v 1
ebytes 'command string too long\n'
unchanged toolong beta
expect 5 "$SACADM" -a -p beta -t t -c /bin/true -v 1 -z "$SAF_ROOT/none"
ebytes 'Invalid request, %s/none does not exist\n' "$SAF_ROOT"
unchanged noscript beta
# a script that is not a regular file: the warning, and now an error
expect 1 "$SACADM" -a -p beta -t t -c /bin/true -v 1 -z "$SAF_ROOT"
ebytes 'warning - %s not a regular file - ignored\n' "$SAF_ROOT"
unchanged dirscript beta
# <SAF_ETC>/<tag> or <SAF_VAR>/<tag> that is not a directory
: >"$SAF_ETC/beta"
expect 4 "$SACADM" -a -p beta -t t -c /bin/true -v 1
ebytes '<%s/beta> exists and is not a directory\n' "$SAF_ETC"
rm "$SAF_ETC/beta"
ln -s /tmp "$SAF_ETC/beta"
expect 4 "$SACADM" -a -p beta -t t -c /bin/true -v 1
ebytes '<%s/beta> exists and is not a directory\n' "$SAF_ETC"
rm "$SAF_ETC/beta"
: >"$SAF_VAR/beta"
expect 4 "$SACADM" -a -p beta -t t -c /bin/true -v 1
ebytes '<%s/beta> exists and is not a directory\n' "$SAF_VAR"
rm "$SAF_VAR/beta"
unchanged vardir beta

# SVR4 removed an existing <SAF_ETC>/<tag> with rm -rf: now a non-empty one
# is refused and kept, an empty one is reused, <SAF_VAR>/<tag> is reused
mkdir "$SAF_ETC/beta"
echo precious >"$SAF_ETC/beta/notes"
expect 6 "$SACADM" -a -p beta -t t -c /bin/true -v 1
ebytes 'Invalid request, %s/beta already exists\n' "$SAF_ETC"
[ "$(cat "$SAF_ETC/beta/notes")" = precious ] || fail "notes touched"
[ "$(ls -A "$SAF_ETC/beta")" = notes ] || fail "beta dir changed"
cmp -s "$SAF_ROOT/sactab.before" "$SAF_ETC/_sactab" || fail "dir: _sactab"
rm "$SAF_ETC/beta/notes"
chmod 0700 "$SAF_ETC/beta"
mkdir -p "$SAF_VAR/beta"
echo old >"$SAF_VAR/beta/log"
expect 0 "$SACADM" -a -p beta -t t -c /bin/true -v 2
[ "$(cat "$SAF_VAR/beta/log")" = old ] || fail "var log lost"
[ -p "$SAF_ETC/beta/_pmpipe" ] || fail "beta not made in the empty dir"
# -z installs the script as _config, mode 0644 (was 0444)
printf 'assign A=b\n' >"$SAF_ROOT/cfg"
chmod 0600 "$SAF_ROOT/cfg"
expect 0 "$SACADM" -a -p gamma -t t -c /bin/true -v 1 -z "$SAF_ROOT/cfg"
cmp "$SAF_ROOT/cfg" "$SAF_ETC/gamma/_config" || fail "_config differs"
[ "$(mode "$SAF_ETC/gamma/_config")" = 644 ] || fail "_config mode"
# a command that does not exist yet is a warning
expect 0 "$SACADM" -a -p delta -t t -c "$SAF_ROOT/later arg" -v 1
ebytes 'warning - %s/later does not exist\n' "$SAF_ROOT"

# -r: the line goes, the directories stay, the table keeps its mode,
# comments and other lines stay byte for byte
printf '# a comment of the administrator\n\n' >>"$SAF_ETC/_sactab"
chmod 0640 "$SAF_ETC/_sactab"
sed '/^beta:/d' "$SAF_ETC/_sactab" >"$SAF_ROOT/sactab.want"
expect 0 "$SACADM" -r -p beta
cmp "$SAF_ROOT/sactab.want" "$SAF_ETC/_sactab" || fail "-r: _sactab differs"
[ "$(mode "$SAF_ETC/_sactab")" = 640 ] || fail "-r: mode not kept"
[ -d "$SAF_ETC/beta" ] && [ -d "$SAF_VAR/beta" ] || fail "-r removed dirs"
expect 5 "$SACADM" -r -p beta
ebytes 'Invalid request, beta does not exist\n'
cmp "$SAF_ROOT/sactab.want" "$SAF_ETC/_sactab" || fail "-r twice changed it"
ls -A "$SAF_ETC" | grep -q '^\._sactab' && fail "temporary file left"

# a line longer than 511 bytes is read whole (SVR4 split it)
long=$(printf 'c%0600d' 0)
expect 0 "$SACADM" -a -p long -t t -c "/bin/true" -v 1 -y "$long"
expect 0 "$SACADM" -L -p long
bytes 'long:t::0:NO_SAC:/bin/true#%s\n' "$long"
exit 0
