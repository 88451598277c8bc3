#!/bin/sh
# manlint.sh - render every manual page under docs/ with groff, all
# warnings on, and with man --warnings as a user would, and fail if either
# prints anything; and, when MAN_LISTED names the pages "make install"
# installs, fail for a page under docs/ that it does not.  "make check"
# runs it with srcdir, top_srcdir and MAN_LISTED in the environment; by
# hand, run it from the top source directory.
#
# Exit status: 0 all pages clean, 1 some page warned, 77 (skip) groff is
# missing, 99 (hard error) no pages found.

top=${top_srcdir:-${srcdir:-.}}
cd "$top/docs" || exit 99

if ! command -v groff >/dev/null 2>&1; then
	echo "manlint: groff not found; skipped"
	exit 77
fi

status=0
n=0
for page in man*/*.[1-9]; do
	[ -f "$page" ] || continue
	n=$((n + 1))
	# Honour a preprocessor line such as '\" t (tables).
	pre=
	first=$(sed -n '1p' "$page")
	case $first in
	"'\\\" "*)
		case ${first#??? } in *t*) pre="$pre -t" ;; esac
		case ${first#??? } in *e*) pre="$pre -e" ;; esac
		;;
	esac
	# .so requests name pages relative to docs/, the current directory.
	# shellcheck disable=SC2086
	out=$(groff $pre -mandoc -ww -z -Tutf8 "$page" 2>&1)
	if [ -n "$out" ]; then
		printf '%s:\n%s\n' "$page" "$out"
		status=1
	fi
	if command -v man >/dev/null 2>&1; then
		out=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
		if [ -n "$out" ]; then
			printf '%s (man --warnings):\n%s\n' "$page" "$out"
			status=1
		fi
	fi
	if [ -n "${MAN_LISTED:-}" ]; then
		case " $MAN_LISTED " in
		*" docs/$page "*) ;;
		*)
			echo "$page: not installed (add it to dist_man*_MANS)"
			status=1
			;;
		esac
	fi
done

if [ "$n" -eq 0 ]; then
	echo "manlint: no manual pages found under $top/docs"
	exit 99
fi
echo "manlint: $n pages checked"
exit $status
