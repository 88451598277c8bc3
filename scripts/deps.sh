# Sourced by demo.sh and check.sh: install what the build and the tests
# need on Debian 12, when it is missing.  Runs apt-get as root (or through
# sudo); does nothing when everything is already there.
LISTEN_DEPS="build-essential autoconf automake libtool pkg-config \
libtirpc-dev check rpcbind clang libclang-rt-14-dev man-db groff-base \
procps netcat-openbsd valgrind"

listen_install_deps() {
	missing=
	for p in $LISTEN_DEPS; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q 'install ok installed' || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "installing:$missing"
	if [ "$(id -u)" -eq 0 ]; then
		sudo=
	elif command -v sudo >/dev/null 2>&1; then
		sudo=sudo
	else
		echo "missing packages:$missing (run as root to install)" >&2
		return 1
	fi
	log=$(mktemp)
	if ! { $sudo apt-get update -qq &&
	    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $missing; } >"$log" 2>&1; then
		cat "$log" >&2
		rm -f "$log"
		return 1
	fi
	rm -f "$log"
}

# Generate configure if needed.
listen_bootstrap() {
	if [ ! -x configure ] || [ configure.ac -nt configure ]; then
		autoreconf -fi >/dev/null
	fi
}

# listen_build DIR CONFIGURE-FLAGS...: configure (once) and build in DIR.
listen_build() {
	dir=$1
	shift
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ]; then
		(cd "$dir" && ../../configure -q "$@")
	fi
	make -C "$dir" -s -j"$(nproc)"
}
