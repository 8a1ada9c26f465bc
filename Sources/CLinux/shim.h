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

// The kernel key retention service (keyrings(7)), for `klankbord unlock`. There is no libc wrapper without
// libkeyutils, and Swift cannot call the variadic syscall(2), so these thin inline calls stand in for it.
#include <sys/syscall.h>
#include <unistd.h>
#include <stdint.h>

/// add_key(2): adds (or updates) a "user" key in `keyring`; returns its serial or -1 with errno.
static inline int32_t kb_add_user_key(const char *description, const void *payload, size_t length, int32_t keyring) {
    return (int32_t)syscall(SYS_add_key, "user", description, payload, length, keyring);
}

/// keyctl(KEYCTL_SEARCH): finds a "user" key by description in `keyring`; returns its serial or -1.
static inline int32_t kb_search_user_key(int32_t keyring, const char *description) {
    return (int32_t)syscall(SYS_keyctl, 10 /* KEYCTL_SEARCH */, keyring, "user", description, 0);
}

/// keyctl(KEYCTL_READ): copies at most `length` payload bytes; returns the payload's full size or -1.
static inline long kb_read_key(int32_t key, void *buffer, size_t length) {
    return syscall(SYS_keyctl, 11 /* KEYCTL_READ */, key, buffer, length);
}

/// keyctl(KEYCTL_SET_TIMEOUT): the kernel destroys the key after `seconds`.
static inline long kb_set_key_timeout(int32_t key, uint32_t seconds) {
    return syscall(SYS_keyctl, 15 /* KEYCTL_SET_TIMEOUT */, key, seconds);
}

/// keyctl(KEYCTL_SETPERM): who may use the key.
static inline long kb_set_key_permissions(int32_t key, uint32_t permissions) {
    return syscall(SYS_keyctl, 5 /* KEYCTL_SETPERM */, key, permissions);
}

/// keyctl(KEYCTL_INVALIDATE): the key is gone at once for everyone.
static inline long kb_invalidate_key(int32_t key) {
    return syscall(SYS_keyctl, 21 /* KEYCTL_INVALIDATE */, key);
}
