/*
 * <xti_modules.h> - the recorded STREAMS module stack of an endpoint.
 *
 * Linux has no STREAMS.  libxti keeps, per endpoint descriptor, the list
 * of module names that would have been pushed, so that doconfig's push/pop
 * and the listener's modules field have a defined meaning.  A socket
 * already offers both interfaces the usual modules provide, so "timod"
 * (the TLI interface) and "tirdwr" (read/write) are accepted and recorded;
 * every other name is refused.  A new endpoint has "timod" on its stack.
 *
 * Functions return -1 and set errno on failure:
 *   EBADF    fd is not open (or is -1)
 *   ENOSTR   fd is not a socket of a supported kind
 *   ENOTSUP  the module has no equivalent on Linux (xti_push)
 *   EINVAL   the stack is empty (xti_pop), or a bad name or size
 *   ERANGE   the stack is full (xti_push)
 */
#ifndef LISTEN_XTI_MODULES_H
#define LISTEN_XTI_MODULES_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define XTI_FMNAMESZ   8 /* longest module name (SVR4 FMNAMESZ) */
#define XTI_MAXMODULES 8 /* deepest recorded stack */

/* Push module name on fd's stack. */
extern int xti_push(int fd, const char *name);
/* Pop the top module. */
extern int xti_pop(int fd);
/* Copy the top module's name into buf (I_LOOK); 0 on success. */
extern int xti_look(int fd, char *buf, size_t size);
/* 1 if name is on the stack, 0 if not (I_FIND). */
extern int xti_find(int fd, const char *name);
/* Number of modules on the stack. */
extern int xti_nmodules(int fd);
/* 1 if Linux offers an equivalent of module name, else 0. */
extern int xti_module_supported(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* LISTEN_XTI_MODULES_H */
