/*
 * nls_impl.h - libnls internals: the pure helpers (hex, NLPS request and
 * reply, the connection message) that the calls, the tests and the fuzz
 * targets share, and the library's bounds.
 *
 * Nothing here is exported: libnls.map keeps only the names of <listen.h>.
 * The pure helpers touch no descriptor, file, clock or environment.
 */
#ifndef LISTEN_NLS_IMPL_H
#define LISTEN_NLS_IMPL_H

#include "config.h"

#include "listen.h"

#include <stdbool.h>
#include <stddef.h>

#define NLSI_HIDDEN    __attribute__((visibility("hidden")))
#define NLSI_ENTRY     __attribute__((visibility("default")))

/* ---- hex (nls_hex.c): the NLSADDR/NLSOPT/NLSUDATA encoding ---- */

/* Results of nlsi_c2addr, the reference's nlsc2addr codes. */
#define NLSI_HEX_ODD   (-1) /* odd number of digits */
#define NLSI_HEX_SMALL (-2) /* the output buffer is too small */
#define NLSI_HEX_DIGIT (-3) /* a character that is not a hex digit */

/* Results of nlsi_env (and so netbuf.len of nlsgetcall), the reference's
 * nlsenv codes; a bad digit is NLSI_HEX_DIGIT. */
#define NLSI_ENV_UNSET (-11) /* the variable is not set */
#define NLSI_ENV_ODD   (-12) /* odd length */
#define NLSI_ENV_NOMEM (-13) /* out of memory */

/* Decode hexlen hex digits (either case) of hex into addr (maxlen bytes):
 * the byte count, or an NLSI_HEX_* code (checked in that order: odd,
 * small, digit).  addr is written only on success. */
NLSI_HIDDEN int nlsi_c2addr(
    unsigned char *addr, size_t maxlen, const char *hex, size_t hexlen);
/* Encode len bytes as uppercase hex and a NUL into out (outsz bytes): the
 * digit count, or -1 (nothing written) if 2 * len + 1 > outsz. */
NLSI_HIDDEN int nlsi_addr2c(
    char *out, size_t outsz, const unsigned char *addr, size_t len);

/* ---- NLPS (nls_reply.c) ---- */

/* The longest service code: SVC_CODE_SZ - 1 characters. */
#define NLSI_CODE_MAX     (SVC_CODE_SZ - 1)
/* The request "NLPS:002:002:<code>" and its NUL. */
#define NLSI_REQ_MAX      (sizeof("NLPS:002:002:") + NLSI_CODE_MAX)
/*
 * The largest reply read, its NUL included.  SVR4 had 256 bytes, but the
 * listener's texts carry the service's command path: a reply is at most
 * its request limit (1024 bytes, illumos BUFSIZ) plus its fixed words, so
 * twice that leaves room.
 */
#define NLSI_REPLY_MAX    2048
/* Version and code fields of a reply: 1 to 3 decimal digits, as the
 * listener reads the version fields of a request ("%3d"). */
#define NLSI_FIELD_DIGITS 3

/* Build the request for code into buf (size bytes): its length with the
 * NUL, or -1 if code is NULL, empty or longer than NLSI_CODE_MAX (or the
 * buffer is too small). */
NLSI_HIDDEN int nlsi_request(char *buf, size_t size, const char *code);
/* Parse a reply "<ver>:<code>[:<text>]" of len bytes (its NUL not
 * included; a NUL inside is an error): the code (0-999) and *text the
 * offset of the text (len if there is none), or -1. */
NLSI_HIDDEN int nlsi_parse_reply(const char *msg, size_t len, size_t *text);

/* ---- the connection message (nls_pass.c) ---- */

/* Check a received struct nls_passmsg of len bytes: magic, version, size,
 * NUL-terminated strings, address lengths in range.  True if valid. */
NLSI_HIDDEN bool nlsi_passmsg_ok(const void *buf, size_t len);
/* Fill info from a valid message (netbufs pointing into info). */
NLSI_HIDDEN void nlsi_callinfo(
    struct nls_callinfo *info, const struct nls_passmsg *m);

#endif /* LISTEN_NLS_IMPL_H */
