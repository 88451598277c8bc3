# man pages (filled in below)
