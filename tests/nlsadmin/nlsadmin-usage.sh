#!/bin/sh
# nlsadmin's command line: the usage text byte for byte, every usage
# error, inconsistent and missing options, which forms take a netspec,
# service codes of 13 and 14 characters, -R, -V, the -c/-o formatter with
# its addresses and warnings, root checks (effective uid), bad tags.
# Nothing here may change a table.
. "$top_srcdir/tests/nlsadmin/lib.sh"
nls_root
snap

usage_text() {
	printf 'usage: %s -x
       %s [ options ] netspec
       %s [ options ] -N port_monitor_tag
       %s -V
       %s -c cmd | -o pipename [ -p modules ] [ -A addr | -D ] \\
          [ -R prognum:versnum ]

       [ options ] are:
       [ -a svc_code -c "cmd" -y "cmt" [-p modules] [-w id] ]
       [-q] | [-v] | [-s] | [-k] | [-i] |
       [-e svc_code] | [-d svc_code] | [-r svc_code] | [[-q] -z svc_code]
       [[-l addr | -] [-t addr | -]] |
' "$A0" "$A0" "$A0" "$A0" "$A0"
}

# usage [WHY] -- ARGS: exit 5, the error line if any, the usage text
usage() {
	why=$1
	shift 2
	expect 5 "$NLSADMIN" "$@"
	{
		[ -z "$why" ] || printf '%s: error: %s\n' "$A0" "$why"
		usage_text
	} >"$SAF_ROOT/usage"
	cmp -s "$SAF_ROOT/usage" "$SAF_ROOT/err" || {
		diff "$SAF_ROOT/usage" "$SAF_ROOT/err" >&2
		fail "usage text of: $*"
	}
	[ ! -s "$SAF_ROOT/out" ] || fail "usage wrote to stdout: $*"
}
inconsistent() { usage "Inconsistent options" -- "$@"; }
missing() { usage "Missing argument" -- "$@"; }

# plain usage: no argument, unknown options, missing values, operands
usage "" --
usage "" -- -Q tcp
usage "" -- -l
usage "" -- tcp udp
usage "" -- -N tcp udp
usage "" -- -N tcp -N udp
usage "" -- tcp -q          # options come first (POSIX getopt)
# -x, -V, -o and the formatter take no netspec; every other form needs one
usage "" -- -x tcp
usage "" -- -V tcp
usage "" -- -V -N tcp
usage "" -- -o /dev/null tcp
usage "" -- -c /bin/true tcp
usage "" -- -q
usage "" -- -v
usage "" -- -i
usage "" -- -s
usage "" -- -k
usage "" -- -z abc
usage "" -- -l -
usage "" -- -t - -l -
# -R: digits, one colon, digits
usage "" -- -c /bin/true -R 100
usage "" -- -c /bin/true -R 100:
usage "" -- -c /bin/true -R :1
usage "" -- -c /bin/true -R 1:2:3
usage "" -- -c /bin/true -R 1a:2
usage "" -- -c /bin/true -R 99999999999:1

# options that do not go together, in either order
inconsistent -x -V
inconsistent -V -x
inconsistent -q -v tcp
inconsistent -v -q tcp
inconsistent -i -s tcp
inconsistent -k -s tcp
inconsistent -e a -d a tcp
inconsistent -r a -z a tcp
inconsistent -l - -v tcp
inconsistent -a a -c /bin/true -y x -A 1.2.3.4:5 tcp
inconsistent -c /bin/true -o /dev/null
inconsistent -o /dev/null -c /bin/true
inconsistent -A 1.2.3.4:5 -D -c /bin/true
inconsistent -D -A 1.2.3.4:5 -c /bin/true # the original let this through
inconsistent -c /bin/true -D -A 1.2.3.4:5
inconsistent -c /bin/true -y x   # -y, -w belong to -a
inconsistent -c /bin/true -w root
inconsistent -p mod tcp          # modifiers without their form
inconsistent -y x tcp
inconsistent -A 1.2.3.4:5 tcp
inconsistent -R 1:2 tcp
inconsistent -a abc -y x tcp     # -a without -c
inconsistent -q -l - tcp
# -a with -c (or -m) but without -y, the command or a netspec
missing -a abc -c /bin/true tcp
missing -a abc -c /bin/true -y x
missing -a abc -m -y x tcp
unchanged "usage errors"

# service codes: 1 to 13 characters (14 is refused before anything)
for opt in -a -d -e -r -z; do
	expect 4 "$NLSADMIN" $opt abcdefghijklmn -c /bin/true -y x tcp
	ebytes '%s: error: Service code contains more than 14 characters\n' "$A0"
	expect 4 "$NLSADMIN" $opt '' -c /bin/true -y x tcp
	ebytes '%s: error: Service code contains more than 14 characters\n' "$A0"
done
# 13 characters pass the check: here the next one (no such monitor) fails
expect 7 "$NLSADMIN" -z abcdefghijklm tcp
ebytes '%s: error: Invalid network specification\n' "$A0"

# -V: the _pmtab version
expect 0 "$NLSADMIN" -V
bytes '4\n'
ebytes ''

# the formatter: addr:rpc:lflags:modules:command, lflags in c, d, p order
expect 0 "$NLSADMIN" -c /bin/true
bytes '::c::/bin/true\n'
ebytes ''
expect 0 "$NLSADMIN" -c "/bin/true -x arg" -p timod,tirdwr -R 100005:1
bytes ':100005,1:c:timod,tirdwr:/bin/true -x arg\n'
expect 0 "$NLSADMIN" -m -c /bin/true -D
bytes '::cd::/bin/true\n'
expect 0 "$NLSADMIN" -o "$SAF_ROOT" -p mod -D -R 100:1
bytes ':100,1:dp:mod:%s\n' "$SAF_ROOT"
expect 0 "$NLSADMIN" -o "$SAF_ROOT"
bytes '::p::%s\n' "$SAF_ROOT"
# addresses: hex and octal as given, readable forms escaped for the table
expect 0 "$NLSADMIN" -c /bin/true -A '\x00020ACE000000000000000000000000'
bytes '\\x00020ACE000000000000000000000000::c::/bin/true\n'
expect 0 "$NLSADMIN" -c /bin/true -A '\x02000ace7f000001'
bytes '\\x02000ace7f000001::c::/bin/true\n'
expect 0 "$NLSADMIN" -c /bin/true -A 127.0.0.1:2766
bytes '127.0.0.1\\:2766::c::/bin/true\n'
expect 0 "$NLSADMIN" -c /bin/true -A '127.0.0.1\:2766'
bytes '127.0.0.1\\:2766::c::/bin/true\n'
expect 0 "$NLSADMIN" -c /bin/true -A 127.0.0.1.10.206
bytes '127.0.0.1\\:2766::c::/bin/true\n'
expect 0 "$NLSADMIN" -c /bin/true -A :2766
bytes '0.0.0.0\\:2766::c::/bin/true\n'
expect 0 "$NLSADMIN" -c /bin/true -A '[::1]:2766' -R 7:8
bytes '[\\:\\:1]\\:2766:7,8:c::/bin/true\n'
expect 0 "$NLSADMIN" -o "$SAF_ROOT" -A /run/x:y
bytes '/run/x\\:y::p::%s\n' "$SAF_ROOT"
for bad in junk 1.2.3.4 1.2.3.4:99999 '[::1]' '\x' '\xZZ' '\$date\$' \
    '\!date\!' ''; do
	expect 5 "$NLSADMIN" -c /bin/true -A "$bad"
	case $ERR in
	"$A0: error: Invalid address \"$bad\": "*) ;;
	*) fail "address '$bad': $ERR" ;;
	esac
	bytes ''
done
# paths: absolute, else an error; a missing one is a warning only
expect 5 "$NLSADMIN" -c bin/true
ebytes '%s: error: Must specify full path name\n' "$A0"
bytes ''
expect 0 "$NLSADMIN" -c "/no/such/prog -a"
ebytes '%s: warning: /no/such/prog does not exist\n' "$A0"
bytes '::c::/no/such/prog -a\n'
# what the table cannot hold
expect 5 "$NLSADMIN" -c "/bin/true #x"
case $ERR in "$A0: error: Invalid listener entry: "*) ;; *) fail "#: $ERR" ;; esac
expect 5 "$NLSADMIN" -c /bin/true -p a:b
case $ERR in "$A0: error: Invalid listener entry: "*) ;; *) fail ":: $ERR" ;; esac

# a netspec that cannot be a port monitor tag: never looked for
for tag in 'a-b' 'abcdefghijklmno' '../x'; do
	expect 7 "$NLSADMIN" -v "$tag"
	ebytes '%s: error: Invalid network specification\n' "$A0"
	expect 7 "$NLSADMIN" -i "$tag"
	ebytes '%s: error: Invalid network specification\n' "$A0"
done
unchanged "formatter and refusals"

# root: the effective uid, before anything else; reports need none
NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups"
for form in "-i tcp" "-a abc -c /bin/true -y x tcp" "-r abc tcp" \
    "-e abc tcp" "-d abc tcp" "-s tcp" "-k tcp" "-l 1.2.3.4:5 tcp" \
    "-t 1.2.3.4:5 tcp" "-l - -t 1.2.3.4:5 tcp" "-o /dev/null"; do
	# shellcheck disable=SC2086
	expect 3 $NOBODY "$NLSADMIN" $form
	ebytes '%s: error: Must be super user\n' "$A0"
	bytes ''
done
expect 0 $NOBODY "$NLSADMIN" -V
bytes '4\n'
expect 0 $NOBODY "$NLSADMIN" -c /bin/true
bytes '::c::/bin/true\n'
expect 7 $NOBODY "$NLSADMIN" -l - tcp # a query: no root needed
ebytes '%s: error: Invalid network specification\n' "$A0"
unchanged "non-root"
