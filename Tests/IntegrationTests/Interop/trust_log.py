"""Membership and role log entries (docs/TRUST.md), written from the document alone: the entry layout,
its signature and hash, the keys derived from an invite secret, the join proof, sealed room-log entries
and the welcome. Used by e2e_vectors.py (log vectors) and live_client.py (joining a real daemon).
"""
import hashlib
import struct

from vector_check import (SigningKey, VerifyKey, crypto_aead_xchacha20poly1305_ietf_decrypt,
                          crypto_aead_xchacha20poly1305_ietf_encrypt, u8, u32, u64)

KINDS = {"genesis": 1, "invite": 2, "join": 3, "add": 4, "leave": 5, "remove": 6, "revoke": 7}
KIND_NAMES = {code: name for name, code in KINDS.items()}
HEADER = 1 + 8 + 32 + 8 + 8 + 1  # version, scope, prev, time, author, kind
SIGNATURE = 64
IDENTITY_BUNDLE = 129


def string(text):
    data = text.encode("utf-8")
    return struct.pack(">H", len(data)) + data


def blake2b_256(message, key=b""):
    """BLAKE2b with a 32-byte output, keyed when `key` is given (libsodium crypto_generichash)."""
    return hashlib.blake2b(message, key=key, digest_size=32).digest()


# ---- Keys derived from the invite secret ------------------------------------------------------

def invite_signing_key(secret):
    """Ed25519 key pair from BLAKE2b-256(key = secret, "klankbord/invite-signing-key/1")."""
    return SigningKey(blake2b_256(b"klankbord/invite-signing-key/1", key=secret))


def welcome_key(secret):
    return blake2b_256(b"klankbord/invite-welcome-key/1", key=secret)


def redeem_token(secret):
    return blake2b_256(b"klankbord/invite-redeem-token/1", key=secret)


def open_welcome(secret, room, welcome):
    """welcome = nonce (24) || XChaCha20-Poly1305(welcome key, plaintext = 0x01 || R, AD = domain || room u64) -> R."""
    plain = crypto_aead_xchacha20poly1305_ietf_decrypt(welcome[24:], b"klankbord/invite-welcome/1" + u64(room),
                                                       welcome[:24], welcome_key(secret))
    if len(plain) != 33 or plain[0] != 1:
        raise ValueError("welcome of an unknown version")
    return plain[1:]


def seal_welcome(secret, room, room_key, nonce):
    return nonce + crypto_aead_xchacha20poly1305_ietf_encrypt(b"\x01" + room_key, b"klankbord/invite-welcome/1" + u64(room),
                                                              nonce, welcome_key(secret))


# ---- Room-log sealing -------------------------------------------------------------------------

def room_log_ad(room, index):
    return b"klankbord/room-log/1" + u64(room) + u32(index)


def seal_room_entry(room_key, room, index, entry, nonce):
    """stored = nonce (24) || XChaCha20-Poly1305(R, nonce, entry, AD = "klankbord/room-log/1" || room u64 || index u32)."""
    return nonce + crypto_aead_xchacha20poly1305_ietf_encrypt(entry, room_log_ad(room, index), nonce, room_key)


def open_room_entry(room_key, room, index, stored):
    return crypto_aead_xchacha20poly1305_ietf_decrypt(stored[24:], room_log_ad(room, index), stored[:24], room_key)


# ---- Entries ------------------------------------------------------------------------------------

def join_proof(invite_key, scope, account, bundle, handle):
    """Ed25519 by the invite key over "klankbord/log-join-proof/1" || scope u64 || account u64 || bundle || handle string."""
    return invite_key.sign(b"klankbord/log-join-proof/1" + u64(scope) + u64(account) + bundle + string(handle)).signature


def body_of(kind, f):
    """The body of each kind, as TRUST.md's table gives it."""
    if kind == "genesis":
        return string(f["handle"]) + f["bundle"]
    if kind == "invite":
        return f["invite_key"] + u8(f["role"]) + struct.pack(">H", f["uses"]) + struct.pack(">q", f["expires"])
    if kind == "join":
        return f["invite_key"] + string(f["handle"]) + f["bundle"] + f["proof"]
    if kind == "add":
        return u64(f["account"]) + string(f["handle"]) + f["bundle"] + u8(f["role"])
    if kind == "leave":
        return b""
    if kind == "remove":
        return u64(f["account"])
    if kind == "revoke":
        return f["invite_key"]
    raise ValueError(kind)


def unsigned_entry(scope, prev, time, author, kind, body):
    return u8(1) + u64(scope) + prev + struct.pack(">q", time) + u64(author) + u8(KINDS[kind]) + body


def sign_entry(signing_key, unsigned):
    """signature = Ed25519 by the author's identity over "klankbord/log-entry/1" || version … body."""
    return unsigned + signing_key.sign(b"klankbord/log-entry/1" + unsigned).signature


def entry_hash(entry):
    return blake2b_256(b"klankbord/log-hash/1" + entry)


def parse_string(data, at):
    (length,) = struct.unpack(">H", data[at:at + 2])
    return data[at + 2:at + 2 + length].decode("utf-8"), at + 2 + length


def parse_entry(entry):
    """Splits an entry into its fields; the bundle a genesis, join or add carries is under "bundle"."""
    version, scope = entry[0], struct.unpack(">Q", entry[1:9])[0]
    prev, (time,), (author,), kind = entry[9:41], struct.unpack(">q", entry[41:49]), struct.unpack(">Q", entry[49:57]), entry[57]
    body, signature = entry[HEADER:-SIGNATURE], entry[-SIGNATURE:]
    fields = dict(version=version, scope=scope, prev=prev, time=time, author=author, kind=KIND_NAMES.get(kind), body=body,
                  signature=signature)
    name = fields["kind"]
    if name == "genesis":
        fields["handle"], at = parse_string(body, 0)
        fields["bundle"] = body[at:at + IDENTITY_BUNDLE]
    elif name in ("invite", "revoke"):
        fields["invite_key"] = body[:32]
    elif name == "join":
        fields["invite_key"] = body[:32]
        fields["handle"], at = parse_string(body, 32)
        fields["bundle"] = body[at:at + IDENTITY_BUNDLE]
    elif name == "add":
        fields["account"] = struct.unpack(">Q", body[:8])[0]
        fields["handle"], at = parse_string(body, 8)
        fields["bundle"] = body[at:at + IDENTITY_BUNDLE]
    elif name == "remove":
        fields["account"] = struct.unpack(">Q", body[:8])[0]
    return fields


def verify_entry(entry, bundle):
    """Checks the entry's signature under the Ed25519 key of an identity bundle (version byte, Ed25519 key first)."""
    VerifyKey(bundle[1:33]).verify(b"klankbord/log-entry/1" + entry[:-SIGNATURE], entry[-SIGNATURE:])


def invite_context(roster_head, room_head):
    """context = BLAKE2b-256("klankbord/invite-context/1" || roster head || room log head)."""
    return blake2b_256(b"klankbord/invite-context/1" + roster_head + room_head)


def invite_commitment(bundle, context):
    return hashlib.blake2b(b"klankbord/invite-commitment/1" + bundle + context, digest_size=16).digest()
