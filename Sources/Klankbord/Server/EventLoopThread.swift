import Foundation
import KlankbordConfig
import KlankbordCrypto

/// An event loop other than loop 0, run on a thread of its own. The loop object is made on that thread
/// and stays there; only Sendable values cross over.
struct EventLoopThread: Sendable {
    let index: Int
    let config: Config
    let log: Log
    let serverKeys: ServerKeys
    let relay: RelayThread
    let listener: ListeningSocket
    let stopFD: Int32
    let shutdown: LoopGroup
    let settings: LiveSettings
    let metrics: Metrics

    init(index: Int, config: Config, log: Log, serverKeys: ServerKeys, relay: RelayThread, listener: ListeningSocket,
         stopFD: Int32, shutdown: LoopGroup, settings: LiveSettings, metrics: Metrics) {
        self.settings = settings
        self.metrics = metrics
        self.index = index
        self.config = config
        self.log = log
        self.serverKeys = serverKeys
        self.relay = relay
        self.listener = listener
        self.stopFD = stopFD
        self.shutdown = shutdown
    }

    func start() {
        Thread.detachNewThread { [self] in
            do {
                let loop = try EventLoop(index: index, config: config, log: log, serverKeys: serverKeys, relay: relay, listener: listener,
                                         stopFD: stopFD, shutdown: shutdown, settings: settings, metrics: metrics)
                loop.run()
            } catch {
                // Without its loop this thread still takes part in stopping, so loop 0 does not wait for ever.
                log.error("event loop \(index) could not start: \(error)")
                shutdown.submittedAndWaitForRelay()
                shutdown.loopFinished()
            }
        }
    }
}
