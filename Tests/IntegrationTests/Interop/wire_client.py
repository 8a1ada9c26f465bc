"""The transport half of live_client.py, from docs/PROTOCOL.md sections 2-6 and 15: framing, the Noise
handshake, requests and their answers, field decoding, invite codes. noiseprotocol and the standard library.
"""
import base64
import socket
import struct

from noise.connection import Keypair, NoiseConnection

from vector_check import u8, u32

class Refused(Exception):
    """An error message from the server (PROTOCOL.md 6, 11)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


# ---- 5: field decoding --------------------------------------------------------------------------

class Reader:
    def __init__(self, data):
        self.data, self.at = data, 0

    def take(self, n):
        if self.at + n > len(self.data):
            raise ValueError("message ends inside a field")
        out = self.data[self.at:self.at + n]
        self.at += n
        return out

    def u8(self):
        return self.take(1)[0]

    def u16(self):
        return struct.unpack(">H", self.take(2))[0]

    def u32(self):
        return struct.unpack(">I", self.take(4))[0]

    def u64(self):
        return struct.unpack(">Q", self.take(8))[0]

    def i64(self):
        return struct.unpack(">q", self.take(8))[0]

    def string(self):
        return self.take(self.u16()).decode("utf-8")

    def data_(self):
        return self.take(self.u32())

    def optional(self, read):
        flag = self.u8()
        if flag not in (0, 1):
            raise ValueError("bad optional byte")
        return read() if flag else None

    def list_(self, read):
        return [read() for _ in range(self.u16())]

    def end(self):
        if self.at != len(self.data):
            raise ValueError("bytes left over")


def string(text):
    data = text.encode("utf-8")
    return struct.pack(">H", len(data)) + data


def data_field(value):
    return u32(len(value)) + value


# ---- 2-4, 6: connection -------------------------------------------------------------------------

class Connection:
    def __init__(self, host, port, server_key, device_private):
        self.noise = NoiseConnection.from_name(b"Noise_IK_25519_ChaChaPoly_BLAKE2b")
        self.noise.set_as_initiator()
        self.noise.set_keypair_from_private_bytes(Keypair.STATIC, device_private)
        self.noise.set_keypair_from_public_bytes(Keypair.REMOTE_STATIC, server_key)
        self.noise.set_prologue(b"klankbord/1")
        self.noise.start_handshake()
        self.sock = socket.create_connection((host, port), timeout=10)
        self._send_frame(self.noise.write_message(b"\x01"))
        if self.noise.read_message(self._read_frame()) != b"\x01\x00" or not self.noise.handshake_finished:
            raise SystemExit("handshake refused")
        self.next_id = 1
        self.pushes = []  # pushes that came while a request waited for its answer, oldest first

    def _read_exactly(self, count):
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise SystemExit("connection closed")
            data += chunk
        return data

    def _read_frame(self):
        return self._read_exactly(struct.unpack(">H", self._read_exactly(2))[0])

    def _send_frame(self, message):
        self.sock.sendall(struct.pack(">H", len(message)) + message)

    def call(self, kind_type, body=b""):
        """Sends one request and returns a Reader over its response body; raises Refused on an error. Pushes that
        arrive before the answer (section 6: "including between a request and its response") are kept in order."""
        request_id, self.next_id = self.next_id, self.next_id + 1
        self._send_frame(self.noise.encrypt(u8(1) + u8(kind_type) + u32(request_id) + body))
        while True:
            message = self.noise.decrypt(self._read_frame())
            reader = Reader(message)
            kind, message_type = reader.u8(), reader.u8()
            if kind == 4:
                self.pushes.append((message_type, reader))
                continue
            answered = reader.u32()
            if answered not in (request_id, 0):
                raise SystemExit(f"answer for request {answered}, waiting for {request_id}")
            if kind == 3:
                raise Refused(reader.string())
            if kind != 2 or message_type != kind_type:
                raise SystemExit(f"unexpected message kind {kind} type {message_type:#x}")
            return reader

    def next_push(self, timeout):
        """The next push (type, Reader over its body), waiting at most `timeout` seconds; None when none came. Only
        a subscribed connection gets pushes (section 10). An error here is unasked (id 0: server_restarting)."""
        if self.pushes:
            return self.pushes.pop(0)
        self.sock.settimeout(max(timeout, 0.01))
        try:
            header = self.sock.recv(2, socket.MSG_PEEK)
        except socket.timeout:
            return None
        finally:
            self.sock.settimeout(10)
        if not header:
            raise SystemExit("connection closed")
        reader = Reader(self.noise.decrypt(self._read_frame()))
        kind, message_type = reader.u8(), reader.u8()
        if kind == 3:
            reader.u32()
            raise Refused(reader.string())
        if kind != 4:
            raise SystemExit(f"an answer nobody asked for: kind {kind}")
        return message_type, reader


# ---- 15: invite codes ---------------------------------------------------------------------------

def parse_invite_code(text):
    text = "".join(text.split())
    if not text.startswith("kb1-"):
        raise SystemExit("not an invite code")
    raw = base64.urlsafe_b64decode(text[4:] + "=" * (-len(text[4:]) % 4))
    r = Reader(raw)
    version, port = r.u8(), r.u16()
    host = r.take(r.u8()).decode("utf-8")
    server_key, secret = r.take(32), r.take(32)
    commitment = r.take(16) if version == 2 else None
    r.end()
    return dict(version=version, host=host, port=port, server_key=server_key, secret=secret, commitment=commitment)
