/*
 * saf_msg.c - the messages of the SAC protocols.
 *
 * sacmsg (sac -> port monitor) and pmmsg (port monitor -> sac) are the raw
 * <sac.h> structs; admcmd (sacadm -> sac) and admack (sac -> sacadm) the
 * <saf.h> ones.  Encoders start from zeroed memory, so no padding byte of
 * ours goes out uninitialised.  Decoders take received bytes: fewer bytes
 * than the struct is SAF_ESHORT and nothing is filled; otherwise the struct
 * is filled and then checked (type, state, tag NUL-terminated and valid,
 * data size, pid), the first problem being returned, so that the receiver
 * can still answer PM_UNKNOWN or AK_UNKNOWN to the sender it names.
 */
#include "saf_impl.h"

#include <string.h>

static const char *const saf_states[] = {
	[SAF_NOTRUNNING] = "NOTRUNNING",
	[SAF_STARTING] = "STARTING",
	[SAF_ENABLED] = "ENABLED",
	[SAF_DISABLED] = "DISABLED",
	[SAF_STOPPING] = "STOPPING",
	[SAF_FAILED] = "FAILED",
	[SAF_UNKNOWN] = "UNKNOWN",
};

const char *
saf_state_name(int state)
{
	if (state == SAF_NOSAC)
		return "NO_SAC";
	if (state < 0 || state > SAF_UNKNOWN)
		return NULL;
	return saf_states[state];
}

/* A received tag: NUL-terminated within its array, and a valid tag. */
static int
saf_msg_tag(const char *tag, size_t size, struct saf_error *err)
{
	size_t len = strnlen(tag, size);

	if (len == size)
		return safi_err(
		    err, SAF_EBADTAG, 0, 0, "tag", "tag not NUL-terminated");
	if (saf_tag_check(tag, len, SAF_PMTAG_MAX, "tag", err) < 0)
		return safi_err(err, SAF_EBADTAG, 0, 0, "tag",
		    "tag is not a port monitor tag");
	return 0;
}

/* Copy a tag to be sent into its array; it must be a valid tag. */
static int
saf_msg_settag(char *dst, size_t size, const char *tag, struct saf_error *err)
{
	size_t len = strlen(tag);

	if (saf_tag_check(tag, len, size - 1, "tag", err) < 0)
		return -1;
	memcpy(dst, tag, len + 1);
	return 0;
}

/* Copy a received message of len bytes into m of size bytes. */
static int
saf_copyin(
    const void *buf, size_t len, void *m, size_t size, struct saf_error *err)
{
	if (len < size)
		return safi_err(err, SAF_ESHORT, 0, 0, NULL,
		    "message of %zu bytes, %zu expected", len, size);
	memcpy(m, buf, size);
	return 0;
}

int
saf_sacmsg_encode(struct sacmsg *m, int type)
{
	memset(m, 0, sizeof(*m));
	m->sc_type = (char)type;
	return 0;
}

int
saf_sacmsg_decode(
    const void *buf, size_t len, struct sacmsg *m, struct saf_error *err)
{
	if (saf_copyin(buf, len, m, sizeof(*m), err) < 0)
		return -1;
	if (m->sc_type < SC_STATUS || m->sc_type > SC_READDB)
		return safi_err(err, SAF_EBADTYPE, 0, 0, "sc_type",
		    "unknown message type %d", m->sc_type);
	if (m->sc_size < 0)
		return safi_err(err, SAF_EBADSIZE, 0, 0, "sc_size",
		    "negative data size %d", m->sc_size);
	return 0;
}

int
saf_pmmsg_encode(struct pmmsg *m, int type, int state, const char *tag,
    struct saf_error *err)
{
	memset(m, 0, sizeof(*m));
	m->pm_type = (char)type;
	m->pm_state = (unsigned char)state;
	m->pm_maxclass = 1; /* only message class 1 exists */
	return saf_msg_settag(m->pm_tag, sizeof(m->pm_tag), tag, err);
}

int
saf_pmmsg_decode(
    const void *buf, size_t len, struct pmmsg *m, struct saf_error *err)
{
	if (saf_copyin(buf, len, m, sizeof(*m), err) < 0)
		return -1;
	if (saf_msg_tag(m->pm_tag, sizeof(m->pm_tag), err) < 0)
		return -1;
	if (m->pm_type != PM_STATUS && m->pm_type != PM_UNKNOWN)
		return safi_err(err, SAF_EBADTYPE, 0, 0, "pm_type",
		    "unknown message type %d", m->pm_type);
	if (m->pm_state < PM_STARTING || m->pm_state > PM_STOPPING)
		return safi_err(err, SAF_EBADSTATE, 0, 0, "pm_state",
		    "port monitor <%s> reporting invalid state", m->pm_tag);
	if (m->pm_size < 0)
		return safi_err(err, SAF_EBADSIZE, 0, 0, "pm_size",
		    "negative data size %d", m->pm_size);
	return 0;
}

int
saf_admcmd_encode(struct admcmd *m, int type, const char *tag, pid_t pid,
    struct saf_error *err)
{
	memset(m, 0, sizeof(*m));
	m->ac_mtype = (char)type;
	m->ac_pid = pid;
	if (tag == NULL)
		return 0;
	return saf_msg_settag(m->ac_tag, sizeof(m->ac_tag), tag, err);
}

int
saf_admcmd_decode(
    const void *buf, size_t len, struct admcmd *m, struct saf_error *err)
{
	if (saf_copyin(buf, len, m, sizeof(*m), err) < 0)
		return -1;
	if (m->ac_pid <= 0)
		return safi_err(err, SAF_EBADPID, 0, 0, "ac_pid",
		    "bad sender pid %ld", (long)m->ac_pid);
	if (m->ac_mtype < AC_START || m->ac_mtype > AC_PMREAD)
		return safi_err(err, SAF_EBADTYPE, 0, 0, "ac_mtype",
		    "unknown command %d", m->ac_mtype);
	/* AC_STATUS and AC_SACREAD name no port monitor */
	if (m->ac_mtype == AC_STATUS || m->ac_mtype == AC_SACREAD)
		return 0;
	return saf_msg_tag(m->ac_tag, sizeof(m->ac_tag), err);
}

int
saf_admack_encode(struct admack *m, int resp, pid_t pid, long size)
{
	memset(m, 0, sizeof(*m));
	m->ak_resp = (char)resp;
	m->ak_pid = pid;
	m->ak_size = size;
	return 0;
}

int
saf_admack_decode(
    const void *buf, size_t len, struct admack *m, struct saf_error *err)
{
	if (saf_copyin(buf, len, m, sizeof(*m), err) < 0)
		return -1;
	if (m->ak_resp < AK_ACK || m->ak_resp > AK_REQFAIL)
		return safi_err(err, SAF_EBADTYPE, 0, 0, "ak_resp",
		    "unknown response %d", m->ak_resp);
	if (m->ak_size < 0 || m->ak_size > SAF_STATUS_MAX ||
	    (m->ak_size > 0 && m->ak_resp != AK_ACK))
		return safi_err(err, SAF_EBADSIZE, 0, 0, "ak_size",
		    "bad data size %ld", m->ak_size);
	return 0;
}
