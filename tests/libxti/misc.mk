# libxti tests of alloc, options, datagrams, netdir, modules, errors
