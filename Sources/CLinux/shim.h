// Linux headers the toolchain's Glibc module does not bring in (see TOOLCHAIN.md).
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <netinet/tcp.h>
// Declared by hand: defining _GNU_SOURCE for the whole module breaks bind/connect.
extern int accept4(int fd, struct sockaddr *addr, socklen_t *addrlen, int flags);
