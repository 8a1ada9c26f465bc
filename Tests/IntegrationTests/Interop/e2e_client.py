"""The key half of live_client.py, from docs/PROTOCOL.md 19.2-19.6: identity and prekeys, session associated
data, ratchet keys, payload events. PyNaCl and the standard library.
"""
import os
import struct
import time

from vector_check import SigningKey, VerifyKey, u32, x25519_public
from wire_client import data_field


# ---- 19.2: keys ---------------------------------------------------------------------------------

class Identity:
    def __init__(self):
        self.signing = SigningKey(os.urandom(32))
        self.agreement = os.urandom(32)
        x = x25519_public(self.agreement)
        ed = bytes(self.signing.verify_key)
        self.body = ed + x + self.signing.sign(b"klankbord/identity-agreement-key/1" + x).signature
        self.bundle = b"\x01" + self.body
        self.spk_id, self.spk = 1, os.urandom(32)
        created = int(time.time())
        signed = u32(self.spk_id) + struct.pack(">Q", created) + x25519_public(self.spk)
        self.spk_versioned = b"\x01" + signed + self.signing.sign(b"klankbord/signed-prekey/1" + signed).signature
        self.one_time = {100 + i: os.urandom(32) for i in range(5)}

    def upload(self):
        """prekeysUpload body: data identity (129), data signed prekey (109), list<data> one-time prekeys (37 each)."""
        otks = [b"\x01" + u32(i) + x25519_public(k) for i, k in sorted(self.one_time.items())]
        return data_field(self.bundle) + data_field(self.spk_versioned) + struct.pack(">H", len(otks)) + b"".join(
            data_field(k) for k in otks)


def check_identity_body(body):
    """128 bytes: Ed25519 (32) || X25519 (32) || signature over the agreement-key domain || X25519."""
    if len(body) != 128:
        raise ValueError("identity body length")
    VerifyKey(body[:32]).verify(b"klankbord/identity-agreement-key/1" + body[32:64], body[64:])
    return body


class FreshKeys:
    """Stands in for Party's list of next ratchet keys: a new random key pair at each DH ratchet step."""

    def pop(self, _):
        return os.urandom(32)


def session_ad(initiator_body, responder_body):
    """19.3: X25519(IKa) || Ed25519(IKa) || X25519(IKb) || Ed25519(IKb), the initiator first."""
    return initiator_body[32:64] + initiator_body[:32] + responder_body[32:64] + responder_body[:32]


def epoch_of(message):
    """The epoch of a sender-key message (19.5: version u8, epoch u32, ...)."""
    return struct.unpack(">I", message[1:5])[0]


def new_event(text):
    """19.6: version || type length || "text" || random id (16) || body length u32 || UTF-8."""
    body = text.encode("utf-8")
    return b"\x01\x04text" + os.urandom(16) + data_field(body)
