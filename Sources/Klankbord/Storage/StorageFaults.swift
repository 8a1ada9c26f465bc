import CSQLite

/// Fault injection for tests at the places data can be lost: a commit, the fsync a commit ends with, and
/// the WAL checkpoint. Each count says how many of the next such steps fail (`Int.max`: every one).
///
/// A failed commit or fsync fails as SQLite's own would: every write of the transaction has already
/// succeeded, then `COMMIT` fails, the transaction is rolled back and the error is thrown. Only a
/// transaction that wrote something can fail this way; a read-only one commits nothing.
public struct StorageFaults: Sendable, Equatable {
    /// How many of the next commits of a transaction that wrote fail with an I/O error.
    public var commits = 0
    /// How many of the next commits of a transaction that wrote fail at their fsync.
    public var fsyncs = 0
    /// How many of the next WAL checkpoints fail with an I/O error.
    public var checkpoints = 0

    /// No faults.
    public init(commits: Int = 0, fsyncs: Int = 0, checkpoints: Int = 0) {
        self.commits = commits
        self.fsyncs = fsyncs
        self.checkpoints = checkpoints
    }

    /// The error a failing commit throws now (using one fault up), or nil when it commits normally.
    mutating func takeCommitFault() -> StorageError? {
        if commits > 0 {
            if commits != Int.max { commits -= 1 }
            return .stepFailed(code: SQLITE_IOERR)
        }
        if fsyncs > 0 {
            if fsyncs != Int.max { fsyncs -= 1 }
            return .stepFailed(code: SQLITE_IOERR | (4 << 8))  // SQLITE_IOERR_FSYNC
        }
        return nil
    }

    /// The error a failing checkpoint throws now (using one fault up), or nil.
    mutating func takeCheckpointFault() -> StorageError? {
        guard checkpoints > 0 else { return nil }
        if checkpoints != Int.max { checkpoints -= 1 }
        return .stepFailed(code: SQLITE_IOERR)
    }
}
