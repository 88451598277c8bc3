#!/bin/sh
# sacadm: the usage text, every option check with its message and exit
# code, the _sactab version checks, and privilege (real uid 0) before the
# combination rules.
. "$top_srcdir/tests/saf/lib.sh"
saf_root
: >"$SAF_VAR/_log" # sac has run once: no "could not ascertain" warning

# usage: the text with argv[0] as the program saw it (libtool may run the
# binary under another path), every line byte for byte, exit 1
usage_is() {
	argv0=$(sed -n '1s/^Usage:\t\(.*\) -a -p .*/\1/p' "$SAF_ROOT/err")
	case $argv0 in *sacadm) ;; *) fail "usage: argv[0] is '$argv0'" ;; esac
	ebytes 'Usage:\t%s -a -p pmtag -t type -c cmd -v ver [ -f dx ] [ -n count ]
\t\t[ -y comment ] [ -z script]
\t%s -r -p pmtag
\t%s -s -p pmtag
\t%s -k -p pmtag
\t%s -e -p pmtag
\t%s -d -p pmtag
\t%s -l [ -p pmtag | -t type ]
\t%s -L [ -p pmtag | -t type ]
\t%s -g -p pmtag [ -z script ]
\t%s -G [ -z script ]
\t%s -x [ -p pmtag ]
' "$argv0" "$argv0" "$argv0" "$argv0" "$argv0" "$argv0" "$argv0" \
	    "$argv0" "$argv0" "$argv0" "$argv0"
	[ ! -s "$SAF_ROOT/out" ] || fail "usage wrote to stdout"
}

expect 1 "$SACADM"
usage_is
for args in "-q" "-l extra" "-l -L" "-p" "-a -p pm -t t -c /bin/true" \
    "-r" "-r -p pm -t t" "-s -p pm -z f" "-k -t t -p pm" "-e" \
    "-d -p pm -t x" "-l -p pm -t t" "-L -z f" "-x -t t" "-x -z f" \
    "-G -p pm" "-G -t t" "-g" "-g -p pm -t t" "-r -a -p pm" \
    "-c /bin/true -p pm -t t -v 1" "-s -k -p pm" "-l -x"; do
	# shellcheck disable=SC2086
	expect 1 "$SACADM" $args
	usage_is
done

# option values, in the order getopt sees them
expect 1 "$SACADM" -a -p pm -t t -c 'bin/x' -v 1
ebytes 'command must be a full pathname\n'
expect 1 "$SACADM" -a -p pm -t t -c '/bin/x
y' -v 1
ebytes 'Embedded newlines not allowed\n'
expect 1 "$SACADM" -l -p 'a
b'
ebytes 'Embedded newlines not allowed\n'
expect 1 "$SACADM" -a -p pm -t t -c /bin/x -v 1 -y 'two
lines'
ebytes 'Embedded newlines not allowed\n'
expect 1 "$SACADM" -G -z 'a
b'
ebytes 'Embedded newlines not allowed\n'
expect 1 "$SACADM" -l -p 'a-b'
ebytes 'port monitor tag must be alphanumeric\n'
expect 1 "$SACADM" -l -p ''
ebytes 'port monitor tag must be alphanumeric\n'
expect 1 "$SACADM" -l -t 'a.b'
ebytes 'port monitor type must be alphanumeric\n'
expect 1 "$SACADM" -l -t ''
ebytes 'port monitor type must be alphanumeric\n'
expect 1 "$SACADM" -a -p pm -t t -c /bin/x -v 1 -n -2
ebytes 'restart count can not be negative\n'
expect 1 "$SACADM" -a -p pm -t t -c /bin/x -v -1
ebytes 'version number can not be negative\n'
# -f: bad letters collected over every -f, reported after the options
expect 1 "$SACADM" -a -p pm -t t -c /bin/x -v 1 -f dqx -f zz
ebytes 'Invalid request, qzz are not valid arguments for "-f"\n'
# a tag or type too long is cut with a warning, then used
expect 5 "$SACADM" -l -p abcdefghijklmnopq
ebytes 'tag too long, truncated to <abcdefghijklmn>\nInvalid request, abcdefghijklmn does not exist\n'
expect 5 "$SACADM" -L -t TYPEabcdefghijklmnop
ebytes 'type too long, truncated to <TYPEabcdefghij>\nInvalid request, TYPEabcdefghij does not exist\n'
# the cut comes before the character check: what remains must pass it
expect 1 "$SACADM" -l -p abcdefghijklm-nop
ebytes 'tag too long, truncated to <abcdefghijklm->\nport monitor tag must be alphanumeric\n'
expect 5 "$SACADM" -l -p abcdefghijklmn-op
ebytes 'tag too long, truncated to <abcdefghijklmn>\nInvalid request, abcdefghijklmn does not exist\n'

# nothing to list
expect 5 "$SACADM" -l
ebytes 'No port monitors defined\n'
bytes ''
expect 5 "$SACADM" -L
ebytes 'No port monitors defined\n'

# _sactab's version, checked for every operation, -l included
printf '# VERSION=2\n' >"$SAF_ETC/_sactab"
expect 3 "$SACADM" -l
ebytes '_sactab version number is incorrect\n'
expect 3 "$SACADM" -G
ebytes '_sactab version number is incorrect\n'
printf 'pm:t::0:/bin/x\t# no version line\n' >"$SAF_ETC/_sactab"
expect 3 "$SACADM" -L
ebytes '%s/_sactab file is corrupt\n' "$SAF_ETC"
rm "$SAF_ETC/_sactab"
expect 4 "$SACADM" -l
ebytes 'could not open %s/_sactab\n' "$SAF_ETC"
# a line libsaf refuses: the file, the line and what is wrong
printf '# VERSION=1\npm:t:q:0:/bin/x\t#\n' >"$SAF_ETC/_sactab"
expect 3 "$SACADM" -l
case $ERR in
"$SAF_ETC/_sactab file is corrupt: line 2, column "*"flags"*) ;;
*) fail "bad flag line: $ERR" ;;
esac
printf '# VERSION=1\npm:t::0:/bin/x\t#\npm:t::0:/bin/y\t#\n' >"$SAF_ETC/_sactab"
expect 3 "$SACADM" -L
case $ERR in
"$SAF_ETC/_sactab file is corrupt: line 3"*"duplicate"*) ;;
*) fail "duplicate line: $ERR" ;;
esac
printf '# VERSION=1\n' >"$SAF_ETC/_sactab"

# privilege: the real uid; checked before the combination rules
if [ "$(id -u)" = 0 ]; then
	chmod 0755 "$SAF_ROOT"
	as_nobody() {
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
	}
	for args in "-a -p pm -t t -c /bin/true -v 1" "-a" "-r -p pm" "-r" \
	    "-s -p pm" "-k -p pm" "-e -p pm" "-d -p pm" "-x" "-x -p pm" \
	    "-x -t t" "-G -z /etc/hostname" "-g -p pm -z /etc/hostname" \
	    "-d -z f"; do
		# shellcheck disable=SC2086
		expect 2 as_nobody "$SACADM" $args
		ebytes 'User not privileged for operation\n'
	done
	# a mixture of operations is a usage error for anyone
	expect 1 as_nobody "$SACADM" -a -r -p pm
	usage_is
	# listing needs no privilege
	expect 5 as_nobody "$SACADM" -l
	ebytes 'No port monitors defined\n'
	# nor does printing a script
	expect 5 as_nobody "$SACADM" -G
	ebytes 'Invalid request, script does not exist\n'
	[ ! -e "$SAF_ETC/.saflock" ] || fail "a refused run took the lock"
fi
exit 0
