# libsaf tests
