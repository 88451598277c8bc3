#!/bin/sh
# pmadm: the usage text, every option check with its message and exit
# code, and privilege (real uid 0) before the combination rules.
. "$top_srcdir/tests/saf/lib.sh"
saf_root
: >"$SAF_VAR/_log"

usage_is() {
	argv0=$(sed -n '1s/^Usage:\t\(.*\) -a \[ -p .*/\1/p' "$SAF_ROOT/err")
	case $argv0 in *pmadm) ;; *) fail "usage: argv[0] is '$argv0'" ;; esac
	ebytes 'Usage:\t%s -a [ -p pmtag | -t type ] -s svctag -i id -m "pmspecific"
\t\t-v version [ -f xu ] [ -y comment ] [ -z script]
\t%s -r -p pmtag -s svctag
\t%s -e -p pmtag -s svctag
\t%s -d -p pmtag -s svctag
\t%s -l [ -p pmtag | -t type ] [ -s svctag ]
\t%s -L [ -p pmtag | -t type ] [ -s svctag ]
\t%s -g -p pmtag -s svctag [ -z script ]
\t%s -g -s svctag -t type -z script
' "$argv0" "$argv0" "$argv0" "$argv0" "$argv0" "$argv0" "$argv0" "$argv0"
	[ ! -s "$SAF_ROOT/out" ] || fail "usage wrote to stdout"
}

expect 1 "$PMADM"
usage_is
add="-s svc -i root -m x -v 1"
for args in "-q" "-l extra" "-l -L" "-s" "-a $add" "-a -p pm -t t $add" \
    "-a -p pm -i root -m x -v 1" "-a -p pm -s svc -m x -v 1" \
    "-a -p pm -s svc -i root -v 1" "-a -p pm -s svc -i root -m x" \
    "-p pm $add" "-r -p pm" "-r -s svc" "-e -p pm -s svc -t t" \
    "-d -p pm -s svc -z f" "-r -e -p pm -s svc" "-l -p pm -t t" \
    "-L -z f" "-g -p pm" "-g -s svc" "-g -p pm -t t -s svc" \
    "-g -t t -s svc" "-l -a" "-r -p pm -s svc -y c"; do
	# shellcheck disable=SC2086
	expect 1 "$PMADM" $args
	usage_is
done
# an empty pmspecific part is a usage error
expect 1 "$PMADM" -a -p pm -s svc -i root -m '' -v 1
usage_is

expect 1 "$PMADM" -a -p pm -s svc -i 'ro
ot' -m x -v 1
ebytes 'Embedded newlines not allowed\n'
expect 1 "$PMADM" -a -p pm -s svc -i root -m 'a
b' -v 1
ebytes 'Embedded newlines not allowed\n'
expect 1 "$PMADM" -a -p pm -s svc -i root -m x -v 1 -y 'a
b'
ebytes 'Embedded newlines not allowed\n'
expect 1 "$PMADM" -g -p pm -s svc -z 'a
b'
ebytes 'Embedded newlines not allowed\n'
expect 1 "$PMADM" -l -s 'a
b'
ebytes 'Embedded newlines not allowed\n'
expect 1 "$PMADM" -l -s 'a_b'
ebytes 'service tag must be alphanumeric\n'
expect 1 "$PMADM" -l -s ''
ebytes 'service tag must be alphanumeric\n'
expect 1 "$PMADM" -l -p 'a/b'
ebytes 'port monitor tag must be alphanumeric\n'
expect 1 "$PMADM" -l -t 'a b'
ebytes 'port monitor type must be alphanumeric\n'
expect 1 "$PMADM" -a -p pm -s svc -i root -m x -v -4
ebytes 'version number can not be negative\n'
expect 1 "$PMADM" -a -p pm -s svc -i root -m x -v 1 -f uxd -f 'a'
ebytes 'Invalid request, da are not valid arguments for "-f"\n'
expect 5 "$PMADM" -l -s svctag0123456789
ebytes 'svctag too long, truncated to <svctag01234567>\nService <svctag01234567> does not exist\n'
expect 5 "$PMADM" -l -p pmtag0123456789
ebytes 'tag too long, truncated to <pmtag012345678>\nInvalid request, pmtag012345678 does not exist\n'
expect 5 "$PMADM" -L -t type0123456789x
ebytes 'type too long, truncated to <type0123456789>\nInvalid request, type0123456789 does not exist\n'
expect 5 "$PMADM" -l
ebytes 'No services defined\n'
bytes ''

# _sactab's version first, for every operation
printf '# VERSION=7\n' >"$SAF_ETC/_sactab"
expect 3 "$PMADM" -l
ebytes '_sactab version number is incorrect\n'
printf '# VERSION=1\n' >"$SAF_ETC/_sactab"

if [ "$(id -u)" = 0 ]; then
	chmod 0755 "$SAF_ROOT"
	as_nobody() {
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
	}
	for args in "-a -p pm $add" "-a" "-r -p pm -s svc" "-r" \
	    "-e -p pm -s svc" "-d -p pm -s svc" "-e -t t" \
	    "-g -p pm -s svc -z f" "-g -z f"; do
		# shellcheck disable=SC2086
		expect 2 as_nobody "$PMADM" $args
		ebytes 'User not privileged for operation\n'
	done
	expect 1 as_nobody "$PMADM" -a -r -p pm -s svc
	usage_is
	expect 5 as_nobody "$PMADM" -L
	ebytes 'No services defined\n'
	expect 5 as_nobody "$PMADM" -g -p pm -s svc
	ebytes 'Invalid request, pm does not exist\n'
fi
exit 0
