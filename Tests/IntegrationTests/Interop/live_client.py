#!/usr/bin/env python3
"""A second Klankbord client, written from docs/PROTOCOL.md and docs/TRUST.md alone (never from the Swift
sources), that joins a real daemon with an invite code the Swift CLI made and chats with a Swift CLI user
in a group room and a one-to-one thread, both directions.

It reads one command per line on standard input and answers each with one line on standard output
("ok ..." or "error ..."):

    join <invite code> <handle>   redeem the code (keyed: the redeem token), check the anchor, pin the
                                  inviter, upload keys, write the room log's join entry
    room-send <text>              send a text event in the joined group room (sender keys, 19.5)
    room-wait <text>              take pushes until an event with this text opens in the room
    dm-send <handle> <text>       open the one-to-one thread and send a text event in it (19.3-19.4)
    dm-wait <handle> <text>       take pushes until an event with this text opens in the thread
    held <handle>                 take pushes until a message from that person is held under a changed
                                  identity (19.8); answers "held <n>"
    accept <handle>               accept the held identity: pin it, drop the old session, open the held messages
    rekey                         make a new identity for this account and upload it (as after a reinstall)
    quit

It subscribes right after joining and then learns of new events and inbox items from pushes (13: subscribe,
fetch each room up to its cursor, then take pushes, ignoring a (room, seq) already taken); it never polls.
An initial message under another identity than the pinned one is held, not accepted (19.8): authenticated by
X3DH, kept sealed, nothing sent to that person and no room key given until `accept`.

Only PyNaCl, `noiseprotocol` and the standard library are used. The transport is in wire_client.py, the keys
and payload events in e2e_client.py, the logs in trust_log.py and log_rules.py, subscribing and pushes in live_sync.py.
"""
import os
import struct
import sys
import time

import log_rules
import trust_log
from e2e_client import FreshKeys, Identity, check_identity_body, new_event, session_ad
from e2e_vectors import Party, parse_event
from live_sync import PushSync
from vector_check import (SigningKey, VerifyKey, cipher_keys, crypto_aead_xchacha20poly1305_ietf_decrypt,
                          crypto_aead_xchacha20poly1305_ietf_encrypt, hkdf_sha256, kdf_ck, kdf_rk, u32, u64, x25519,
                          x25519_public)
from wire_client import Connection, Reader, Refused, data_field, parse_invite_code, string


# ---- the client ---------------------------------------------------------------------------------

class Client(PushSync):
    def __init__(self):
        self.me = Identity()
        self.pins = {}          # account id -> identity bundle (129), from the signed logs
        self.handles = {}       # account id -> handle, from the logs
        self.sessions = {}      # account id -> Party
        self.chains = {}        # (sender, epoch) -> received sender-key chain
        self.own_chain = None
        self.distributed = set()
        self.last_seq = {}
        self.seen_texts = []
        self.waiting = []       # fetched events not opened yet (a sender key still on its way)
        self.dropped = []       # why inbox items were dropped, for the report on a time-out
        self.held = {}          # account id -> {"bundle": the changed identity (129), "messages": [(source, message)]}
        self.texts = {}         # room id -> texts opened there, not yet waited for
        self.room_kinds = {}    # room id -> 1 group, 2 direct, from the server's `rooms` list (19.1)
        self.inbox_done = set()  # inbox item ids taken (an item can come as a push and in a fetch, 14)

    # join ---------------------------------------------------------------------------------------

    def join(self, code_text, handle):
        code = parse_invite_code(code_text)
        if code["version"] != 2:
            raise SystemExit("this client joins only with version-2 codes")
        self.secret = code["secret"]
        self.conn = Connection(code["host"], code["port"], code["server_key"], os.urandom(32))
        r = self.conn.call(0x02, trust_log.redeem_token(self.secret) + string(handle))
        self.account, self.handle, _role = r.u64(), r.string(), r.u8()
        self.room = r.optional(r.u64)
        inviter = r.optional(lambda: (r.u64(), r.string(), r.data_()))
        welcome = r.optional(r.data_)
        r.end()
        if self.room is None or welcome is None or inviter is None:
            raise SystemExit("expected a room invite with a welcome and an inviter")
        self.conn.call(0x50, self.me.upload())
        self.room_key = trust_log.open_welcome(self.secret, self.room, welcome)
        roster = self.log(0)
        self.roster = log_rules.reduce(0, roster)
        entries = [trust_log.open_room_entry(self.room_key, self.room, i, stored) for i, stored in enumerate(self.log(self.room))]
        self.reduce_room(entries)
        self.check_anchor(code, roster, entries, inviter)
        self.write_join(entries, handle)
        self.subscribe()
        ignored = self.roster.warnings + self.room_state.warnings
        return f"joined {self.room}" + (f" ignoring {ignored}" if ignored else "")

    def log(self, scope):
        entries = []
        while True:
            r = self.conn.call(0x60, u64(scope) + u32(len(entries)) + struct.pack(">H", 500))
            records = r.list_(lambda: (r.u32(), r.data_()))
            more = r.u8()
            for index, entry in records:
                if index != len(entries):
                    raise SystemExit("log index gap")
                entries.append(entry)
            if not more:
                return entries

    def reduce_room(self, entries):
        """TRUST.md's rules over the room log, against the roster: who is a member, with which identity."""
        state = log_rules.reduce(self.room, entries, self.roster)
        self.room_state, self.room_head = state, state.head  # ignored entries stay in state.warnings
        self.members = {account: (m["handle"], m["bundle"]) for account, m in state.members.items()}
        for account, (handle, bundle) in self.members.items():
            self.pins.setdefault(account, bundle)
            self.handles[account] = handle

    def check_anchor(self, code, roster, entries, inviter):
        """TRUST.md "Anchors": the code's invite entry, its author as the inviter, the commitment over the heads."""
        invite_key = bytes(trust_log.invite_signing_key(self.secret).verify_key)
        found = [e for e in entries if trust_log.entry_hash(e) in self.room_state.applied  # only entries the rules took
                 and trust_log.parse_entry(e)["kind"] == "invite" and trust_log.parse_entry(e)["invite_key"] == invite_key]
        if not found:
            raise SystemExit("the invite is not in the room log")
        author = trust_log.parse_entry(found[0])["author"]
        bundle = self.pins.get(author)
        if bundle is None:
            raise SystemExit("the inviter is not a member of the room log")
        room_head = trust_log.entry_hash(found[0])
        roster_heads = [bytes(32)] + [trust_log.entry_hash(e) for e in roster]
        if not any(trust_log.invite_commitment(bundle, trust_log.invite_context(head, room_head)) == code["commitment"]
                   for head in roster_heads):
            raise SystemExit("the commitment matches no roster head: the server shows another history")
        if inviter[0] != author or inviter[2] != bundle:
            raise SystemExit("the server names another inviter")

    def write_join(self, entries, handle):
        invite_key = trust_log.invite_signing_key(self.secret)
        proof = trust_log.join_proof(invite_key, self.room, self.account, self.me.bundle, handle)
        body = trust_log.body_of("join", dict(invite_key=bytes(invite_key.verify_key), handle=handle, bundle=self.me.bundle,
                                              proof=proof))
        unsigned = trust_log.unsigned_entry(self.room, self.room_head, int(time.time()), self.account, "join", body)
        entry = trust_log.sign_entry(self.me.signing, unsigned)
        stored = trust_log.seal_room_entry(self.room_key, self.room, len(entries), entry, os.urandom(24))
        self.conn.call(0x61, u64(self.room) + u32(len(entries)) + data_field(stored))

    # sessions (19.3, 19.4) --------------------------------------------------------------------

    def open_session_message(self, sender, message, source):
        """The plaintext of a session message, or None when it is held under a changed identity (19.8)."""
        if message[0] != 1 or message[1] not in (1, 2):
            raise ValueError("unknown session message")
        session = self.sessions.get(sender)
        if message[1] == 1:
            body = message[2:]
            identity = check_identity_body(body[:128])
            eka = body[128:160]
            if sender not in self.pins:
                self.refresh_members()  # 19.9 step 7: the identity must be the one the log shows; read what is new
            if b"\x01" + identity != self.pins.get(sender):
                self.hold(sender, identity, eka, body, message, source)
                return None
            if session is None or session.eka != eka:
                session = self.respond(identity, eka, body)
                self.sessions[sender] = session
        elif session is None:
            raise ValueError("a ratchet message without a session")
        return session.decrypt(message)

    def respond(self, identity, eka, body, consume=True):
        """X3DH as Bob: SK from the named prekeys; the session starts with root key SK and ratchet key SPKb."""
        (spk_id,) = struct.unpack(">I", body[160:164])
        flag = body[164]
        if spk_id != self.me.spk_id:
            raise ValueError("unknown signed prekey")
        ika = identity[32:64]
        dhs = [x25519(self.me.spk, ika), x25519(self.me.agreement, eka), x25519(self.me.spk, eka)]
        if flag == 1:
            (otk_id,) = struct.unpack(">I", body[165:169])
            otk = self.me.one_time.pop(otk_id) if consume else self.me.one_time.get(otk_id)
            if otk is None:
                raise ValueError("unknown one-time prekey")
            dhs.append(x25519(otk, eka))
        sk = hkdf_sha256(b"\xff" * 32 + b"".join(dhs), bytes(32), b"klankbord/x3dh/1", 32)
        session = Party("bob", session_ad(identity, self.me.body), [])
        session.next_keys = FreshKeys()
        session.rk, session.dhs, session.eka = sk, self.me.spk, eka
        return session

    def hold(self, sender, identity, eka, body, message, source):
        """19.8: an initial message under another identity than the pinned one is authenticated (X3DH on a throwaway
        session must open it) but never installed: the session and the one-time prekey stay as they were, the message
        stays sealed, and the identity is held beside the pin (one per person: a newer one replaces it and its messages)."""
        self.respond(identity, eka, body, consume=False).decrypt(message)  # raises when it is not authentic
        bundle = b"\x01" + identity
        held = self.held.get(sender)
        if held is None or held["bundle"] != bundle:
            held = self.held[sender] = dict(bundle=bundle, messages=[])
        held["messages"].append((source, message))

    def accept(self, handle):
        """19.8: the person accepts the held identity: it becomes the pin, the old session is dropped, and the held
        messages are opened through the normal path. Room keys go to the new identity again with the next message."""
        account = self.account_of(handle)
        held = self.held.pop(account, None)
        if held is None:
            return "nothing held"
        self.pins[account] = held["bundle"]
        self.sessions.pop(account, None)
        self.distributed.discard(account)
        for source, message in held["messages"]:
            self.take_plaintext(account, self.open_session_message(account, message, source), source)
        return f"accepted {len(held['messages'])}"

    def rekey(self):
        """A new identity for this account, as after a reinstall: uploaded, and every session and room key anew."""
        self.me = Identity()
        self.conn.call(0x50, self.me.upload())
        self.sessions, self.distributed, self.own_chain = {}, set(), None
        return "rekeyed"

    def initiate(self, account):
        """X3DH as Alice with the account's bundle (one-time prekey taken), checked against the pinned identity."""
        r = self.conn.call(0x52, struct.pack(">H", 1) + u64(account) + b"\x01")
        entries = r.list_(lambda: (r.u64(), r.optional(r.data_)))
        bundle = entries[0][1]
        if bundle is None or bundle[0] != 1:
            raise SystemExit("no prekey bundle")
        identity = check_identity_body(bundle[1:129])
        if b"\x01" + identity != self.pins.get(account):
            raise SystemExit("the server offers another identity than the logs show")
        spk = bundle[129:237]
        VerifyKey(identity[:32]).verify(b"klankbord/signed-prekey/1" + spk[:44], spk[44:108])
        spk_id, spk_public = spk[:4], spk[12:44]
        eka = os.urandom(32)
        dhs = [x25519(self.me.agreement, spk_public), x25519(eka, identity[32:64]), x25519(eka, spk_public)]
        prefix = self.me.body + x25519_public(eka) + spk_id
        if bundle[237] == 1:
            dhs.append(x25519(eka, bundle[242:274]))
            prefix += b"\x01" + bundle[238:242]
        else:
            prefix += b"\x00"
        sk = hkdf_sha256(b"\xff" * 32 + b"".join(dhs), bytes(32), b"klankbord/x3dh/1", 32)
        session = Party("alice", session_ad(self.me.body, identity), [])
        session.next_keys = FreshKeys()
        session.dhs, session.dhr, session.eka = os.urandom(32), spk_public, x25519_public(eka)
        session.rk, session.cks = kdf_rk(sk, x25519(session.dhs, spk_public))
        session.initial_prefix = prefix
        return session

    def seal_for(self, account, plaintext):
        if account in self.held:
            raise SystemExit("a changed identity is held: nothing is sent to that person until it is accepted (19.8)")
        if account not in self.sessions:
            self.sessions[account] = self.initiate(account)
        return b"\x02" + self.sessions[account].encrypt(plaintext)["session_message"]

    # inbox and sender keys (19.5) ---------------------------------------------------------------

    def drain_inbox(self):
        while True:
            r = self.conn.call(0x41, struct.pack(">H", 100))
            items = r.list_(lambda: (r.u64(), r.u64(), r.string(), r.i64(), r.data_()))
            if not items:
                return
            for item_id, sender, _handle, _time, payload in items:
                self.take_item(item_id, sender, payload)
            self.conn.call(0x42, struct.pack(">H", len(items)) + b"".join(u64(i[0]) for i in items))

    def take_item(self, item_id, sender, payload):
        """14, 19.1: opens one inbox item once (by id); one that does not open is dropped, it cannot open later."""
        if item_id in self.inbox_done:
            return
        self.inbox_done.add(item_id)
        try:
            if payload[:1] != b"\x02":
                raise ValueError("an inbox item without a session message")
            self.take_plaintext(sender, self.open_session_message(sender, payload[1:], ("inbox",)), ("inbox",))
        except Exception as failure:  # noqa: BLE001 - 19.1: acknowledged and dropped, it cannot open later
            self.dropped.append(f"inbox item from {sender}: {failure!r}")

    def take_plaintext(self, sender, plain, source):
        """An opened inbox control message (19.1) or thread event (19.6); None: held (19.8), nothing to do yet."""
        if plain is None:
            return
        if source[0] == "inbox":
            if plain[:1] != b"\x10":
                raise ValueError("an unknown control byte")
            self.take_distribution(sender, plain[1:])
            return
        event_type, _event_id, body = parse_event(plain)
        if event_type == "text":
            self.texts.setdefault(source[1], []).append(body.decode("utf-8"))

    def take_distribution(self, sender, d):
        if len(d) != 81 or d[0] != 1:
            raise ValueError("a distribution that does not parse")
        room, epoch, index = struct.unpack(">QII", d[1:17])
        key = (room, sender, epoch)
        if key not in self.chains:  # the first distribution for a (room, sender, epoch) is kept
            self.chains[key] = dict(index=index, chain_key=d[17:49], signing=d[49:81], skipped={})

    def open_sender_key_message(self, room, sender, message):
        r = Reader(message)
        version, epoch, index = r.u8(), r.u32(), r.u32()
        ciphertext = r.data_()
        signature = r.take(64)
        r.end()
        chain = self.chains.get((room, sender, epoch))
        if version != 1 or chain is None:
            raise ValueError("no sender key for this epoch")
        VerifyKey(chain["signing"]).verify(b"klankbord/sender-key-signature/1" + u64(room) + message[:-64], signature)
        if index in chain["skipped"]:
            mk = chain["skipped"].pop(index)
        else:
            if index < chain["index"] or index - chain["index"] > 1000:
                raise ValueError("index out of range")
            while chain["index"] < index:
                chain["skipped"][chain["index"]], chain["chain_key"] = kdf_ck(chain["chain_key"])
                chain["index"] += 1
            mk, chain["chain_key"] = kdf_ck(chain["chain_key"])
            chain["index"] += 1
        key, nonce = cipher_keys(mk, b"klankbord/sender-key-message/1")
        return crypto_aead_xchacha20poly1305_ietf_decrypt(ciphertext, u64(room) + b"\x01" + u32(epoch) + u32(index), nonce, key)

    def room_send(self, text):
        if self.own_chain is None:
            self.own_chain = dict(epoch=1, index=0, chain_key=os.urandom(32), signing=SigningKey(os.urandom(32)))
        c = self.own_chain
        distribution = (b"\x01" + u64(self.room) + u32(c["epoch"]) + u32(c["index"]) + c["chain_key"]
                        + bytes(c["signing"].verify_key))
        self.refresh_members()
        for account in self.recipients():
            if account not in self.distributed:
                self.conn.call(0x40, u64(account) + data_field(self.seal_for(account, b"\x10" + distribution)))
                self.distributed.add(account)
        mk, c["chain_key"] = kdf_ck(c["chain_key"])
        key, nonce = cipher_keys(mk, b"klankbord/sender-key-message/1")
        ct = crypto_aead_xchacha20poly1305_ietf_encrypt(new_event(text), u64(self.room) + b"\x01" + u32(c["epoch"]) + u32(c["index"]),
                                                        nonce, key)
        unsigned = b"\x01" + u32(c["epoch"]) + u32(c["index"]) + data_field(ct)
        signature = c["signing"].sign(b"klankbord/sender-key-signature/1" + u64(self.room) + unsigned).signature
        c["index"] += 1
        self.send(self.room, b"\x01" + unsigned + signature)
        return "sent"

    def refresh_members(self):
        entries = [trust_log.open_room_entry(self.room_key, self.room, i, s) for i, s in enumerate(self.log(self.room))]
        self.reduce_room(entries)

    def recipients(self):
        """Room keys go to members the log and the server both show, never to oneself (TRUST.md)."""
        r = self.conn.call(0x22, u64(self.room))
        listed = {m[0] for m in r.list_(lambda: (r.u64(), r.string(), r.u8()))}
        return sorted(a for a in self.members if a in listed and a != self.account and a not in self.held)

    def send(self, room, payload):
        self.conn.call(0x30, u64(room) + os.urandom(16) + data_field(payload))

    def events(self, room):
        while True:
            r = self.conn.call(0x31, u64(room) + u64(self.last_seq.get(room, 0)) + struct.pack(">H", 100))
            events = r.list_(lambda: (r.u64(), r.u64(), r.u64(), r.string(), r.i64(), r.data_()))
            more = r.u8()
            for _room, seq, sender, _handle, _time, payload in events:
                self.last_seq[room] = seq
                yield sender, payload
            if not more:
                return

    # one-to-one threads -------------------------------------------------------------------------

    def account_of(self, handle):
        if handle.lower() not in (name.lower() for name in self.handles.values()):
            self.refresh_members()
        for account, name in self.handles.items():
            if name.lower() == handle.lower():
                return account
        raise SystemExit(f"no member {handle} in the logs")

    def thread(self, handle):
        r = self.conn.call(0x25, string(handle))
        return r.u64()

    def dm_send(self, handle, text):
        account = self.account_of(handle)
        self.send(self.thread(handle), self.seal_for(account, new_event(text)))
        return "sent"


def main():
    client = Client()
    for line in sys.stdin:
        words = line.rstrip("\n").split(" ")
        command, args = words[0], words[1:]
        try:
            if command == "join":
                answer = client.join(args[0], args[1])
            elif command == "room-send":
                answer = client.room_send(" ".join(args))
            elif command == "room-wait":
                answer = client.wait_text(client.room, " ".join(args))
            elif command == "dm-send":
                answer = client.dm_send(args[0], " ".join(args[1:]))
            elif command == "dm-wait":
                answer = client.wait_text(client.thread(args[0]), " ".join(args[1:]))
            elif command == "held":
                answer = client.wait_held(args[0])
            elif command == "accept":
                answer = client.accept(args[0])
            elif command == "rekey":
                answer = client.rekey()
            elif command == "quit":
                return
            else:
                answer = "error unknown command"
        except Refused as refusal:
            answer = "error refused " + refusal.code
        except SystemExit as stop:
            answer = f"error {stop}"
        except Exception as failure:  # noqa: BLE001 - reported to the driving test, which fails on it
            answer = f"error {type(failure).__name__}: {failure}"
        if not answer.startswith("error"):
            answer = "ok " + answer
        print(answer, flush=True)


if __name__ == "__main__":
    main()
