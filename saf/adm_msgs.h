/*
 * adm_msgs.h - every message sacadm and pmadm print, in one place.
 *
 * The texts are the SVR4 commands' own, byte for byte (reference §4.4,
 * §5, §6, §7); each is printed to stderr followed by a newline.  They are
 * macros, not a table of pointers, so that the compiler checks every call's
 * arguments against its format: the formats are ours, never the user's
 * text.  Lines marked "ours" are new failures the original did not have
 * (or had without a word); they keep the original's wording where there
 * was one and add what went wrong.
 */
#ifndef LISTEN_ADM_MSGS_H
#define LISTEN_ADM_MSGS_H

/* ---- option checks (both commands) ---- */
#define MSG_NEWLINE       "Embedded newlines not allowed"
/* "%s" is "tag", "type" or "svctag" */
#define MSG_TRUNCATED     "%s too long, truncated to <%s>"
/* "%s" is "port monitor tag", "port monitor type" or "service tag" */
#define MSG_NOTALNUM      "%s must be alphanumeric"
#define MSG_FULLPATH      "command must be a full pathname"
#define MSG_NEGCOUNT      "restart count can not be negative"
#define MSG_NEGVERSION    "version number can not be negative"
#define MSG_BADFLAGS      "Invalid request, %s are not valid arguments for \"-f\""
#define MSG_NOPRIV        "User not privileged for operation"

/* ---- _sactab and _pmtab ---- */
#define MSG_SACTAB_VERSION "_sactab version number is incorrect"
#define MSG_OPEN_LC       "could not open %s"
#define MSG_OPEN          "Could not open %s"
#define MSG_FILE_CORRUPT  "%s file is corrupt"
#define MSG_VERSION       "%s version number is incorrect"
/* ours: a line libsaf refuses, named by file, line and field */
#define MSG_SACTAB_BAD    "%s file is corrupt: %s"
#define MSG_PMTAB_BAD     "%s is corrupt: %s"
/* ours: a value the table could not hold as given (a ':' in a command) */
#define MSG_BADENTRY      "Invalid request, %s"

/* ---- lookups ---- */
#define MSG_EXISTS        "Invalid request, %s already exists"
#define MSG_NOTEXIST      "Invalid request, %s does not exist"
#define MSG_EXISTS_UNDER  "Invalid request, %s already exists under %s"
#define MSG_NOTEXIST_UNDER "Invalid request, %s does not exist under %s"
#define MSG_W_EXISTS_UNDER "warning - %s already exists under %s - ignoring"
#define MSG_W_NOTEXIST_UNDER "warning - %s does not exist under %s - ignoring"

/* ---- sacadm -a ---- */
#define MSG_NOTDIR        "<%s> exists and is not a directory"
#define MSG_NOSTAT_LC     "could not stat <%s>"
#define MSG_MKDIR         "could not create directory <%s>"
#define MSG_MKFIFO        "could not create communications pipe"
#define MSG_PIDFILE       "could not create _pid file"
#define MSG_PMTAB_CREATE  "could not create _pmtab file"
#define MSG_PMTAB_INIT    "error initializing _pmtab"
#define MSG_CMD_TOOLONG   "command string too long"
#define MSG_NOSTAT        "Could not stat <%s>"
#define MSG_NOTEXEC       "%s not executable"
#define MSG_NOTREG        "%s not a regular file"
#define MSG_W_NOCMD       "warning - %s does not exist"
#define MSG_SACTAB_OPEN   "Could not open _sactab"
#define MSG_W_SACSTATUS   "warning - could not ascertain sac status"

/* ---- listings ---- */
#define MSG_NOPMS         "No port monitors defined"
#define MSG_IMPROPER      "Improper message from SAC"
#define MSG_BADINFO       "Bad information from SAC"
#define MSG_NOSVC         "Service <%s> does not exist"
#define MSG_NOSVCS        "No services defined"

/* ---- scripts (-g, -G, -z) ---- */
#define MSG_NOSCRIPT      "Invalid request, script does not exist"
#define MSG_SCRIPT_OPEN   "Invalid request, can not open script"
#define MSG_W_NOTREG      "warning - %s not a regular file - ignored"
#define MSG_CANNOT_OPEN   "Invalid request, can not open %s"
#define MSG_NOSCRIPTS     "No configuration scripts installed"

/* ---- rewriting files ---- */
#define MSG_BUSY          "tempfile busy; try again later"
#define MSG_TEMPFILE      "cannot create tempfile"
/* ours: the reason follows (the original exited without a word) */
#define MSG_WRITE_TEMP    "error in writing tempfile: %s"

/* ---- the command socket (reference §4.4) ---- */
#define MSG_NOCONTACT     "Can not contact SAC"
#define MSG_PMRUN         "Port monitor, %s, is already running"
#define MSG_PMNOTRUN      "Port monitor, %s, is not running"
#define MSG_AK_UNKNOWN    "Internal error - sent invalid command"
#define MSG_AK_NOCONTACT  "Could not contact %s"
#define MSG_AK_PMLOCK     "Could not start %s - _pid file locked"
#define MSG_RECOVER       "Port monitor, %s, is in recovery"
#define MSG_REQFAIL       "This request could not be completed - see sac log file for details"
#define MSG_UNKNOWN_RESP  "unknown response"

/* ---- pmadm ---- */
#define MSG_NOSVCADDED    "No services added"
#define MSG_W_PMNOTRUN    "warning - port monitor, %s is not running"
#define MSG_W_NOTIFY      "warning - could not notify <%s> about modified table"
#define MSG_W_TRYCMD      "try executing the command \"sacadm -x -p %s\""

#endif /* LISTEN_ADM_MSGS_H */
