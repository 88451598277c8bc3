#!/bin/sh
# NLPS on the address of the nlps_server record, read by the listener in
# its loop: version 2 replies byte for byte, version 0 without a reply,
# bytes after the request's NUL reach the service, bad requests, the
# timeout, SMB negotiate messages with and without a NetBIOS header.
. "$top_srcdir/tests/listen/lib.sh"
ls_root
P0=$(port)
PROBE=$(real "$SVCPROBE")
ls_table \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS server" \
    "echo::nobody:reserved:reserved:reserved:::c::$PROBE#echo" \
    "off:x:nobody:reserved:reserved:reserved:::c::$PROBE#disabled" \
    "2::nobody:reserved:reserved:reserved:::c::$PROBE smbarg#MS-NET" \
    "toolongcode145::nobody:reserved:reserved:reserved:::c::$PROBE#14 chars"
LISTEN_REQUEST_TIMEOUT=2
export LISTEN_REQUEST_TIMEOUT
ls_start

# a started service: reply, then the service; the bytes sent with the
# request after its NUL reach it
client -r "NLPS:002:002:echo" -s "after the NUL" 127.0.0.1 "$P0"
case $OUT in
"reply=2:0:NLPS (echo) exec: $PROBE
uid="*"after the NUL") ;;
*) fail "start: $OUT" ;;
esac
ls_log_wait "NLPS (echo) exec: $PROBE"

# unknown, disabled, and a code NLPS cannot name (14 characters)
client -r "NLPS:002:002:nosuch" 127.0.0.1 "$P0"
same "reply=2:3:NLPS: Request for service code nosuch denied, unknown service code"
client -r "NLPS:002:002:off" 127.0.0.1 "$P0"
same "reply=2:4:NLPS: Request for service code off denied, service is disabled"
client -r "NLPS:002:002:toolongcode145" 127.0.0.1 "$P0"
same "reply=2:3:NLPS: Request for service code toolongcode145 denied, unknown service code"
# versions without padding are accepted
client -r "NLPS:2:2:echo" 127.0.0.1 "$P0"
case $OUT in "reply=2:0:NLPS (echo) exec: "*) ;; *) fail "v2 unpadded: $OUT" ;; esac

# version 0: no reply at all, the service starts
client -x "4e4c50533a3030303a3030313a6563686f00" -s "v0" 127.0.0.1 "$P0"
case $OUT in uid=*v0) ;; *) fail "version 0: $OUT" ;; esac

# bad requests: closed without a reply, logged
client -x "4e4c50533a3030323a3030323a00" 127.0.0.1 "$P0"
same ""
ls_log_wait "ATT service: bad message format"
client -r "NLPS:001:002:echo" 127.0.0.1 "$P0"
same "reply="
ls_log_wait "NLPS: Unknown version of an NLPS service request: 1:2"
ls_log_wait "ATT service: unknown version"
# (unread bytes are left: closing resets the connection)
client -s "GET / HTTP/1.0" 127.0.0.1 "$P0"
same "[reset]"
ls_log_wait "NLPS: Unknown service request (ignored)"
ls_log_has "NLPS: No/bad service request received" || fail "bad request"
long=$(printf 'NLPS:002:002:%01100d' 0)
client -s "$long" 127.0.0.1 "$P0"
ls_log_wait "NLPS: recieve buffer not large enough"

# a request in two pieces, the second a moment later: one request, and
# the bytes after it reach the server
# (19 bytes: "NLPS:002:" first, then "002:echo", its NUL and "!")
client -p 300 -r "NLPS:002:002:echo" -s "!" 127.0.0.1 "$P0"
case $OUT in
"reply=2:0:NLPS (echo) exec: $PROBE
uid="*"args=
!") ;;
*) fail "request in two writes: $OUT" ;;
esac
# a caller that stops sending half-way through its request
n=$(grep -c "connection closed" "$LS_LOG" || true)
client -s "NLPS:002:" 127.0.0.1 "$P0"
half_closed() {
	[ "$(grep -c "Error trying to rcv message to start a service: connection closed" "$LS_LOG")" -gt "$n" ]
}
wait_for "a half request closed" half_closed

# a caller that never finishes its request is dropped after the timeout
client -h 3000 -s "NLPS:002:" 127.0.0.1 "$P0"
ls_log_wait "Timed out trying to rcv message to start a service"

# SMB negotiate: raw, and after a NetBIOS session header
smb="ff534d4272000000000000000000000000000000000000000000000000000000"
smb=${smb}001500024e542031204c4d20302e313200024c4d312e3200
client -x "$smb" 127.0.0.1 "$P0"
echo "$OUT" | grep -q "^FROMSCRIPT=unset args=-DNT 1 LM 0.12 -DLM1.2 smbarg FF534D4272" ||
    fail "SMB arguments: $OUT"
len=$(printf '%06x' $(( ${#smb} / 2 )))
client -x "00${len}${smb}" 127.0.0.1 "$P0"
echo "$OUT" | grep -q "args=-DNT 1 LM 0.12 -DLM1.2 smbarg FF534D4272" ||
    fail "SMB over NetBIOS: $OUT"
# a negotiate message with a wrong command is refused, logged
bad=$(echo "$smb" | sed 's/^ff534d4272/ff534d4273/')
client -x "$bad" 127.0.0.1 "$P0"
ls_log_wait "SMB parser:: Bad Command Code, 0x73"
