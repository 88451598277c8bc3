/*
 * check_alloc_xti.c - t_alloc and t_free under XTI rules: buffer sizes
 * from t_info per structure and field, T_ALL (0xffff), fields whose size
 * is T_INVALID (no buffer; an error unless the caller asked for T_ALL),
 * TNOSTRUCTYPE.  Leaks show in the sanitizer build.
 */
#include <xti.h>

#include "misc_util.h"

static int
open_info(const char *name, struct t_info *info)
{
	int fd = t_open(name, O_RDWR, info);

	ck_assert_msg(fd >= 0, "t_open(%s): t_errno %d", name, t_errno);
	return fd;
}

/* A netbuf with a zeroed buffer of exactly size bytes (or none). */
static void
check_nb(const struct netbuf *nb, int size)
{
	int i;

	ck_assert_uint_eq(nb->len, 0);
	if (size <= 0) {
		ck_assert_ptr_null(nb->buf);
		ck_assert_uint_eq(nb->maxlen, 0);
		return;
	}
	ck_assert_ptr_nonnull(nb->buf);
	ck_assert_uint_eq(nb->maxlen, (unsigned int)size);
	for (i = 0; i < size; i++)
		ck_assert_int_eq(((unsigned char *)nb->buf)[i], 0);
	/* the whole buffer is ours to write */
	memset(nb->buf, 0xee, (size_t)size);
}

static void
check_empty(const struct netbuf *nb)
{
	check_nb(nb, 0);
}

START_TEST(test_constants)
{
	ck_assert_int_eq(T_ALL, 0xffff);
	ck_assert_int_eq(T_ADDR, 0x01);
	ck_assert_int_eq(T_OPT, 0x02);
	ck_assert_int_eq(T_UDATA, 0x04);
	ck_assert_int_eq(T_BIND, 1);
	ck_assert_int_eq(T_INFO, 7);
}
END_TEST

START_TEST(test_bind)
{
	struct t_info info;
	struct t_bind *b;
	int fd = open_info("tcp", &info);

	b = t_alloc(fd, T_BIND, T_ADDR);
	ck_assert_ptr_nonnull(b);
	check_nb(&b->addr, 16);
	ck_assert_uint_eq(b->qlen, 0);
	MU_TOK(t_free(b, T_BIND));
	b = t_alloc(fd, T_BIND, T_ALL);
	ck_assert_ptr_nonnull(b);
	check_nb(&b->addr, 16);
	MU_TOK(t_free(b, T_BIND));
	/* no fields: the structure alone */
	b = t_alloc(fd, T_BIND, 0);
	ck_assert_ptr_nonnull(b);
	check_empty(&b->addr);
	MU_TOK(t_free(b, T_BIND));
	/* a field the structure does not have is ignored */
	b = t_alloc(fd, T_BIND, T_ADDR | T_UDATA);
	ck_assert_ptr_nonnull(b);
	check_nb(&b->addr, 16);
	MU_TOK(t_free(b, T_BIND));
	t_close(fd);
}
END_TEST

START_TEST(test_optmgmt)
{
	struct t_info info;
	struct t_optmgmt *o;
	int fd = open_info("udp6", &info);

	o = t_alloc(fd, T_OPTMGMT, T_OPT);
	ck_assert_ptr_nonnull(o);
	check_nb(&o->opt, info.options);
	ck_assert_int_eq(o->flags, 0);
	MU_TOK(t_free(o, T_OPTMGMT));
	t_close(fd);
}
END_TEST

/* TCP has no connect data: T_UDATA alone or with others is an error. */
START_TEST(test_call_tcp)
{
	struct t_info info;
	struct t_call *c;
	int fd = open_info("tcp", &info);

	ck_assert_int_eq(info.connect, T_INVALID);
	c = t_alloc(fd, T_CALL, T_ADDR | T_OPT);
	ck_assert_ptr_nonnull(c);
	check_nb(&c->addr, 16);
	check_nb(&c->opt, info.options);
	check_empty(&c->udata);
	ck_assert_int_eq(c->sequence, 0);
	MU_TOK(t_free(c, T_CALL));

	errno = 0;
	ck_assert_ptr_null(t_alloc(fd, T_CALL, T_ADDR | T_OPT | T_UDATA));
	ck_assert_int_eq(t_errno, TSYSERR);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_ptr_null(t_alloc(fd, T_CALL, T_UDATA));
	ck_assert_int_eq(t_errno, TSYSERR);
	ck_assert_int_eq(errno, EINVAL);

	/* T_ALL: every field that can exist, no error */
	c = t_alloc(fd, T_CALL, T_ALL);
	ck_assert_ptr_nonnull(c);
	check_nb(&c->addr, 16);
	check_nb(&c->opt, info.options);
	check_empty(&c->udata);
	MU_TOK(t_free(c, T_CALL));
	t_close(fd);
}
END_TEST

START_TEST(test_dis_tcp)
{
	struct t_discon *d;
	int fd = open_info("tcp6", NULL);

	ck_assert_ptr_null(t_alloc(fd, T_DIS, T_UDATA));
	ck_assert_int_eq(t_errno, TSYSERR);
	ck_assert_int_eq(errno, EINVAL);
	d = t_alloc(fd, T_DIS, T_ALL);
	ck_assert_ptr_nonnull(d);
	check_empty(&d->udata);
	ck_assert_int_eq(d->reason, 0);
	ck_assert_int_eq(d->sequence, 0);
	MU_TOK(t_free(d, T_DIS));
	d = t_alloc(fd, T_DIS, 0);
	ck_assert_ptr_nonnull(d);
	MU_TOK(t_free(d, T_DIS));
	t_close(fd);
}
END_TEST

/* A size of 0 (TCP's tsdu) gives no buffer and no error. */
START_TEST(test_unitdata_tcp)
{
	struct t_unitdata *u;
	int fd = open_info("tcp", NULL);

	u = t_alloc(fd, T_UNITDATA, T_ADDR | T_UDATA);
	ck_assert_ptr_nonnull(u);
	check_nb(&u->addr, 16);
	check_empty(&u->opt);
	check_empty(&u->udata);
	MU_TOK(t_free(u, T_UNITDATA));
	t_close(fd);
}
END_TEST

/* Datagram providers: every field per provider. */
START_TEST(test_unitdata_clts)
{
	static const char *const names[] = { "udp", "udp6", "ticlts" };
	const struct mu_prov *p = mu_prov(names[_i]);
	struct t_info info;
	struct t_unitdata *u;
	struct t_uderr *e;
	int fd = open_info(p->name, &info);

	u = t_alloc(fd, T_UNITDATA, T_ADDR | T_OPT | T_UDATA);
	ck_assert_ptr_nonnull(u);
	check_nb(&u->addr, p->addr);
	check_nb(&u->opt, p->options);
	check_nb(&u->udata, p->tsdu);
	MU_TOK(t_free(u, T_UNITDATA));
	u = t_alloc(fd, T_UNITDATA, T_ALL);
	ck_assert_ptr_nonnull(u);
	check_nb(&u->addr, p->addr);
	check_nb(&u->opt, p->options);
	check_nb(&u->udata, p->tsdu);
	MU_TOK(t_free(u, T_UNITDATA));
	e = t_alloc(fd, T_UDERROR, T_ALL);
	ck_assert_ptr_nonnull(e);
	check_nb(&e->addr, p->addr);
	check_nb(&e->opt, p->options);
	ck_assert_int_eq(e->error, 0);
	MU_TOK(t_free(e, T_UDERROR));
	e = t_alloc(fd, T_UDERROR, T_ADDR);
	ck_assert_ptr_nonnull(e);
	check_nb(&e->addr, p->addr);
	check_empty(&e->opt);
	MU_TOK(t_free(e, T_UDERROR));
	/* a datagram provider has no connect data either */
	ck_assert_ptr_null(t_alloc(fd, T_CALL, T_UDATA));
	ck_assert_int_eq(t_errno, TSYSERR);
	t_close(fd);
}
END_TEST

/* The SVR4 loopback transports: abstract names up to 107 bytes. */
START_TEST(test_call_ticotsord)
{
	struct t_call *c;
	int fd = open_info("ticotsord", NULL);

	c = t_alloc(fd, T_CALL, T_ALL);
	ck_assert_ptr_nonnull(c);
	check_nb(&c->addr, 107);
	check_nb(&c->opt, 124);
	check_empty(&c->udata);
	MU_TOK(t_free(c, T_CALL));
	t_close(fd);
}
END_TEST

START_TEST(test_info)
{
	struct t_info *in;
	int fd = open_info("udp", NULL);

	in = t_alloc(fd, T_INFO, T_ALL);
	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(in->addr, 0);
	ck_assert_int_eq(in->flags, 0);
	/* room for the XTI structure, flags included */
	MU_TOK(t_getinfo(fd, in));
	ck_assert_int_eq(in->flags, T_SENDZERO);
	MU_TOK(t_free(in, T_INFO));
	t_close(fd);
}
END_TEST

START_TEST(test_bad_type)
{
	static const int bad[] = { 0, 8, -1, 100, T_ALL };
	size_t i;
	int fd = open_info("tcp", NULL);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t_errno = 0;
		ck_assert_ptr_null(t_alloc(fd, bad[i], T_ALL));
		ck_assert_int_eq(t_errno, TNOSTRUCTYPE);
		MU_TFAIL(t_free(NULL, bad[i]), TNOSTRUCTYPE);
	}
	t_close(fd);
}
END_TEST

START_TEST(test_bad_fd)
{
	int p[2];

	ck_assert_ptr_null(t_alloc(-1, T_BIND, T_ALL));
	ck_assert_int_eq(t_errno, TBADF);
	ck_assert(pipe(p) == 0);
	ck_assert_ptr_null(t_alloc(p[0], T_CALL, T_ALL));
	ck_assert_int_eq(t_errno, TBADF);
}
END_TEST

/* Every structure type, allocated fully and freed; NULL is fine. */
START_TEST(test_free_each)
{
	static const int types[] = { T_BIND, T_OPTMGMT, T_CALL, T_DIS,
		T_UNITDATA, T_UDERROR, T_INFO };
	size_t i;
	void *p;
	int fd = open_info("udp", NULL);

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		p = t_alloc(fd, types[i], T_ALL);
		ck_assert_ptr_nonnull(p);
		MU_TOK(t_free(p, types[i]));
		MU_TOK(t_free(NULL, types[i]));
	}
	t_close(fd);
}
END_TEST

/* t_free releases buffers the program allocated itself. */
START_TEST(test_free_user_buffers)
{
	struct t_unitdata *u;
	int fd = open_info("udp", NULL);

	u = t_alloc(fd, T_UNITDATA, 0);
	ck_assert_ptr_nonnull(u);
	u->addr.buf = malloc(16);
	u->udata.buf = malloc(100);
	u->udata.maxlen = 100;
	MU_TOK(t_free(u, T_UNITDATA));
	t_close(fd);
}
END_TEST

/* A structure from t_alloc works with the calls it is made for. */
START_TEST(test_alloc_use_bind)
{
	struct t_bind *req, *ret;
	int fd = open_info("tcp", NULL);

	req = t_alloc(fd, T_BIND, T_ALL);
	ret = t_alloc(fd, T_BIND, T_ALL);
	ck_assert_ptr_nonnull(req);
	ck_assert_ptr_nonnull(ret);
	mu_sin_loop(req->addr.buf, 0);
	req->addr.len = sizeof(struct sockaddr_in);
	memset(ret->addr.buf, 0, ret->addr.maxlen);
	MU_TOK(t_bind(fd, req, ret));
	ck_assert_uint_eq(ret->addr.len, sizeof(struct sockaddr_in));
	ck_assert_int_ne(((struct sockaddr_in *)ret->addr.buf)->sin_port, 0);
	t_free(req, T_BIND);
	t_free(ret, T_BIND);
	t_close(fd);
}
END_TEST

static Suite *
alloc_suite(void)
{
	Suite *s = suite_create("alloc_xti");
	TCase *tc = tcase_create("t_alloc");

	tcase_add_test(tc, test_constants);
	tcase_add_test(tc, test_bind);
	tcase_add_test(tc, test_optmgmt);
	tcase_add_test(tc, test_call_tcp);
	tcase_add_test(tc, test_dis_tcp);
	tcase_add_test(tc, test_unitdata_tcp);
	tcase_add_loop_test(tc, test_unitdata_clts, 0, 3);
	tcase_add_test(tc, test_call_ticotsord);
	tcase_add_test(tc, test_info);
	tcase_add_test(tc, test_bad_type);
	tcase_add_test(tc, test_bad_fd);
	suite_add_tcase(s, tc);
	tc = tcase_create("t_free");
	tcase_add_test(tc, test_free_each);
	tcase_add_test(tc, test_free_user_buffers);
	tcase_add_test(tc, test_alloc_use_bind);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mu_run(alloc_suite());
}
