/// One planned room message: when (ns after the start), who sends it, where, and how many
/// deliveries it makes (subscribed recipients other than the sender, plus the sender's own ack).
struct PlannedSend {
    var due: UInt64
    var sender: BenchClient
    var room: UInt64
    var deliveries: Int
}

/// A source of planned sends in order of `due`.
protocol SendSchedule: AnyObject {
    func next() -> PlannedSend?
}

/// W1 paced: every member sends `count` messages at `rate` per second; members are staggered
/// evenly inside one interval, so the room sees a smooth stream (as the XMPP runs do).
final class StaggeredSchedule: SendSchedule {
    private let members: [BenchClient]
    private let room: UInt64
    private let count: Int
    private let interval: Double
    private var position = 0

    init(members: [BenchClient], room: UInt64, count: Int, rate: Double) {
        self.members = members
        self.room = room
        self.count = count
        interval = 1e9 / rate
    }

    func next() -> PlannedSend? {
        guard !members.isEmpty, position < members.count * count else { return nil }
        let round = position / members.count, member = position % members.count
        position += 1
        let due = Double(round) * interval + Double(member) * interval / Double(members.count)
        return PlannedSend(due: UInt64(due), sender: members[member], room: room, deliveries: members.count)
    }
}

/// W2: a steady total rate; each send goes from a random member to one of its rooms, chosen
/// uniformly among all (member, room) memberships.
final class RandomSchedule: SendSchedule {
    struct Membership {
        var member: BenchClient
        var room: UInt64
        var roomSize: Int
    }

    private let memberships: [Membership]
    private let total: Int
    private let interval: Double
    private var position = 0
    private var generator: SplitMix

    init(memberships: [Membership], rate: Double, duration: Double, seed: UInt64 = 0x6b6c_616e_6b62_6f72) {
        self.memberships = memberships
        total = Int(rate * duration)
        interval = 1e9 / rate
        generator = SplitMix(seed: seed)
    }

    func next() -> PlannedSend? {
        guard !memberships.isEmpty, position < total else { return nil }
        let pick = memberships[Int(generator.next() % UInt64(memberships.count))]
        let due = UInt64(Double(position) * interval)
        position += 1
        return PlannedSend(due: due, sender: pick.member, room: pick.room, deliveries: pick.roomSize)
    }
}

/// A small, fast, seeded generator (SplitMix64), so schedules repeat from run to run.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
