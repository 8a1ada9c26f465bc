import Foundation
import Glibc
import XCTest

/// Reads a real daemon's metrics page (`metrics_listen`), for tests that count what the daemon did.
enum MetricsScrape {
    /// `GET path` on 127.0.0.1:`port`: the status line and the body.
    static func get(_ path: String, port: UInt16) throws -> (status: String, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        XCTAssertEqual(connected, 0, "the metrics page answers on 127.0.0.1")
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            response += chunk[0..<count]
        }
        let text = String(decoding: response, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        return (parts.first?.components(separatedBy: "\r\n").first ?? "", parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    static func port(of daemon: DaemonProcess) throws -> UInt16 {
        let log = daemon.logText()
        let range = try XCTUnwrap(log.range(of: #"metrics on http://127\.0\.0\.1:\d+/metrics"#, options: .regularExpression), log)
        let url = String(log[range])
        return try XCTUnwrap(UInt16(url.split(separator: ":").last?.split(separator: "/").first ?? ""))
    }

    /// The daemon's `klankbordd_requests_total` by request type, from its page now.
    static func requests(of daemon: DaemonProcess) throws -> [String: Int] {
        let body = try get("/metrics", port: try port(of: daemon)).body
        var counts: [String: Int] = [:]
        for line in body.split(separator: "\n") where line.hasPrefix("klankbordd_requests_total{type=\"") {
            let type = line.dropFirst("klankbordd_requests_total{type=\"".count).prefix { $0 != "\"" }
            if let value = line.split(separator: " ").last.flatMap({ Double($0) }) { counts[String(type)] = Int(value) }
        }
        return counts
    }
}
