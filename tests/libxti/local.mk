# libxti tests
