import Glibc

/// An operating-system call that failed, with its errno captured at once.
public struct SystemError: Error, Equatable, Sendable, CustomStringConvertible {
    public let call: String
    public let errno: Int32

    package init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    public var description: String { "\(call) failed: \(String(cString: strerror(errno)))" }
}

/// What a non-blocking read or write did.
package enum IOResult: Equatable {
    case done(Int)
    case wouldBlock
    case closed
}

/// Runs a system call, retrying on EINTR and throwing `SystemError` with the errno on failure.
@discardableResult
package func systemCall<T: BinaryInteger>(_ name: String, _ body: () -> T) throws(SystemError) -> T {
    while true {
        let result = body()
        if result >= 0 { return result }
        let code = errno
        if code == EINTR { continue }
        throw SystemError(call: name, errno: code)
    }
}

/// A non-blocking read or write: retries EINTR, maps EAGAIN to `.wouldBlock` and a zero read or reset to `.closed`.
package func nonBlockingIO(_ body: () -> Int) -> IOResult {
    while true {
        let result = body()
        if result > 0 { return .done(result) }
        if result == 0 { return .closed }
        switch errno {
        case EINTR: continue
        case EAGAIN, EWOULDBLOCK: return .wouldBlock
        default: return .closed
        }
    }
}
