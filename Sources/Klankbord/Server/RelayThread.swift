import CLinux
import Dispatch
import Foundation
import Synchronization
import KlankbordConfig
import KlankbordProtocol
import KlankbordStorage
import KlankbordSystem

/// The one thread that owns the database: it takes inputs from the event loops in batches, runs them
/// through a `Relay` (one transaction per batch), and hands each loop its outputs through its mailbox.
final class RelayThread: Sendable {
    private let inputs = Locked<[RelayInput]>([])
    private let stopping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// One per event loop: where the outputs for that loop's connections go.
    let mailboxes: [LoopMailbox]
    /// Wakes every loop with one system call when a batch has outputs for more than one.
    let doorbell: Doorbell

    /// Opens the database and starts the thread; throws if the database cannot be opened or migrated.
    /// `settings` and `metrics` are shared with the event loops (reloads; counters).
    init(config: Config, databasePath: String, log: Log, loops: Int = 1, clock: @escaping @Sendable () -> Int64,
         settings: LiveSettings? = nil, metrics: Metrics = Metrics(), inviteKey: [UInt8]? = nil) throws {
        mailboxes = try (0..<max(loops, 1)).map { _ in try LoopMailbox() }
        doorbell = try Doorbell()
        let started = DispatchSemaphore(value: 0)
        let failure = Locked<(any Error)?>(nil)
        Thread.detachNewThread { [self] in
            let relay: Relay
            do {
                let database = try Database(.file(databasePath), durability: config.durability == .full ? .full : .normal)
                relay = try Relay(database: database, config: config, clock: clock)
                relay.testPause = TestPause.fromEnvironment(ProcessInfo.processInfo.environment)
                relay.metrics = metrics
                if let inviteKey { relay.inviteKey = inviteKey }
            } catch {
                failure.withLock { $0 = error }
                started.signal()
                finished.signal()
                return
            }
            started.signal()
            run(relay, log: log, settings: settings ?? LiveSettings(config), metrics: metrics)
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

    /// Finishes every queued input, then stops the thread and closes the database.
    func stop() {
        stopping.store(true, ordering: .releasing)
        wake.signal()
        finished.wait()
    }

    private func run(_ relay: Relay, log: Log, settings: LiveSettings, metrics: Metrics) {
        // The first round a minute after the start, then hourly: `klankbordd status` soon has its figures.
        var lastMaintenance = Int64(Date().timeIntervalSince1970) - 3600 + 60
        var lastSweep: Int64 = 0
        var maintenance: Relay.MaintenancePass?
        // After a round's deletions, its free pages go back to the disk in steps too; the round is recorded then.
        var vacuum: (pass: Relay.VacuumPass, round: Relay.MaintenancePass)?
        var generation = settings.generation
        while true {
            // While a maintenance round is under way, look for inputs without waiting: one step, then sends.
            // Disappearing messages are swept every second while some room has a timer (cheap otherwise).
            _ = wake.wait(timeout: maintenance == nil && vacuum == nil ? .now() + (relay.hasDisappearingRooms ? 1 : 30) : .now())
            let batch = inputs.withLock { pending in
                defer { pending = [] }
                return pending
            }
            if generation != settings.generation {
                // A reload (SIGHUP): limits and retention apply from the next batch on.
                generation = settings.generation
                relay.config = settings.config
            }
            if !batch.isEmpty {
                let began = monotonicSeconds()
                let produced = relay.process(batch)
                let types = batch.compactMap { input -> MessageType? in
                    if case let .request(_, _, request) = input { return request.type }
                    return nil
                }
                if !types.isEmpty { metrics.committed(types, seconds: monotonicSeconds() - began) }
                hand(produced)
            }
            let now = Int64(Date().timeIntervalSince1970)
            if now - lastMaintenance >= 3600 {
                lastMaintenance = now
                maintenance = relay.beginMaintenance()
            }
            if now != lastSweep {
                lastSweep = now
                do {
                    try relay.expireDisappearing()
                } catch {
                    log.warn("disappearing messages: clean-up failed: \(error)")
                }
            }
            if var pass = maintenance {
                relay.maintenanceStep(&pass, log: log)
                maintenance = pass.finished ? nil : pass
                if pass.finished { vacuum = (relay.beginVacuum(), pass) }
            } else if var step = vacuum {
                relay.vacuumStep(&step.pass, log: log)
                vacuum = step.pass.finished ? nil : step
                if step.pass.finished { recordMaintenance(step.round, step.pass, relay, metrics) }
            }
            if batch.isEmpty && stopping.load(ordering: .acquiring) && inputs.withLock({ $0.isEmpty }) { break }
        }
        finished.signal()
    }

    /// Gives each loop its outputs, then wakes the loops that got some: one loop through its own eventfd, several
    /// at once through the doorbell.
    private func hand(_ produced: [RelayOutput]) {
        var woken: [Int] = []
        for (index, outputs) in LoopRouting.split(produced, loops: mailboxes.count).enumerated() where !outputs.isEmpty {
            mailboxes[index].stash(outputs)
            woken.append(index)
        }
        if woken.count > 1 {
            doorbell.ring()
        } else if let only = woken.first {
            mailboxes[only].ring()
        }
    }

    /// The round's figures and the database's free space, for the metrics page and `klankbordd status`.
    private func recordMaintenance(_ pass: Relay.MaintenancePass, _ vacuum: Relay.VacuumPass, _ relay: Relay, _ metrics: Metrics) {
        func pragma(_ name: String) -> Int64? { (try? relay.database.readOne("PRAGMA \(name)") { $0.int64(0) }) ?? nil }
        metrics.maintained(at: relay.clock(), removedEvents: pass.removedEvents, pages: pragma("page_count"),
                           freePages: pragma("freelist_count"), pageSize: pragma("page_size"),
                           reclaimedBytes: vacuum.reclaimedBytes)
    }
}
