# libsaf: see lib/libsaf/README.md
