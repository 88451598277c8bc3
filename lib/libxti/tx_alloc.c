/*
 * tx_alloc.c - t_alloc and t_free.
 *
 * Buffer sizes come from the provider's t_info: addr for addresses,
 * options for option buffers, tsdu/connect/discon for user data.  A size
 * of T_INVALID (not supported) gives no buffer; XTI then fails unless the
 * caller asked for T_ALL, TLI never fails.  T_INFINITE gives 1024 bytes
 * under TLI and no buffer (an error unless T_ALL) under XTI; a size of 0
 * gives no buffer in both.
 */
#include "xti_entries.h"

#include <stdlib.h>
#include <string.h>

/* What TLI allocates for a field whose size is T_INFINITE. */
#define TX_TLI_INFINITE_SIZE 1024

/* Allocate one netbuf's buffer; false if XTI must fail. */
static bool
tx_alloc_netbuf(
    struct netbuf *nb, t_scalar_t size, int fields, enum tx_flavour flav)
{
	int all = flav == TX_XTI ? T_ALL : TX_TLI_T_ALL;

	nb->buf = NULL;
	nb->maxlen = nb->len = 0;
	if (size == T_INFINITE && flav == TX_TLI)
		size = TX_TLI_INFINITE_SIZE;
	if (size == T_INVALID || size == T_INFINITE) {
		if (flav == TX_XTI && fields != all) {
			errno = EINVAL;
			return false;
		}
		return true;
	}
	if (size <= 0)
		return true;
	nb->buf = calloc(1, (size_t)size);
	if (nb->buf == NULL)
		return false;
	nb->maxlen = (unsigned int)size;
	return true;
}

static size_t
tx_struct_size(int type)
{
	switch (type) {
	case T_BIND:
		return sizeof(struct t_bind);
	case T_OPTMGMT:
		return sizeof(struct t_optmgmt);
	case T_CALL:
		return sizeof(struct t_call);
	case T_DIS:
		return sizeof(struct t_discon);
	case T_UNITDATA:
		return sizeof(struct t_unitdata);
	case T_UDERROR:
		return sizeof(struct t_uderr);
	case T_INFO:
		return sizeof(struct t_info);
	}
	return 0;
}

static void tx_free_struct(void *ptr, int type);

static bool
tx_alloc_fields(void *p, int type, int fields, const struct t_info *in,
    enum tx_flavour flav)
{
	bool ok = true;
	t_scalar_t udata;

	switch (type) {
	case T_BIND: {
		struct t_bind *b = p;

		if (fields & T_ADDR)
			ok = tx_alloc_netbuf(&b->addr, in->addr, fields, flav);
		break;
	}
	case T_OPTMGMT:
		if (fields & T_OPT)
			ok = tx_alloc_netbuf(&((struct t_optmgmt *)p)->opt,
			    in->options, fields, flav);
		break;
	case T_CALL:
	case T_UNITDATA: {
		/* t_call and t_unitdata share the first three netbufs */
		struct t_unitdata *u = p;

		if (type == T_CALL)
			udata =
			    in->connect > in->discon ? in->connect : in->discon;
		else
			udata = in->tsdu;
		if (ok && (fields & T_ADDR))
			ok = tx_alloc_netbuf(&u->addr, in->addr, fields, flav);
		if (ok && (fields & T_OPT))
			ok =
			    tx_alloc_netbuf(&u->opt, in->options, fields, flav);
		if (ok && (fields & T_UDATA))
			ok = tx_alloc_netbuf(&u->udata, udata, fields, flav);
		break;
	}
	case T_DIS:
		if (fields & T_UDATA)
			ok = tx_alloc_netbuf(&((struct t_discon *)p)->udata,
			    in->discon, fields, flav);
		break;
	case T_UDERROR: {
		struct t_uderr *e = p;

		if (fields & T_ADDR)
			ok = tx_alloc_netbuf(&e->addr, in->addr, fields, flav);
		if (ok && (fields & T_OPT))
			ok =
			    tx_alloc_netbuf(&e->opt, in->options, fields, flav);
		break;
	}
	}
	return ok;
}

static void *
tx_alloc(int fd, int type, int fields, enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);
	struct t_info info;
	size_t size;
	void *p;
	int err;

	if (ep == NULL)
		return NULL;
	tx_fill_info(ep->kind, TX_XTI, &info);
	tx_leave();
	size = tx_struct_size(type);
	if (size == 0) {
		if (flav == TX_XTI)
			tx_fail(TNOSTRUCTYPE);
		else
			tx_sysfail(EINVAL);
		return NULL;
	}
	if (flav == TX_TLI && type == T_INFO)
		size = sizeof(struct tx_tli_info);
	if ((p = calloc(1, size)) == NULL) {
		tx_sysfail(ENOMEM);
		return NULL;
	}
	if (!tx_alloc_fields(p, type, fields, &info, flav)) {
		err = errno ? errno : ENOMEM;
		tx_free_struct(p, type);
		tx_sysfail(err);
		return NULL;
	}
	return p;
}

TX_ENTRY void *
t_alloc(int fd, int struct_type, int fields)
{
	return tx_alloc(fd, struct_type, fields, TX_TLI);
}

TX_ENTRY void *
_xti_alloc(int fd, int struct_type, int fields)
{
	return tx_alloc(fd, struct_type, fields, TX_XTI);
}

static void
tx_free_struct(void *ptr, int type)
{
	switch (type) {
	case T_BIND:
		free(((struct t_bind *)ptr)->addr.buf);
		break;
	case T_OPTMGMT:
		free(((struct t_optmgmt *)ptr)->opt.buf);
		break;
	case T_CALL:
	case T_UNITDATA: {
		struct t_unitdata *u = ptr;

		free(u->addr.buf);
		free(u->opt.buf);
		free(u->udata.buf);
		break;
	}
	case T_DIS:
		free(((struct t_discon *)ptr)->udata.buf);
		break;
	case T_UDERROR: {
		struct t_uderr *e = ptr;

		free(e->addr.buf);
		free(e->opt.buf);
		break;
	}
	}
	free(ptr);
}

static int
tx_free(void *ptr, int type, enum tx_flavour flav)
{
	if (tx_struct_size(type) == 0)
		return flav == TX_XTI ? tx_fail(TNOSTRUCTYPE) :
					tx_sysfail(EINVAL);
	if (ptr != NULL)
		tx_free_struct(ptr, type);
	return 0;
}

TX_ENTRY int
t_free(void *ptr, int struct_type)
{
	return tx_free(ptr, struct_type, TX_TLI);
}

TX_ENTRY int
_xti_free(void *ptr, int struct_type)
{
	return tx_free(ptr, struct_type, TX_XTI);
}
