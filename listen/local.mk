# The listen port monitor (and nlps_server), in $(prefix)/lib/saf.
saf_PROGRAMS += listen/listen

LISTEN_PURE = listen/nlps.h listen/nlps.c listen/smb.c
listen_listen_SOURCES = listen/ls.h listen/main.c listen/log.c \
	listen/table.c listen/service.c listen/endpoint.c listen/rpc.c \
	listen/request.c listen/spawn.c listen/passfd.c listen/sacproto.c \
	listen/status.c listen/util.c listen/utmpx.c listen/users.c \
	listen/clone.c $(LISTEN_PURE)
listen_listen_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lib/evloop
# spawn.c's worker threads
listen_listen_CFLAGS = $(AM_CFLAGS) -pthread
listen_listen_LDFLAGS = $(AM_LDFLAGS) -pthread
listen_listen_LDADD = lib/libsaf/libsaf.la lib/libxti/libxti.la \
	lib/evloop/libevloop.la $(TIRPC_LIBS)

# nlps_server: the NLPS behaviour as a program run on fd 0.
saf_PROGRAMS += listen/nlps_server
listen_nlps_server_SOURCES = listen/ls.h listen/nlps_server.c listen/log.c \
	listen/table.c listen/spawn.c listen/passfd.c listen/util.c \
	listen/utmpx.c listen/users.c listen/clone.c $(LISTEN_PURE)
listen_nlps_server_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lib/evloop
listen_nlps_server_CFLAGS = $(AM_CFLAGS) -pthread
listen_nlps_server_LDFLAGS = $(AM_LDFLAGS) -pthread
listen_nlps_server_LDADD = lib/libsaf/libsaf.la lib/libxti/libxti.la \
	lib/evloop/libevloop.la $(TIRPC_LIBS)
