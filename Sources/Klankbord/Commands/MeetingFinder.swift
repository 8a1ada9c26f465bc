import KlankbordClient
import KlankbordLocalization
import KlankbordMeetings
import KlankbordProtocol

/// Finds a poll or meeting by its code in the person's group rooms (or only in `--room`).
enum MeetingFinder {
    /// Every group room of the person (or only `--room`), each with its meetings.
    static func rooms(_ run: Invocation, _ messenger: Messenger) throws(CommandFailure) -> [RoomMeetings] {
        if let reference = run.arguments.value("room") {
            return [try MeetingCommands.load(try run.room(named: reference, over: messenger.connection), messenger, run)]
        }
        guard case let .rooms(rooms) = try run.call(messenger.connection, .rooms) else { throw .client(.protocolViolation, server: nil) }
        try? run.profile().remember(rooms)
        let states = try run.secure { try RoomMeetings.loadAll(rooms.filter { $0.kind == .group }, messenger) }
        run.loadedEveryRoomsMeetings = true
        return states
    }

    static func poll(_ code: String, _ run: Invocation, _ messenger: Messenger) throws(CommandFailure) -> (RoomMeetings, MeetingBook.Poll) {
        for state in try rooms(run, messenger) {
            if let poll = state.poll(code) { return (state, poll) }
        }
        throw MeetingCommands.unknown(code)
    }

    static func meeting(_ code: String, _ run: Invocation, _ messenger: Messenger) throws(CommandFailure) -> (RoomMeetings, MeetingBook.Meeting) {
        for state in try rooms(run, messenger) {
            if let meeting = state.meeting(code) { return (state, meeting) }
        }
        throw MeetingCommands.unknown(code)
    }
}
