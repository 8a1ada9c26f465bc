"""docs/TRUST.md "Rules every client checks", written from the document alone: the state of a roster or a
room log as a reduction over its entries in server order. An entry that fails a check is ignored with a
warning and the chain goes on from the last valid entry. Used by live_client.py and log_vectors.py.
"""
import trust_log
from vector_check import VerifyKey

OPERATOR, FACILITATOR, TRUSTED, MEMBER = 1, 2, 3, 4
GRANTS = {OPERATOR: {OPERATOR, FACILITATOR}, FACILITATOR: {FACILITATOR, TRUSTED, MEMBER}}
MAX_ENTRY = 4096


def valid_handle(handle):
    """PROTOCOL.md 7: 3-32 scalars of letters/digits (ASCII or U+00C0-U+024F letters), _ - .; first a letter or digit."""
    def allowed(c):
        return (c.isascii() and (c.isalnum() or c in "_-.")) or ("\u00c0" <= c <= "\u024f" and c.isalpha())
    return 3 <= len(handle) <= 32 and all(allowed(c) for c in handle) and handle[0] not in "_-."


class LogState:
    def __init__(self, scope, roster=None):
        self.scope, self.roster = scope, roster   # a room log is checked against the roster the client holds
        self.members = {}    # account -> dict(handle, bundle, role)
        self.invites = {}    # invite key -> dict(role, uses_left, expires, created, revoked)
        self.bans = {}       # account -> index of the removal
        self.grants = set()  # (account, role, Ed25519 key) ever granted (roster)
        self.head, self.length, self.applied, self.warnings = bytes(32), 0, {}, []

    def apply(self, entry):
        reason = self._check(entry)
        if reason:
            self.warnings.append((self.length, reason))

    def has_been_facilitator(self, account, bundle):
        return (account, FACILITATOR, bundle[1:33]) in self.grants

    def _check(self, entry):
        """TRUST.md's checks in the document's order; the first that fails names the refusal."""
        try:
            f = trust_log.parse_entry(entry)
            if (len(entry) > MAX_ENTRY or f["version"] != 1 or f["kind"] is None
                    or trust_log.body_of(f["kind"], self._body_fields(f)) != f["body"]):
                return "malformed"  # 1: the body decodes with no bytes left over
        except Exception:
            return "malformed"
        digest = trust_log.entry_hash(entry)
        if f["scope"] != self.scope:
            return "wrongScope"
        if digest in self.applied:
            return "duplicate"
        if f["prev"] != self.head:
            return "fork" if f["prev"] in self.applied else "gap"
        kind, author = f["kind"], f["author"]
        if (kind == "genesis") != (self.length == 0):
            return "misplacedGenesis"
        if kind == "join" and author in self.members:
            return "alreadyMember"
        if kind not in ("genesis", "join") and author not in self.members:
            return "notAMember"
        signer = f["bundle"] if kind in ("genesis", "join") else self.members[author]["bundle"]
        try:
            trust_log.verify_entry(entry, signer)
        except Exception:
            return "badSignature"
        reason = self._check_body(f) or (self._authorise_room(f) if self.roster is not None else self._authorise_roster(f))
        if reason:
            return reason
        self._take(f)
        self.applied[digest] = self.length
        self.head, self.length = digest, self.length + 1
        return None

    @staticmethod
    def _body_fields(f):
        fields = dict(f)
        body = f["body"]
        if f["kind"] == "invite":
            fields.update(role=body[32], uses=int.from_bytes(body[33:35], "big"), expires=int.from_bytes(body[35:43], "big", signed=True))
        elif f["kind"] == "join":
            fields["proof"] = body[-64:]
        elif f["kind"] == "add":
            fields["role"] = body[-1]
        return fields

    def _new_handle(self, handle):
        if not valid_handle(handle):
            return "handleInvalid"
        return "handleTaken" if any(m["handle"].lower() == handle.lower() for m in self.members.values()) else None

    def _check_body(self, f):
        kind, author, fields = f["kind"], f["author"], self._body_fields(f)
        if kind == "genesis":
            return None if valid_handle(f["handle"]) else "handleInvalid"
        if kind == "invite":
            if fields["uses"] < 1:
                return "malformed"
            return "duplicate" if f["invite_key"] in self.invites else None
        if kind == "join":
            invite = self.invites.get(f["invite_key"])
            if invite is None or invite["revoked"]:
                return "inviteUnknown"
            if invite["uses_left"] < 1:
                return "inviteUsedUp"
            if f["time"] > invite["expires"]:
                return "inviteExpired"
            message = (b"klankbord/log-join-proof/1" + trust_log.u64(self.scope) + trust_log.u64(author) + f["bundle"]
                       + trust_log.string(f["handle"]))
            try:
                VerifyKey(f["invite_key"]).verify(message, fields["proof"])
            except Exception:
                return "badProof"
            if author in self.bans and invite["created"] < self.bans[author]:
                return "banned"
            return self._new_handle(f["handle"])
        if kind == "add":
            return "alreadyMember" if f["account"] in self.members else self._new_handle(f["handle"])
        if kind == "remove":
            if f["account"] not in self.members:
                return "notAMember"
            return "notAuthorised" if f["account"] == author else None
        if kind == "revoke":
            invite = self.invites.get(f["invite_key"])
            return "inviteUnknown" if invite is None or invite["revoked"] else None
        return None  # leave

    def _authorise_roster(self, f):
        """Roster: a change of role r needs an author whose role may grant r; the last operator cannot leave."""
        kind, fields = f["kind"], self._body_fields(f)
        mine = self.members.get(f["author"], {}).get("role")
        target = {"invite": fields.get("role"), "add": fields.get("role"),
                  "remove": self.members.get(f.get("account"), {}).get("role"),
                  "revoke": self.invites.get(f.get("invite_key"), {}).get("role")}
        if kind in target:
            return None if target[kind] in GRANTS.get(mine, set()) else "notAuthorised"
        if kind == "leave":
            operators = [a for a, m in self.members.items() if m["role"] == OPERATOR]
            return "lastOperator" if mine == OPERATOR and len(operators) == 1 else None
        return None  # genesis, join

    def _authorise_room(self, f):
        """Room: managing needs a member who has been a facilitator in the roster; identities must match the roster's."""
        kind, fields, roster = f["kind"], self._body_fields(f), self.roster

        def pinned(account, bundle):
            known = roster.members.get(account, {}).get("bundle")
            return "identityMismatch" if known is not None and known != bundle else None

        def manager():
            member = self.members.get(f["author"])
            return None if member and roster.has_been_facilitator(f["author"], member["bundle"]) else "notAuthorised"

        if kind == "genesis":
            return None if roster.has_been_facilitator(f["author"], f["bundle"]) else "notAuthorised"
        if kind == "join":
            return pinned(f["author"], f["bundle"])
        if kind == "add":
            return "notAuthorised" if fields["role"] != MEMBER else (manager() or pinned(f["account"], f["bundle"]))
        if kind == "invite":
            return manager() if fields["role"] == MEMBER else "notAuthorised"
        if kind in ("remove", "revoke"):
            return manager()
        return None  # leave

    def _take(self, f):
        kind, author = f["kind"], f["author"]
        fields = self._body_fields(f)
        if kind == "genesis":
            self._add(author, f["handle"], f["bundle"], OPERATOR if self.roster is None else MEMBER)
        elif kind == "invite":
            self.invites[f["invite_key"]] = dict(role=fields["role"], uses_left=fields["uses"], expires=fields["expires"],
                                                 created=self.length, revoked=False)
        elif kind == "join":
            invite = self.invites[f["invite_key"]]
            invite["uses_left"] -= 1
            self._add(author, f["handle"], f["bundle"], invite["role"])
        elif kind == "add":
            self._add(f["account"], f["handle"], f["bundle"], fields["role"])
        elif kind == "revoke":
            self.invites[f["invite_key"]]["revoked"] = True
        elif kind == "remove":
            del self.members[f["account"]]
            self.bans[f["account"]] = self.length
        elif kind == "leave":
            del self.members[author]

    def _add(self, account, handle, bundle, role):
        self.members[account] = dict(handle=handle, bundle=bundle, role=role)
        self.grants.add((account, role, bundle[1:33]))


def reduce(scope, entries, roster=None):
    state = LogState(scope, roster)
    for entry in entries:
        state.apply(entry)
    return state

