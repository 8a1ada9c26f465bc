import Glibc

/// A value guarded by a pthread mutex, shared between the event loops and the relay thread.
///
/// A pthread mutex rather than `Synchronization.Mutex`: on Linux the latter waits on a raw futex that
/// the thread sanitizer cannot see, so `make test-sanitize` would report races that are not there.
// @unchecked Sendable: `value` is only touched inside `withLock`, between lock and unlock of `mutex`.
package final class Locked<Value>: @unchecked Sendable {
    // Visible to inlined code only: `withLock` is inlined into the layers that use it (the server's mailboxes take
    // it for every batch), so a call across the module boundary costs no generic dispatch.
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>
    @usableFromInline var value: Value

    package init(_ value: Value) {
        self.value = value
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock.
    @inlinable
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
