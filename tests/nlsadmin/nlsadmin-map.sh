#!/bin/sh
# What nlsadmin runs and what it makes of the answers: stand-ins for
# sacadm and pmadm record their argument vectors and give the exit codes
# the real ones give only in rare states (privilege, recovery, races), so
# that every row of the mapping (listen-illumos reference §11.3) is seen
# with its message and exit code.  Also: a program that cannot be run,
# and outputs nlsadmin cannot read.
. "$top_srcdir/tests/nlsadmin/lib.sh"
nls_root

# The stand-in: "-L" prints $FAKE_L (a listener by default); any other
# command appends its name and arguments to calls, then exits with the
# next code of the file codes (0 when it has none left).
cat >"$SAF_ROOT/fakeadm" <<'EOF'
#!/bin/sh
root=$(dirname "$0")
if [ "$1" = -L ]; then
	printf '%s' "${FAKE_L-tcp:listen::0:ENABLED:/x/listen tcp# 
}"
	exit "${FAKE_L_EXIT:-0}"
fi
{ printf '%s' "$(basename "$0")"; printf ' <%s>' "$@"; echo; } >>"$root/calls"
code=$(head -n 1 "$root/codes" 2>/dev/null)
sed -i 1d "$root/codes" 2>/dev/null
exit "${code:-0}"
EOF
chmod +x "$SAF_ROOT/fakeadm"
ln -s fakeadm "$SAF_ROOT/sacadm"
ln -s fakeadm "$SAF_ROOT/pmadm"
NLSADMIN_SACADM=$SAF_ROOT/sacadm
NLSADMIN_PMADM=$SAF_ROOT/pmadm
NLSADMIN_SAFDIR=/opt/saf
export NLSADMIN_SACADM NLSADMIN_PMADM NLSADMIN_SAFDIR

# run CODES... -- EXIT ARGS...: the stand-ins exit with CODES in turn
run() {
	: >"$SAF_ROOT/calls"
	: >"$SAF_ROOT/codes"
	while [ "$1" != -- ]; do
		echo "$1" >>"$SAF_ROOT/codes"
		shift
	done
	shift
	expect "$@"
}
calls() {
	printf "$@" | cmp - "$SAF_ROOT/calls" || {
		cat "$SAF_ROOT/calls" >&2
		fail "calls differ"
	}
}
err() { ebytes "%s: error: $1\\n" "$A0"; }
syserr() { ebytes '%s: error: System error in SAC command\n' "$A0"; }
perm() { err "Must be super user"; }

# ---- -i: sacadm -a, then pmadm -a of service 0 (its result ignored) ----
run 0 1 -- 0 "$NLSADMIN" -i tcp
ebytes ''
calls 'sacadm <-a> <-p> <tcp> <-t> <listen> <-c> </opt/saf/listen tcp> <-v> <4>
pmadm <-a> <-p> <tcp> <-s> <0> <-i> <root> <-m> <::c::/opt/saf/nlps_server> <-v> <4> <-y> <NLPS server>\n'
run 6 -- 2 "$NLSADMIN" -i tcp
err "Listener already initialized"
calls 'sacadm <-a> <-p> <tcp> <-t> <listen> <-c> </opt/saf/listen tcp> <-v> <4>\n'
run 7 -- 2 "$NLSADMIN" -i tcp
err "Listener already initialized"
run 2 -- 3 "$NLSADMIN" -i tcp
perm
for c in 1 3 4 5 8 9; do
	run $c -- 6 "$NLSADMIN" -i tcp
	syserr
done
# sac gone: the tables are written, the warning comes once
run 10 10 -- 0 "$NLSADMIN" -i tcp
ebytes '%s' "$(nosac tcp)
"
run 0 10 -- 0 "$NLSADMIN" -i tcp
ebytes '%s' "$(nosac tcp)
"

# ---- -a: pmadm -a ----
run 0 -- 0 "$NLSADMIN" -a lp -c "/bin/true -a 'b c'" -p timod,tirdwr -w lp \
    -y 'a "quoted" $(comment)' tcp
calls 'pmadm <-a> <-p> <tcp> <-s> <lp> <-i> <lp> <-m> <::c:timod,tirdwr:/bin/true -a '"'b c'"'> <-v> <4> <-y> <a "quoted" $(comment)>\n'
run 0 -- 0 "$NLSADMIN" -a lp -c /bin/true -y x tcp
calls 'pmadm <-a> <-p> <tcp> <-s> <lp> <-i> <listen> <-m> <::c::/bin/true> <-v> <4> <-y> <x>\n'
run 6 -- 4 "$NLSADMIN" -a lp -c /bin/true -y x tcp
err "Service code already exists"
run 2 -- 3 "$NLSADMIN" -a lp -c /bin/true -y x tcp
perm
for c in 1 3 4 5 7 8 9; do
	run $c -- 6 "$NLSADMIN" -a lp -c /bin/true -y x tcp
	ebytes '%s: error: Could not add service\n%s: error: System error in SAC command\n' \
	    "$A0" "$A0"
done
run 10 -- 0 "$NLSADMIN" -a lp -c /bin/true -y x tcp
ebytes '%s' "$(nosac tcp)
"

# ---- -r, -e, -d: pmadm ----
for op in r e d; do
	run 0 -- 0 "$NLSADMIN" -$op lp tcp
	calls 'pmadm <-%s> <-p> <tcp> <-s> <lp>\n' $op
	run 5 -- 4 "$NLSADMIN" -$op lp tcp
	err "Non-existent service."
	run 6 -- 4 "$NLSADMIN" -$op lp tcp
	err "Non-existent service."
	run 2 -- 3 "$NLSADMIN" -$op lp tcp
	perm
	for c in 1 3 4 9; do
		run $c -- 6 "$NLSADMIN" -$op lp tcp
		syserr
	done
	run 10 -- 0 "$NLSADMIN" -$op lp tcp
	ebytes '%s' "$(nosac tcp)
"
done

# ---- -k: sacadm -k ----
run 0 -- 0 "$NLSADMIN" -k tcp
calls 'sacadm <-k> <-p> <tcp>\n'
run 8 -- 2 "$NLSADMIN" -k tcp
err 'No listener active on network "tcp"'
run 5 -- 4 "$NLSADMIN" -k tcp
err "Non-existent port monitor."
run 2 -- 3 "$NLSADMIN" -k tcp
perm
for c in 3 4 9 10; do
	run $c -- 6 "$NLSADMIN" -k tcp
	syserr
done

# ---- -s: sacadm -s, then sacadm -e ----
run 0 0 -- 0 "$NLSADMIN" -s tcp
calls 'sacadm <-s> <-p> <tcp>\nsacadm <-e> <-p> <tcp>\n'
run 5 -- 7 "$NLSADMIN" -s tcp
err "Non-existent port monitor."
calls 'sacadm <-s> <-p> <tcp>\n' # no enable after a failed start
run 6 -- 7 "$NLSADMIN" -s tcp
err "Non-existent port monitor."
run 7 -- 2 "$NLSADMIN" -s tcp
err "Listener already running"
run 2 -- 3 "$NLSADMIN" -s tcp
perm
run 10 -- 6 "$NLSADMIN" -s tcp
syserr
run 0 5 -- 7 "$NLSADMIN" -s tcp
err "Non-existent port monitor."
run 0 7 -- 2 "$NLSADMIN" -s tcp
err "Listener already running"
run 0 8 -- 2 "$NLSADMIN" -s tcp
err "Listener start failed"
run 0 2 -- 3 "$NLSADMIN" -s tcp
perm
run 0 9 -- 6 "$NLSADMIN" -s tcp
syserr

# ---- outputs nlsadmin reads (FAKE_L: what "sacadm -L" prints) ----
FAKE_L=''
export FAKE_L
run -- 7 "$NLSADMIN" -v tcp
err "Invalid network specification"
FAKE_L='garbage'
run -- 6 "$NLSADMIN" tcp
ebytes '%s: error: System error\n%s: error: System error in SAC command\n' \
    "$A0" "$A0"
FAKE_L='tcp:listen::0:STARTING:/x/listen tcp#
'
run -- 0 "$NLSADMIN" tcp
bytes 'tcp\tACTIVE\n'
for state in DISABLED STOPPING NOTRUNNING FAILED UNKNOWN NO_SAC; do
	FAKE_L="tcp:listen::0:$state:/x/listen tcp#
"
	run -- 1 "$NLSADMIN" tcp
	bytes 'tcp\tINACTIVE\n'
done
FAKE_L='a:listen::0:ENABLED:/x#
b:listen::0:FAILED:/x#
c:listen::0:STARTING:/x#
'
run -- 0 "$NLSADMIN" -x
bytes 'a\tACTIVE\nb\tINACTIVE\nc\tACTIVE\n'
FAKE_L='a:listen::0:ENABLED:/x#
junk
'
run -- 6 "$NLSADMIN" -x
bytes 'a\tACTIVE\n'
syserr
unset FAKE_L

# a program that is not there
NLSADMIN_SACADM=$SAF_ROOT/nosuch
run -- 6 "$NLSADMIN" -x
ebytes '%s: error: Cannot run %s: No such file or directory\n%s: error: System error in SAC command\n' \
    "$A0" "$SAF_ROOT/nosuch" "$A0"
NLSADMIN_SACADM=$SAF_ROOT/sacadm
NLSADMIN_PMADM=$SAF_ROOT/nosuch
run -- 6 "$NLSADMIN" -r lp tcp
ebytes '%s: error: Cannot run %s: No such file or directory\n%s: error: System error in SAC command\n' \
    "$A0" "$SAF_ROOT/nosuch" "$A0"
