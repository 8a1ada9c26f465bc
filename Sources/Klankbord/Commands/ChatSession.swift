import KlankbordClient

/// The interactive `chat`: live messages appear above the input line while you type; a line you type is sent;
/// `/quit` (`/stoppen`, `/salir`), Ctrl-C, or Ctrl-D on an empty line, stops. The view itself is `ChatView`.
enum ChatSession {
    static func run(_ run: Invocation, room reference: String) throws(CommandFailure) {
        let profile = try run.profile()
        let messenger = Messenger(profile: profile, connection: try run.connect(), account: try run.account())
        let room = try run.room(named: reference, over: messenger.connection, opening: true)
        // Raw mode only after the passphrase was asked (that needs the normal line mode), and only on a terminal.
        let raw = RawTerminal.enter()
        defer { RawTerminal.restore() }
        let view = try ChatView(run, room: room, messenger: messenger, screen: ChatScreen(drawsInput: raw, terminal: run.terminal))
        defer { view.finish() }
        try view.start()
        try view.loop()
    }
}
