# libnls: see lib/libnls/README.md
