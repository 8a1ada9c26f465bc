import KlankbordCrypto
import KlankbordProtocol

extension ClientConnection {
    /// Every event of `room` after `seq`, oldest first, in as many fetches as it takes.
    public func events(in room: UInt64, after seq: UInt64) throws(ClientError) -> [EventRecord] {
        var all: [EventRecord] = []
        var cursor = seq
        while true {
            guard case let .events(page, more) = try call(.fetch(room: room, afterSeq: cursor, limit: 500)) else { throw .protocolViolation }
            all += page
            cursor = page.last?.seq ?? cursor
            if !more || page.isEmpty { return all }
        }
    }

    /// Sends an (already encrypted) payload to `room`; a retry after a lost answer is stored once thanks to the client id.
    @discardableResult
    public func send(payload: [UInt8], to room: UInt64, clientID: [UInt8] = Random.bytes(Request.clientIDLength)) throws(ClientError) -> UInt64 {
        let request = Request.send(room: room, clientID: clientID, payload: payload)
        do {
            return try sequenceNumber(of: request)
        } catch .timedOut {
            // The server may have stored it; asking again with the same client id cannot make a second copy.
            return try sequenceNumber(of: request)
        }
    }

    private func sequenceNumber(of request: Request) throws(ClientError) -> UInt64 {
        guard case let .sent(seq, _) = try call(request) else { throw .protocolViolation }
        return seq
    }
}

extension ClientConnection {
    /// The rules of group `room` and how many seconds this account must still wait before its next message there.
    public func roomSettings(_ room: UInt64) throws(ClientError) -> (settings: RoomSettings, waitSeconds: UInt32) {
        guard case let .roomSettings(settings, wait) = try call(.roomSettings(room: room)) else { throw .protocolViolation }
        return (settings, wait)
    }
}
