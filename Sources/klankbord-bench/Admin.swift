import Klankbord

/// The operator and the facilitator the bench makes first, over the library's blocking
/// `ClientConnection` (two connections, setup only): the facilitator creates rooms and invites.
final class Admin {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let facilitator: ClientConnection

    /// Redeems the daemon's first (operator) invite, makes a facilitator invite, and redeems it.
    init(_ daemon: Daemon) throws(Failure) {
        do {
            let operatorConnection = try ClientConnection(address: daemon.address, serverKey: daemon.serverKey, deviceKey: X25519.PrivateKey())
            _ = try operatorConnection.call(.redeem(secret: daemon.firstInvite.secret, handle: "bench-operator"))
            guard case let .inviteCreated(_, secret, _, _) = try operatorConnection.call(.inviteCreate(role: .facilitator, room: nil, uses: 1, expiresInSeconds: 86_400)) else {
                throw Failure(description: "unexpected answer to inviteCreate")
            }
            facilitator = try ClientConnection(address: daemon.address, serverKey: daemon.serverKey, deviceKey: X25519.PrivateKey())
            _ = try facilitator.call(.redeem(secret: secret, handle: "bench-facilitator"))
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "setup failed: \(error)")
        }
    }

    /// A new group room (the facilitator is its first member, silent and not subscribed).
    func createRoom(_ name: String) throws(Failure) -> UInt64 {
        guard case let .room(id, _) = try call(.roomCreate(name: name)) else { throw Failure(description: "unexpected answer to roomCreate") }
        return id
    }

    /// Member invites good for `uses` accounts in total (1000 uses per invite at most), joining `room` if given.
    func memberInvites(room: UInt64?, uses: Int) throws(Failure) -> [[UInt8]] {
        var secrets: [[UInt8]] = []
        var left = uses
        while left > 0 {
            let now = min(left, 1000)
            guard case let .inviteCreated(_, secret, _, _) = try call(.inviteCreate(role: .member, room: room, uses: UInt16(now), expiresInSeconds: 86_400)) else {
                throw Failure(description: "unexpected answer to inviteCreate")
            }
            secrets.append(secret)
            left -= now
        }
        return secrets
    }

    private func call(_ request: Request) throws(Failure) -> Response {
        do {
            return try facilitator.call(request)
        } catch {
            throw Failure(description: "\(request.type) failed: \(error)")
        }
    }
}
