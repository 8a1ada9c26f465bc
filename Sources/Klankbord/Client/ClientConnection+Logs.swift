import KlankbordProtocol

extension ClientConnection {
    /// One page of a log's stored entries from index `after` on (`HeldLog.sync` pages through them).
    public func logPage(scope: UInt64, after: UInt32) throws(ClientError) -> (records: [LogRecord], more: Bool) {
        guard case let .logEntries(records, more) = try call(.logFetch(scope: scope, after: after, limit: 500)) else { throw .protocolViolation }
        return (records, more)
    }

    /// Appends `entry` at `index`; `.server(.logConflict)` means someone wrote first: sync, re-sign, retry.
    public func appendLog(scope: UInt64, index: UInt32, entry: [UInt8]) throws(ClientError) {
        guard case .done = try call(.logAppend(scope: scope, index: index, entry: entry)) else { throw .protocolViolation }
    }
}
