import CLinux
import Dispatch
import Foundation
import Synchronization

/// The one thread that owns the database: it takes inputs from the event loop in batches, runs them
/// through a `Relay` (one transaction per batch), and hands the outputs back through an eventfd.
final class RelayThread: Sendable {
    private let inputs = Mutex<[RelayInput]>([])
    private let outputs = Mutex<[RelayOutput]>([])
    private let stopping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// Readable in epoll when outputs are waiting.
    let notifyFD: Int32

    /// Opens the database and starts the thread; throws if the database cannot be opened or migrated.
    init(config: Config, databasePath: String, log: Log, clock: @escaping @Sendable () -> Int64) throws {
        notifyFD = try systemCall("eventfd") { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }
        let started = DispatchSemaphore(value: 0)
        let failure = Mutex<(any Error)?>(nil)
        Thread.detachNewThread { [self] in
            let relay: Relay
            do {
                let database = try Database(.file(databasePath), durability: config.durability == .full ? .full : .normal)
                relay = try Relay(database: database, config: config, clock: clock)
            } catch {
                failure.withLock { $0 = error }
                started.signal()
                finished.signal()
                return
            }
            started.signal()
            run(relay, log: log)
        }
        started.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Queues inputs for the next batch.
    func submit(_ batch: [RelayInput]) {
        guard !batch.isEmpty else { return }
        inputs.withLock { $0.append(contentsOf: batch) }
        wake.signal()
    }

    /// Takes every output produced so far.
    func takeOutputs() -> [RelayOutput] {
        var counter: UInt64 = 0
        _ = read(notifyFD, &counter, 8)
        return outputs.withLock { pending in
            defer { pending = [] }
            return pending
        }
    }

    /// Finishes every queued input, then stops the thread and closes the database.
    func stop() {
        stopping.store(true, ordering: .releasing)
        wake.signal()
        finished.wait()
    }

    private func run(_ relay: Relay, log: Log) {
        var lastMaintenance = Int64(Date().timeIntervalSince1970)
        while true {
            _ = wake.wait(timeout: .now() + 30)
            let batch = inputs.withLock { pending in
                defer { pending = [] }
                return pending
            }
            if !batch.isEmpty {
                let produced = relay.process(batch)
                if !produced.isEmpty {
                    outputs.withLock { $0.append(contentsOf: produced) }
                    var one: UInt64 = 1
                    _ = write(notifyFD, &one, 8)
                }
            }
            let now = Int64(Date().timeIntervalSince1970)
            if now - lastMaintenance >= 3600 {
                lastMaintenance = now
                relay.maintain(log: log)
            }
            if batch.isEmpty && stopping.load(ordering: .acquiring) && inputs.withLock({ $0.isEmpty }) { break }
        }
        finished.signal()
    }
}
