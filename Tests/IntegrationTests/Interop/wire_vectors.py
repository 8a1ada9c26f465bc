"""The wire part of the independent verifier: wire messages (PROTOCOL.md 5-10), invite and contact
codes (15) and the Noise handshake (3), each rebuilt from the document's tables. Run by e2e_vectors.py.
"""
import base64
import hashlib
import hmac
import struct

from vector_check import check, crypto_aead_chacha20poly1305_ietf_encrypt, h, u8, u32, u64, x25519, x25519_public


# ---- 5, 6, 8, 9 wire messages; 15 codes -----------------------------------------------------

def string(text):
    data = text.encode("utf-8")
    return struct.pack(">H", len(data)) + data


def data_field(value):
    return u32(len(value)) + value


def optional(encode):
    """5: u8 presence (0x00 absent, 0x01 present), then the value."""
    return lambda value: b"\x00" if value is None else b"\x01" + encode(value)


def list_of(encode):
    """5: u16 count, then the items."""
    return lambda values: struct.pack(">H", len(values)) + b"".join(encode(v) for v in values)


def record(*layout):
    """A field sequence (section 8) from (name, encoder) pairs."""
    return lambda fields: b"".join(encode(fields[name]) for name, encode in layout)


U8, U16, U32, U64 = u8, (lambda v: struct.pack(">H", v)), u32, u64
I64 = lambda v: struct.pack(">q", v)  # noqa: E731
BOOL = lambda v: b"\x01" if v else b"\x00"  # noqa: E731
FIXED = h
DATA = lambda v: data_field(h(v))  # noqa: E731
STRING = string

# Section 8 records.
ACCOUNT = record(("id", U64), ("handle", STRING), ("role", U8))
EVENT = record(("room", U64), ("seq", U64), ("sender_id", U64), ("sender_handle", STRING), ("time", I64), ("payload", DATA))
INBOX_ITEM = record(("id", U64), ("sender_id", U64), ("sender_handle", STRING), ("time", I64), ("payload", DATA))
ROOM_SUMMARY = record(("id", U64), ("kind", U8), ("name", STRING), ("last_seq", U64), ("member_count", U16))
MEMBER = record(("account_id", U64), ("handle", STRING), ("role", U8))
INVITE = record(("id", U64), ("role", U8), ("room", optional(U64)), ("room_name", optional(STRING)), ("uses_left", U16),
                ("uses_total", U16), ("created_at", I64), ("expires_at", I64), ("revoked", BOOL))
CURSOR = record(("room", U64), ("last_seq", U64))
INVITER = record(("account_id", U64), ("handle", STRING), ("identity", DATA))
LOG_RECORD = record(("index", U32), ("entry", DATA))
ROOM_SETTINGS = record(("slow_s", U32), ("announce_only", BOOL), ("disappear_s", U32))

# Section 9's summary table: (request body, response body) per type; section 10's pushes.
BODIES = {
    0x01: ([], []),
    0x02: ([("secret", FIXED), ("handle", STRING)],
           [("account", ACCOUNT), ("room", optional(U64)), ("inviter", optional(INVITER)), ("welcome", optional(DATA))]),
    0x03: ([], [("account", ACCOUNT)]),
    0x04: ([], []),
    0x05: ([], [("generation", FIXED), ("server_key", FIXED), ("restored", list_of(CURSOR))]),
    0x10: ([("role", U8), ("room", optional(U64)), ("uses", U16), ("expires_in_s", U32),
            ("keyed", optional(record(("token", FIXED), ("welcome", optional(DATA)))))],
           [("invite_id", U64), ("secret", FIXED), ("expires_at", I64), ("public_address", STRING)]),
    0x11: ([], [("invites", list_of(INVITE))]),
    0x12: ([("invite_id", U64)], []),
    0x20: ([("name", STRING)], [("room", U64), ("name", STRING)]),
    0x21: ([], [("rooms", list_of(ROOM_SUMMARY))]),
    0x22: ([("room", U64)], [("members", list_of(MEMBER))]),
    0x23: ([("room", U64)], []),
    0x24: ([("room", U64), ("handle", STRING)], []),
    0x25: ([("handle", STRING)], [("room", U64), ("name", STRING)]),
    0x26: ([("expires_in_s", U32)], [("secret", FIXED), ("expires_at", I64)]),
    0x27: ([("secret", FIXED)], [("room", U64), ("name", STRING)]),
    0x28: ([("room", U64), ("account", U64)], []),
    0x29: ([("room", U64)], [("settings", ROOM_SETTINGS), ("wait_s", U32)]),
    0x2A: ([("room", U64), ("settings", ROOM_SETTINGS)], []),
    0x2B: ([("room", U64), ("keep", BOOL)], []),
    0x30: ([("room", U64), ("client_id", FIXED), ("payload", DATA)], [("seq", U64), ("time", I64)]),
    0x31: ([("room", U64), ("after_seq", U64), ("limit", U16)], [("events", list_of(EVENT)), ("more", BOOL)]),
    0x32: ([], [("cursors", list_of(CURSOR))]),
    0x40: ([("recipient", U64), ("payload", DATA)], []),
    0x41: ([("limit", U16)], [("items", list_of(INBOX_ITEM))]),
    0x42: ([("ids", list_of(U64))], []),
    0x43: ([("items", list_of(record(("recipient", U64), ("payload", DATA))))], [("statuses", list_of(U8))]),
    0x50: ([("identity", DATA), ("signed_prekey", DATA), ("one_time_prekeys", list_of(DATA))], [("count", U32)]),
    0x51: ([], [("count", U32)]),
    0x52: ([("accounts", list_of(U64)), ("consume", BOOL)],
           [("bundles", list_of(record(("account", U64), ("bundle", optional(DATA)))))]),
    0x60: ([("scope", U64), ("after", U32), ("limit", U16)], [("entries", list_of(LOG_RECORD)), ("more", BOOL)]),
    0x61: ([("scope", U64), ("index", U32), ("entry", DATA)], []),
}
PUSHES = {
    0x80: [("event", EVENT)],
    0x81: [("item", INBOX_ITEM)],
    0x82: [("room", U64), ("account_id", U64), ("handle", STRING), ("change", U8)],
    0x83: [("scope", U64), ("record", LOG_RECORD)],
}


def check_wire(v):
    """6: request u8 1 ‖ u8 type ‖ u32 id ‖ body; response 2 ‖ type ‖ id ‖ body; error 3 ‖ type ‖ id ‖ string code;
    push 4 ‖ type ‖ body (no id)."""
    seen = set()
    for m in v["messages"]:
        f = m["fields"]
        kind, kind_type = f["kind"], f["type"]
        if kind == 1:
            body = record(*BODIES[kind_type][0])(f)
        elif kind == 2:
            body = record(*BODIES[kind_type][1])(f)
        elif kind == 3:
            body = string(f["code"])
        else:
            body = record(*PUSHES[kind_type])(f)
        seen.add((kind, kind_type))
        head = u8(kind) + u8(kind_type) + (u32(f["id"]) if kind != 4 else b"")
        check("wire " + m["name"], head + body, m["bytes"])
    # 11: server_restarting is sent with id 0 and type 0x01; the document gives its bytes literally.
    restarting = next(m for m in v["messages"] if m["fields"].get("code") == "server_restarting")
    check("wire server_restarting is PROTOCOL.md 11's bytes", h(restarting["bytes"]),
          bytes.fromhex("03 01 00 00 00 00 00 11".replace(" ", "")) + b"server_restarting")
    missing = [(k, t) for t in BODIES for k in (1, 2) if (k, t) not in seen] + [(4, t) for t in PUSHES if (4, t) not in seen]
    check("wire: every request, response and push type has a vector", missing, [])


def base64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def check_codes(v, protocol_text):
    i = v["invite"]
    host = i["host"].encode("utf-8")
    raw = b"\x01" + struct.pack(">H", i["port"]) + u8(len(host)) + host + h(i["server_key"]) + h(i["secret"])
    check("invite code bytes", raw, i["bytes"])
    check("invite code", "kb1-" + base64url(raw), i["code"])
    check("invite code is PROTOCOL.md 15's example", i["code"] in protocol_text, True)
    # 15, version 2: commitment = BLAKE2b-128("klankbord/invite-commitment/1" || inviter bundle || context), unkeyed.
    w = v["invite_v2"]
    commitment = hashlib.blake2b(b"klankbord/invite-commitment/1" + h(w["inviter_bundle"]) + h(w["context"]), digest_size=16).digest()
    check("invite code v2 commitment", commitment, w["commitment"])
    host = w["host"].encode("utf-8")
    raw = b"\x02" + struct.pack(">H", w["port"]) + u8(len(host)) + host + h(w["server_key"]) + h(w["secret"]) + commitment
    check("invite code v2 bytes", raw, w["bytes"])
    check("invite code v2", "kb1-" + base64url(raw), w["code"])
    check("invite code v2 is PROTOCOL.md 15's example", w["code"] in protocol_text, True)
    # 15, contact codes: kbc- + Base64URL(secret || BLAKE2b-128("klankbord/contact-commitment/1" || owner bundle)).
    c = v["contact"]
    commitment = hashlib.blake2b(b"klankbord/contact-commitment/1" + h(c["owner_bundle"]), digest_size=16).digest()
    check("contact code commitment", commitment, c["commitment"])
    check("contact code", "kbc-" + base64url(h(c["secret"]) + commitment), c["code"])
    check("contact code is PROTOCOL.md 15's example", c["code"] in protocol_text, True)


# ---- 3 Noise handshake -------------------------------------------------------------------------

class Symmetric:
    """The Noise specification's SymmetricState with BLAKE2b (HASHLEN 64) and ChaChaPoly."""

    def __init__(self, name):
        self.h = name.ljust(64, b"\x00") if len(name) <= 64 else hashlib.blake2b(name).digest()
        self.ck, self.k, self.n = self.h, None, 0

    @staticmethod
    def hkdf(ck, ikm):
        temp = hmac.new(ck, ikm, hashlib.blake2b).digest()
        one = hmac.new(temp, b"\x01", hashlib.blake2b).digest()
        return one, hmac.new(temp, one + b"\x02", hashlib.blake2b).digest()

    def mix_hash(self, data):
        self.h = hashlib.blake2b(self.h + data).digest()

    def mix_key(self, ikm):
        self.ck, temp = self.hkdf(self.ck, ikm)
        self.k, self.n = temp[:32], 0

    def encrypt_and_hash(self, plaintext):
        c = crypto_aead_chacha20poly1305_ietf_encrypt(plaintext, self.h, b"\x00" * 4 + struct.pack("<Q", self.n), self.k)
        self.n += 1
        self.mix_hash(c)
        return c

    def split(self):
        one, two = self.hkdf(self.ck, b"")
        return one[:32], two[:32]


def check_noise(v):
    s_i, s_r = h(v["client_static_private"]), h(v["server_static_private"])
    e_i, e_r = h(v["client_ephemeral_private"]), h(v["server_ephemeral_private"])
    check("noise client static public", x25519_public(s_i), v["client_static_public"])
    check("noise server static public", x25519_public(s_r), v["server_static_public"])
    check("noise prologue", b"klankbord/1", v["prologue"])
    state = Symmetric(b"Noise_IK_25519_ChaChaPoly_BLAKE2b")
    state.mix_hash(b"klankbord/1")
    state.mix_hash(x25519_public(s_r))                      # <- s
    message1 = x25519_public(e_i)                           # -> e
    state.mix_hash(x25519_public(e_i))
    state.mix_key(x25519(e_i, x25519_public(s_r)))          # es
    message1 += state.encrypt_and_hash(x25519_public(s_i))  # s
    state.mix_key(x25519(s_i, x25519_public(s_r)))          # ss
    message1 += state.encrypt_and_hash(b"\x01")             # payload: version 1
    check("noise message 1 (97 bytes)", message1, v["message1"])
    message2 = x25519_public(e_r)                           # <- e
    state.mix_hash(x25519_public(e_r))
    state.mix_key(x25519(e_r, x25519_public(e_i)))          # ee
    state.mix_key(x25519(e_r, x25519_public(s_i)))          # se
    message2 += state.encrypt_and_hash(b"\x01\x00")         # payload: version 1, status ok
    check("noise message 2 (50 bytes)", message2, v["message2"])
    to_server, to_client = state.split()
    check("noise client-to-server key", to_server, v["client_to_server_key"])
    check("noise server-to-client key", to_client, v["server_to_client_key"])
    nonce0 = bytes(12)
    check("noise first client transport message",
          crypto_aead_chacha20poly1305_ietf_encrypt(h(v["client_transport_plaintext"]), b"", nonce0, to_server),
          v["client_transport_message"])
    check("noise first server transport message",
          crypto_aead_chacha20poly1305_ietf_encrypt(h(v["server_transport_plaintext"]), b"", nonce0, to_client),
          v["server_transport_message"])

