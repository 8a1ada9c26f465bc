import Dispatch
import Foundation
import Glibc
import Synchronization
import KlankbordConfig
import KlankbordStorage
import KlankbordSystem

/// The optional metrics page (`metrics_listen`): a tiny HTTP/1.0 server on a loopback address, on a thread
/// of its own, that answers `GET /metrics` with `MetricsPage`. One request per connection, one connection
/// at a time: a scraper every few seconds is all it serves. It never reads a peer address.
final class MetricsListener: Sendable {
    /// The port actually bound (useful with port 0).
    let port: UInt16
    private let fd: Int32
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Binds `address` (loopback only: the config refuses anything else) and starts serving.
    init(address: MetricsAddress, metrics: Metrics, connections: ConnectionBudget, dataDirectory: String, log: Log) throws(SystemError) {
        let socket = try ListeningSocket(host: address.host, port: address.port, backlog: 16)
        fd = socket.fd
        port = socket.port
        Thread.detachNewThread { [self] in
            serve(socket, metrics: metrics, connections: connections, dataDirectory: dataDirectory, log: log)
        }
    }

    /// Stops accepting and closes the socket (within a quarter of a second).
    func stop() {
        stopping.store(true, ordering: .releasing)
        finished.wait()
    }

    private func serve(_ socket: ListeningSocket, metrics: Metrics, connections: ConnectionBudget, dataDirectory: String, log: Log) {
        let databasePath = dataDirectory + "/klankbord.db"
        // Read-only, opened on first use: the daemon's own connection made the file and its WAL.
        var database: Database?
        while !stopping.load(ordering: .acquiring) {
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            // A short wait, so that a stop (which waits for this thread) is not held up.
            guard poll(&ready, 1, 250) > 0, let client = socket.accept() else { continue }
            defer { close(client) }
            guard let request = MetricsListener.readRequest(client) else { continue }
            guard request.hasPrefix("GET /metrics ") || request.hasPrefix("GET /metrics?") else {
                MetricsListener.write("HTTP/1.0 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 10\r\nConnection: close\r\n\r\nnot found\n", to: client)
                continue
            }
            if database == nil { database = try? Database(.file(databasePath), readOnly: true) }
            func count(_ table: String) -> Int64? {
                (try? database?.readOne("SELECT count(*) FROM \(table)") { $0.int64(0) }) ?? nil
            }
            let lastBackup = (try? String(contentsOfFile: dataDirectory + "/last-backup", encoding: .utf8))
                .flatMap { Int64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            let gauges = MetricsPage.Gauges(connections: connections.count, uptimeSeconds: (monotonicSeconds() - metrics.started).rounded(),
                                            events: count("events"), inboxItems: count("inbox"),
                                            databaseBytes: MetricsListener.size(databasePath), walBytes: MetricsListener.size(databasePath + "-wal"),
                                            backupAgeSeconds: lastBackup.map { max(0, wallClockSeconds() - $0) })
            let body = MetricsPage.render(metrics.snapshot, gauges)
            MetricsListener.write("HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\n"
                                  + "Connection: close\r\n\r\n" + body, to: client)
        }
        close(fd)
        finished.signal()
    }

    /// The request head (up to 8 KiB), waiting at most 2 seconds in all; nil for a client that sends nothing.
    private static func readRequest(_ client: Int32) -> String? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 2048)
        let deadline = monotonicSeconds() + 2
        while bytes.count < 8192, monotonicSeconds() < deadline {
            var ready = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 200) >= 0 else { return nil }
            let count = chunk.withUnsafeMutableBytes { read(client, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                return nil
            }
            bytes += chunk[0..<count]
            if bytes.count >= 4, bytes.suffix(4) == [13, 10, 13, 10] { break }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// Writes all of `text`, waiting at most 2 seconds for a slow reader.
    private static func write(_ text: String, to client: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        let deadline = monotonicSeconds() + 2
        while offset < bytes.count, monotonicSeconds() < deadline {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(client, $0.baseAddress, $0.count) }
            if count > 0 {
                offset += count
            } else if count < 0, errno == EAGAIN || errno == EINTR {
                var ready = pollfd(fd: client, events: Int16(POLLOUT), revents: 0)
                _ = poll(&ready, 1, 200)
            } else {
                return
            }
        }
    }

    private static func size(_ path: String) -> Int64? {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : nil
    }
}
