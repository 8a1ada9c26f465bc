import CLinux
import Glibc
import KlankbordSystem

/// A non-blocking TCP listening socket on an IPv4 or IPv6 address.
struct ListeningSocket {
    let fd: Int32
    /// The port actually bound (useful with port 0).
    let port: UInt16

    /// With `sharedPort`, several sockets may listen on the same port (SO_REUSEPORT), one per event loop.
    init(host: String, port: UInt16, sharedPort: Bool = false, backlog: Int32 = 1024) throws(SystemError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let info = list else { throw SystemError(call: "getaddrinfo", errno: EINVAL) }
        defer { freeaddrinfo(list) }
        let fd = try systemCall("socket") { socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if sharedPort { setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, socklen_t(MemoryLayout<Int32>.size)) }
        do {
            try systemCall("bind") { bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) }
            try systemCall("listen") { listen(fd, backlog) }
        } catch {
            close(fd)
            throw error
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let bound = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        var boundPort = port
        if bound {
            let family = storage.ss_family
            boundPort = withUnsafePointer(to: &storage) { pointer in
                if family == sa_family_t(AF_INET6) {
                    return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
                }
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            }
        }
        self.fd = fd
        self.port = boundPort
    }

    /// Accepts one connection as a non-blocking socket with TCP_NODELAY, or nil when none is waiting.
    /// The peer's address is never asked for: the server does not learn or keep IP addresses.
    func accept() -> Int32? {
        while true {
            let client = accept4(fd, nil, nil, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
            if client >= 0 {
                var one: Int32 = 1
                setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return client
            }
            if errno == EINTR || errno == ECONNABORTED { continue }
            return nil
        }
    }
}
