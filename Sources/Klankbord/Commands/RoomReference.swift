import Foundation
import KlankbordProtocol

/// How a person names a conversation on the command line, so that a room and a person are never mixed up:
/// `#Peers` is a group room, `@anna` the one-to-one thread with anna, a bare `Peers` either one only when no
/// room and no person share that name, and `id:12` the room numbered 12 (the `id` of `rooms --json`, for scripts).
/// A bare number is a name like any other: `send 2 hi` never goes to a thread because its number is 2.
enum RoomReference: Equatable {
    case group(String)
    case person(String)
    case word(String)
    case id(UInt64)

    /// The prefix of the explicit form for a room number.
    static let idPrefix = "id:"

    /// Reads what the person typed (trimmed, in Unicode NFC).
    init(_ text: String) {
        let typed = text.trimmingWhitespace.precomposedStringWithCanonicalMapping
        if typed.hasPrefix("#") {
            self = .group(String(typed.dropFirst()))
        } else if typed.hasPrefix("@") {
            self = .person(String(typed.dropFirst()))
        } else if typed.hasPrefix(RoomReference.idPrefix), let id = UInt64(typed.dropFirst(RoomReference.idPrefix.count)) {
            self = .id(id)
        } else {
            self = .word(typed)
        }
    }

    /// The name without its sign (empty for an id).
    var name: String {
        switch self {
        case let .group(name), let .person(name), let .word(name): name
        case .id: ""
        }
    }

    /// Whether it is a name without a sign (which could mean a room or a person).
    var isBare: Bool {
        if case .word = self { true } else { false }
    }

    /// What a reference names among the rooms a person is in.
    enum Match: Equatable {
        /// Exactly one room.
        case room(RoomSummary)
        /// A bare word that is both a group room and a person's thread.
        case ambiguous
        /// More than one group room with this name (rooms of different facilitators): their ids.
        case sameName([UInt64])
        /// `@name` without a thread yet: the caller may open one.
        case noThread
        case unknown
    }

    /// Looks the reference up in `rooms` (names compared without regard to case, in NFC).
    func match(in rooms: [RoomSummary]) -> Match {
        let key = RoomReference.key(name)
        let groups = rooms.filter { $0.kind == .group && RoomReference.key($0.name) == key }
        let threads = rooms.filter { $0.kind == .direct && RoomReference.key($0.name) == key }
        switch self {
        case let .id(id):
            return rooms.first(where: { $0.id == id }).map(Match.room) ?? .unknown
        case .group:
            return RoomReference.one(of: groups)
        case .person:
            return threads.first.map(Match.room) ?? .noThread
        case .word:
            if !groups.isEmpty && !threads.isEmpty { return .ambiguous }
            return threads.first.map(Match.room) ?? RoomReference.one(of: groups)
        }
    }

    private static func one(of groups: [RoomSummary]) -> Match {
        switch groups.count {
        case 0: .unknown
        case 1: .room(groups[0])
        default: .sameName(groups.map(\.id))
        }
    }

    /// The form names are compared in: NFC, lower case.
    static func key(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.lowercased()
    }

    /// How `room` is written so that it cannot be mistaken: `#Peers` or `@anna` (shown in `rooms`).
    static func written(_ room: RoomSummary) -> String {
        (room.kind == .direct ? "@" : "#") + TerminalText.inline(room.name)
    }
}
