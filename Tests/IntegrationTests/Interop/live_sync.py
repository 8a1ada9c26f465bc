"""The half of live_client.py that keeps it up to date, from docs/PROTOCOL.md 10, 13 and 14: subscribe, fetch each room
up to its cursor, then take pushes (event, inboxItem, membership, logEntry), ignoring a (room, seq) or an inbox item id
already taken. It never polls: between pushes it waits on the socket.
"""
import struct
import time

from e2e_client import epoch_of
from vector_check import u64


class PushSync:
    """Mixed into live_client.Client, whose state (conn, room, last_seq, texts, waiting, ...) it uses."""

    def subscribe(self):
        """13: subscribe first (pushes are kept from now on), then drain the inbox and fetch every room whose cursor
        is above what this client took; after that, pushes alone bring what is new."""
        r = self.conn.call(0x32)
        cursors = r.list_(lambda: (r.u64(), r.u64()))
        self.refresh_rooms()
        self.drain_inbox()
        for room, last_seq in cursors:
            if last_seq > self.last_seq.get(room, 0):
                self.catch_up(room)

    def refresh_rooms(self):
        r = self.conn.call(0x21)
        for room, kind, _name, _last, _count in r.list_(lambda: (r.u64(), r.u8(), r.string(), r.u64(), r.u16())):
            self.room_kinds[room] = kind

    def catch_up(self, room):
        if room not in self.room_kinds:
            self.refresh_rooms()
        for sender, payload in self.events(room):
            self.take_event(room, sender, payload)
        self.open_waiting()

    def take_event(self, room, sender, payload):
        # Our own sends come back in fetch; 19.1: the envelope must fit the room kind the `rooms` list gives.
        if sender == self.account or payload[:1] != (b"\x01" if self.room_kinds.get(room) == 1 else b"\x02"):
            return
        self.waiting.append((room, sender, payload[1:]))

    def open_waiting(self):
        still = []
        for room, sender, message in self.waiting:
            try:
                if self.room_kinds.get(room) == 1:
                    if not any(k[:2] == (room, sender) and k[2] == epoch_of(message) for k in self.chains):
                        still.append((room, sender, message))  # 19.5: kept until its distribution arrives
                        continue
                    self.take_plaintext(sender, self.open_sender_key_message(room, sender, message), ("event", room))
                else:
                    self.take_plaintext(sender, self.open_session_message(sender, message, ("event", room)), ("event", room))
            except Exception as failure:  # noqa: BLE001 - shown as "could not be opened"; reported on a time-out
                self.dropped.append(f"event in {room} from {sender}: {failure!r}")
        self.waiting = still

    def take_push(self, push_type, r):
        """10: event, inboxItem, membership, logEntry. A (room, seq) already taken is ignored (13)."""
        if push_type == 0x80:
            room, seq, sender, _handle, _time, payload = r.u64(), r.u64(), r.u64(), r.string(), r.i64(), r.data_()
            if room not in self.last_seq or room not in self.room_kinds:
                self.catch_up(room)  # a room not fetched yet: fetch it (this event included)
            elif seq > self.last_seq[room]:
                self.last_seq[room] = seq
                self.take_event(room, sender, payload)
                self.open_waiting()
        elif push_type == 0x81:
            item_id, sender, _handle, _time, payload = r.u64(), r.u64(), r.string(), r.i64(), r.data_()
            self.take_item(item_id, sender, payload)
            self.conn.call(0x42, struct.pack(">H", 1) + u64(item_id))
            self.open_waiting()  # a distribution may open waiting room events
        elif push_type == 0x82:
            room, _account, _handle, change = r.u64(), r.u64(), r.string(), r.u8()
            self.refresh_rooms()  # 13 step 4: a new room may have appeared (a thread someone opened)
            if change == 1 and room in self.room_kinds and room not in self.last_seq:
                self.catch_up(room)
        elif push_type == 0x83:
            scope = r.u64()
            if scope == self.room:
                self.refresh_members()  # someone joined or left: pins and members from the signed log

    def wait(self, room, done, timeout=20):
        """Takes pushes until done() is true or the time is up; never polls."""
        deadline = time.time() + timeout
        self.open_waiting()
        while not done():
            remaining = deadline - time.time()
            if remaining <= 0:
                return False
            push = self.conn.next_push(remaining)
            if push is not None:
                self.take_push(*push)
        return True

    def wait_text(self, room, expected):
        if room not in self.last_seq:
            self.catch_up(room)
        if self.wait(room, lambda: expected in self.texts.get(room, [])):
            self.texts[room].remove(expected)
            return "got " + expected
        return f"error timeout; got {self.texts.get(room, [])!r}, held {len(self.held)}, dropped {self.dropped!r}"

    def wait_held(self, handle):
        account = self.account_of(handle)
        if self.wait(None, lambda: account in self.held):
            return f"held {len(self.held[account]['messages'])}"
        return f"error nothing held; got {self.texts!r}, dropped {self.dropped!r}"

