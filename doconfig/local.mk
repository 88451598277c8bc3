# doconfig(3): see doconfig/README.md
