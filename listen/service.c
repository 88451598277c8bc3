/*
 * service.c - the live service set.
 *
 * Loading: _pmtab's version line, then the whole table parsed and checked
 * (table.c), then each service prepared (spawn.c), then the addresses
 * bound.  A bad table at start-up ends the listener (exit 39, 40 or 71,
 * with the file and line logged); on a re-read it is logged and the
 * current table stays in force, serving.
 *
 * A re-read merges as the original did, keeping more: an endpoint whose
 * address is unchanged (same parsed address, or dynamic with the same
 * service code) is handed to the new record with its socket, so callers
 * queued on it are not lost; rpcbind registrations follow changes of
 * prog/vers; endpoints no longer wanted are unbound; then every record
 * without an endpoint is bound (which retries earlier failures).
 */
#include "config.h"

#include "ls.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static unsigned long
ls_fds_free(void)
{
	struct rlimit rl;
	unsigned long used = 0;
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;

	if (d != NULL) {
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] != '.')
				used++;
		closedir(d);
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur < used)
		return 0;
	return (unsigned long)rl.rlim_cur - used;
}

static size_t
ls_nbound(const struct ls_table *t)
{
	size_t i, n = 0;

	for (i = 0; i < t->n; i++)
		n += t->v[i].ep != NULL;
	return n;
}

/* May the listener act on its table?  Not if anyone but root (or the
 * listener's own user) could change it: it names programs and the users
 * they run as.  0, or -1 (logged; fatal when initial). */
static int
ls_table_trusted(bool initial, const char *path)
{
	char why[SAF_PATH_MAX + 96];

	if (saf_file_trusted(path, why, sizeof(why)) >= 0 || errno != EPERM)
		return 0; /* missing or unreadable: said below */
	ls_log("Data base file refused: %s", why);
	if (initial)
		ls_fatal(LS_EX_DBF_IO,
		    "An I/O error occurred while reading the listener data "
		    "base");
	ls_log("Re-read failed: keeping the current data base");
	return -1;
}

/* Read and check the table at path a piece at a time (a table of
 * thousands of services is never held whole as text): 0, -1 with errno
 * (the file), or -2 and *err (its text). */
static int
ls_table_read(
    const char *path, int domain, struct ls_table *t, struct saf_error *err)
{
	char chunk[16384], line[SAF_LINE_MAX + 2];
	size_t lines = 1, total = 0, ll = 0;
	const char *p, *end;
	int fd, e, lineno = 0;
	ssize_t n;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	/* the lines first: room for as many records, at once */
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (total += (size_t)n) > (size_t)SAF_TABLE_MAX) {
			e = n < 0 ? errno : EFBIG;
			close(fd);
			errno = e;
			return -1;
		}
		for (p = chunk, end = chunk + n;
		     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
			lines++;
	}
	if (lseek(fd, 0, SEEK_SET) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (ls_table_begin(t, lines, err) < 0) {
		close(fd);
		return -2;
	}
	/* then each line; one longer than line[] is cut at SAF_LINE_MAX + 1
	 * bytes, which the parser refuses as too long all the same */
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			ls_table_free(t);
			close(fd);
			errno = e;
			return -1;
		}
		for (p = chunk, end = chunk + n; p < end;) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t seg = (size_t)((nl != NULL ? nl : end) - p);
			size_t room = sizeof(line) - ll;

			memcpy(line + ll, p, seg < room ? seg : room);
			ll += seg < room ? seg : room;
			p += seg;
			if (nl == NULL)
				break;
			p++;
			if (ls_table_add(t, line, ll, ++lineno, domain, err) <
			    0) {
				close(fd);
				return -2;
			}
			ll = 0;
		}
	}
	close(fd);
	if (ll > 0 && ls_table_add(t, line, ll, ++lineno, domain, err) < 0)
		return -2;
	return 0;
}

/* Read, check and prepare the table: 0, or -1 (logged; fatal when initial). */
static int
ls_load(struct ls *ls, bool initial, struct ls_table *t)
{
	char path[SAF_PATH_MAX], what[SAF_ERRTEXT_MAX + 64];
	struct saf_error err;
	size_t i;
	int v;

	if (saf_path(path, sizeof(path), SAF_P_PMTAB, ls->tag) < 0)
		v = 2;
	else if (ls_table_trusted(initial, path) < 0)
		return -1;
	else
		v = check_version(SAF_LISTEN_VERSION, path);
	if (v != 0) {
		const char *why = v == 1 ?
		    "Database file is not at the current "
		    "version" :
		    v == 2 ? "Trouble opening data base file" :
			     "Data base file has been corrupted";

		if (initial)
			ls_fatal(v == 1 ? LS_EX_BADVER :
				v == 2  ? LS_EX_DBF_IO :
					  LS_EX_DBF_CORRUPT,
			    "%s", why);
		ls_log("%s: %s; keeping the current data base", path, why);
		return -1;
	}
	v = ls_table_read(path, ls->domain, t, &err);
	if (v == -1) {
		if (initial)
			ls_fatal(
			    LS_EX_DBF_IO, "Trouble opening data base file");
		ls_log("%s: %s; keeping the current data base", path,
		    strerror(errno));
		return -1;
	}
	if (v < 0) {
		saf_error_format(&err, what, sizeof(what));
		ls_log("Data base file: %s: %s", path, what);
		if (initial)
			ls_fatal(LS_EX_DBF_IO,
			    "An I/O error occurred while "
			    "reading the listener data base");
		ls_log("Re-read failed: keeping the current data base");
		return -1;
	}
	if (t->n == 0)
		ls_log("No database?  0 entries?");
	ls_spawn_prepare_all(ls, t);
	for (i = 0; i < t->n; i++) {
		if (!t->v[i].ready)
			ls_log(
			    "service %s: %s", t->v[i].ent.svctag, t->v[i].why);
	}
	return 0;
}

void
ls_table_release(struct ls_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		ls_spawn_release(&t->v[i]);
	ls_spawn_release_table(t);
	ls_table_free(t);
}

static bool
ls_same_addr(const struct ls_svc *a, const struct ls_svc *b)
{
	if (a->dynamic || b->dynamic)
		return a->dynamic && b->dynamic &&
		    strcmp(a->ent.svctag, b->ent.svctag) == 0;
	return a->has_addr && b->has_addr && a->alen == b->alen &&
	    memcmp(a->addr, b->addr, a->alen) == 0;
}

/* What ls_same_addr compares, hashed (FNV-1a): the service code of a
 * dynamic address, the bytes of a static one. */
static size_t
ls_addr_hash(const struct ls_svc *s)
{
	const unsigned char *p = (const unsigned char *)s->addr;
	size_t i, n = s->alen;
	uint32_t h = 2166136261U;

	if (s->dynamic) {
		p = (const unsigned char *)s->ent.svctag;
		n = strlen(s->ent.svctag);
		h = (h ^ 'd') * 16777619U;
	}
	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619U;
	return h;
}

/* The new record s keeps the address of old's endpoint ep. */
static void
ls_take_one(struct ls *ls, struct ls_svc *o, struct ls_svc *s)
{
	struct ls_ep *ep = o->ep;

	o->ep = NULL;
	ep->svc = s;
	s->ep = ep;
	ls_log("Service %s: fd %d addr %s", s->ent.svctag, ep->fd, ep->addrstr);
	if (ep->prog != s->rec.prog || ep->vers != s->rec.vers) {
		if (ep->prog >= 0)
			ls_rpc_unset(ls, ep);
		if (s->rec.prog >= 0 && s->rec.vers >= 0)
			ls_rpc_set(ls, ep, s->rec.prog, s->rec.vers);
	}
}

/* Hand old endpoints to the new records that keep their address: the
 * old ones bound are indexed by address first (open addressing), so a
 * re-read of a big table does not compare every pair. */
static void
ls_take_over(struct ls *ls, struct ls_table *old, struct ls_table *nt)
{
	size_t i, j, k, mask, cap = 16;
	uint32_t *h;

	while (cap < 2 * old->n)
		cap *= 2;
	mask = cap - 1;
	if ((h = calloc(cap, sizeof(*h))) == NULL) {
		/* no room for the index: every pair, then */
		for (i = 0; i < nt->n; i++)
			for (j = 0; j < old->n && nt->v[i].has_addr; j++)
				if (old->v[j].ep != NULL &&
				    ls_same_addr(&old->v[j], &nt->v[i])) {
					ls_take_one(ls, &old->v[j], &nt->v[i]);
					break;
				}
		return;
	}
	for (j = 0; j < old->n; j++) {
		if (old->v[j].ep == NULL)
			continue;
		for (k = ls_addr_hash(&old->v[j]) & mask; h[k] != 0;)
			k = (k + 1) & mask;
		h[k] = (uint32_t)(j + 1);
	}
	for (i = 0; i < nt->n; i++) {
		struct ls_svc *s = &nt->v[i];

		if (!s->has_addr)
			continue;
		for (k = ls_addr_hash(s) & mask; h[k] != 0;
		     k = (k + 1) & mask) {
			struct ls_svc *o = &old->v[h[k] - 1];

			if (o->ep != NULL && ls_same_addr(o, s)) {
				ls_take_one(ls, o, s);
				break;
			}
		}
	}
	free(h);
}

/* A service's counters go on under its code; running is recounted. */
static void
ls_carry_counts(const struct ls_svc *old, struct ls_table *nt)
{
	struct ls_svc *s = ls_table_find(nt, old->ent.svctag);

	if (s != NULL) {
		s->n = old->n;
		s->n.running = 0;
	}
}

/* Children that run count for the service of the same code. */
static void
ls_recount(struct ls *ls)
{
	struct ls_svc *s;
	size_t i;

	for (i = 0; i < ls->nkids; i++)
		if (ls->kids[i].pid > 0 && !ls->kids[i].rpc &&
		    (s = ls_table_find(&ls->tab, ls->kids[i].svc)) != NULL)
			s->n.running++;
}

int
ls_read_table(struct ls *ls, bool initial)
{
	struct ls_table nt, old;
	size_t i;

	if (!initial)
		ls_log("Re-reading database");
	if (ls_load(ls, initial, &nt) < 0)
		return -1;
	old = ls->tab;
	if (!initial) {
		ls_take_over(ls, &old, &nt);
		for (i = 0; i < old.n; i++) {
			if (old.v[i].ep != NULL)
				ls_ep_unbind(ls, old.v[i].ep);
			/* the rendezvous, and connections waiting for it */
			ls_pass_move(
			    &old.v[i], ls_table_find(&nt, old.v[i].ent.svctag));
			ls_carry_counts(&old.v[i], &nt);
		}
		ls_table_release(&old);
	}
	ls->tab = nt;
	ls_recount(ls);
	ls_ep_rewatch_all(ls);
	ls_bind_all(ls, &ls->tab);
	i = ls_nbound(&ls->tab);
	ls_log("%s, %zu address%s bound, %lu fds free",
	    initial ? "Net opened" : "Re-read complete", i, i == 1 ? "" : "es",
	    ls_fds_free());
	return 0;
}

static void
ls_reread_cb(struct evloop *loop, struct evtimer *t, void *arg)
{
	(void)loop;
	(void)t;
	(void)ls_read_table(arg, false);
}

void
ls_schedule_reread(struct ls *ls)
{
	if (ls->reread == NULL)
		ls->reread = evloop_timer_new(ls->loop, ls_reread_cb, ls);
	if (ls->reread != NULL && !evloop_timer_armed(ls->reread))
		evloop_timer_arm(ls->reread, 0);
}

void
ls_dispatch(struct ls *ls, struct ls_svc *svc, int fd,
    const struct sockaddr_storage *peer, socklen_t plen, const char *via)
{
	ls->seq++;
	if (ls->state != PM_ENABLED) {
		ls_log("Incoming call while disabled: fd %d, seq %lu", fd,
		    ls->seq);
		svc->n.disabled++;
		ls_refuse(fd);
		return;
	}
	if (svc->ent.flags & SAF_PM_XFLAG) {
		ls_log("Request for service on fd %d denied: disabled", fd);
		svc->n.disabled++;
		ls_refuse(fd);
		return;
	}
	if (svc->how == LS_NLPS && via == NULL) {
		ls_request_start(ls, fd, peer, plen);
		return;
	}
	ls_log("Connect: fd %d, svctag %s, seq %lu, type %s", fd,
	    svc->ent.svctag, ls->seq, svc->how == LS_PASS ? "passfd" : "exec");
	if (!svc->ready) {
		ls_log("%s", svc->why);
		svc->n.failed++;
		ls_refuse(fd);
		return;
	}
	if (svc->how == LS_PASS) {
		/* on its own address, it reached what the endpoint is bound
		 * to (unless a wildcard) */
		bool own = via == NULL && svc->ep != NULL && svc->ep->specific;

		(void)ls_passfd(ls, svc, fd, peer, plen,
		    own ? &svc->ep->bound : NULL, own ? svc->ep->blen : 0);
		return;
	}
	svc->n.accepted++;
	(void)ls_exec(ls, svc, fd, peer, plen, NULL, 0, NULL);
}

void
ls_shutdown(struct ls *ls)
{
	size_t i;

	ls_spawn_end(ls);
	ls_request_shutdown(ls);
	ls_rpc_unset_all(ls);
	for (i = 0; i < ls->tab.n; i++)
		if (ls->tab.v[i].ep != NULL)
			ls_ep_unbind(ls, ls->tab.v[i].ep);
	ls_table_release(&ls->tab);
}
