/*
 * rpc.c - registering services with rpcbind, away from the event loop.
 *
 * rpcb_set and rpcb_unset are RPC calls that wait for rpcbind (for many
 * seconds when it hangs).  The listener makes each one in a short-lived
 * child and logs the outcome when the child is reaped, so a missing or
 * stuck rpcbind never stalls service.  A registration is removed when its
 * address is unbound and when the listener exits.
 */
#include "config.h"

#include "ls.h"

#include <errno.h>
#include <netconfig.h>
#include <rpc/rpc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How long the listener waits for its last unregistrations at exit. */
#define LS_RPC_EXIT_MS 3000

/* The netconfig entry of the net_spec (walked, not getnetconfigent: that
 * one sleeps ten seconds for the netid "unix"). */
static struct netconfig *
ls_netconfig(const char *netid, void **handle)
{
	struct netconfig *nc;

	if ((*handle = setnetconfig()) == NULL)
		return NULL;
	while ((nc = getnetconfig(*handle)) != NULL)
		if (strcmp(nc->nc_netid, netid) == 0)
			return nc;
	endnetconfig(*handle);
	*handle = NULL;
	return NULL;
}

/* In the child: 0 if done, 1 if not. */
static int
ls_rpc_child(
    const struct ls *ls, const struct ls_ep *ep, long prog, long vers, bool set)
{
	struct netbuf nb;
	struct netconfig *nc;
	void *h = NULL;
	int ok;

	if ((nc = ls_netconfig(ls->netspec, &h)) == NULL)
		return 1;
	(void)rpcb_unset((rpcprog_t)prog, (rpcvers_t)vers, nc);
	ok = 1;
	if (set) {
		nb.buf = (void *)&ep->bound;
		nb.len = nb.maxlen = ep->blen;
		ok = rpcb_set((rpcprog_t)prog, (rpcvers_t)vers, nc, &nb);
	}
	endnetconfig(h);
	return ok ? 0 : 1;
}

static pid_t
ls_rpc_fork(struct ls *ls, struct ls_ep *ep, long prog, long vers, bool set)
{
	struct ls_child *k;
	sigset_t all;
	pid_t pid;

	ls_log_flush(); /* not the child's to write */
	pid = fork();
	if (pid < 0) {
		ls_log("rpcb_set failed, service not registered with rpcbind: "
		       "fork: %s",
		    strerror(errno));
		return -1;
	}
	if (pid == 0) {
		sigemptyset(&all);
		sigprocmask(SIG_SETMASK, &all, NULL);
		_exit(ls_rpc_child(ls, ep, prog, vers, set));
	}
	if ((k = ls_child_add(ls, pid)) != NULL) {
		k->rpc = true;
		snprintf(k->svc, sizeof(k->svc), "%s",
		    ep->svc != NULL ? ep->svc->ent.svctag : "");
		if (set)
			snprintf(k->rpcmsg, sizeof(k->rpcmsg),
			    "prognum %ld version %ld", prog, vers);
	}
	return pid;
}

void
ls_rpc_set(struct ls *ls, struct ls_ep *ep, long prog, long vers)
{
	if (ls_rpc_fork(ls, ep, prog, vers, true) > 0) {
		ep->prog = prog;
		ep->vers = vers;
	}
}

void
ls_rpc_unset(struct ls *ls, struct ls_ep *ep)
{
	(void)ls_rpc_fork(ls, ep, ep->prog, ep->vers, false);
	ep->prog = ep->vers = -1;
}

/* Reap the rpcbind helpers for at most LS_RPC_EXIT_MS: true if none is
 * left running. */
static bool
ls_rpc_reaped(struct ls *ls)
{
	struct timespec step = { 0, 20 * 1000000L };
	size_t i;
	int waited;

	for (waited = 0;; waited += 20) {
		ls_reap(ls);
		for (i = 0; i < ls->nkids; i++)
			if (ls->kids[i].pid > 0 && ls->kids[i].rpc)
				break;
		if (i == ls->nkids)
			return true;
		if (waited >= LS_RPC_EXIT_MS)
			return false;
		nanosleep(&step, NULL);
	}
}

void
ls_rpc_unset_all(struct ls *ls)
{
	size_t i;

	for (i = 0; i < ls->tab.n; i++)
		if (ls->tab.v[i].ep != NULL && ls->tab.v[i].ep->prog >= 0)
			ls_rpc_unset(ls, ls->tab.v[i].ep);
	/* bounded: the listener exits even if rpcbind does not answer */
	if (ls_rpc_reaped(ls))
		return;
	/* a helper still waiting for rpcbind is not left behind: killed,
	 * and reaped (a bounded time more) */
	for (i = 0; i < ls->nkids; i++)
		if (ls->kids[i].pid > 0 && ls->kids[i].rpc) {
			ls_log("rpcbind helper (pid %ld) did not finish in %d "
			       "ms: killed",
			    (long)ls->kids[i].pid, LS_RPC_EXIT_MS);
			(void)kill(ls->kids[i].pid, SIGKILL);
		}
	(void)ls_rpc_reaped(ls);
}
