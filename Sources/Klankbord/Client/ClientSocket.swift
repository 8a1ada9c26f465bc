import CLinux
import Glibc
import KlankbordSystem

/// A blocking TCP connection for the CLI, with timeouts through poll(2).
final class ClientSocket {
    let fd: Int32

    /// Connects to `host:port` within `timeout` seconds.
    init(host: String, port: UInt16, timeout: Double) throws(ClientError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0 else { throw .cannotReachServer }
        defer { freeaddrinfo(list) }
        var candidate = list
        // Refused means the server's computer answered but nothing listens there: the server is down, the network is fine.
        var refused = false
        while let info = candidate {
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            if fd >= 0 {
                let failure = ClientSocket.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen, timeout: timeout)
                if failure == 0 {
                    var one: Int32 = 1
                    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    self.fd = fd
                    return
                }
                if failure == ECONNREFUSED { refused = true }
                close(fd)
            }
            candidate = info.pointee.ai_next
        }
        throw refused ? .serverDown : .cannotReachServer
    }

    deinit { close(fd) }

    /// Connects `fd`: 0 when connected, else the errno that says why not (ETIMEDOUT when no answer came in time).
    private static func connect(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t, timeout: Double) -> Int32 {
        if Glibc.connect(fd, address, length) == 0 { return 0 }
        guard errno == EINPROGRESS else { return errno }
        guard wait(fd, events: Int16(POLLOUT), timeout: timeout) else { return ETIMEDOUT }
        var error: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 else { return errno }
        return error
    }

    /// Waits until `fd` is ready for `events`; false on timeout.
    static func wait(_ fd: Int32, events: Int16, timeout: Double) -> Bool {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let result = poll(&entry, 1, timeout < 0 ? -1 : Int32(timeout * 1000))
            if result < 0 && errno == EINTR { continue }
            return result > 0
        }
    }

    /// Writes all of `bytes`, waiting for the socket as needed.
    func write(_ bytes: [UInt8], timeout: Double) throws(ClientError) {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                nonBlockingIO { send(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset, Int32(MSG_NOSIGNAL)) }
            }
            switch result {
            case let .done(count): offset += count
            case .wouldBlock: guard ClientSocket.wait(fd, events: Int16(POLLOUT), timeout: timeout) else { throw .timedOut }
            case .closed: throw .cannotReachServer
            }
        }
    }

    /// Reads whatever is available (at least one byte), waiting up to `timeout` seconds; nil on timeout.
    func read(timeout: Double) throws(ClientError) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let result = buffer.withUnsafeMutableBytes { raw in nonBlockingIO { Glibc.read(fd, raw.baseAddress, raw.count) } }
            switch result {
            case let .done(count): return Array(buffer[0..<count])
            case .closed: throw .cannotReachServer
            case .wouldBlock: guard ClientSocket.wait(fd, events: Int16(POLLIN), timeout: timeout) else { return nil }
            }
        }
    }
}
