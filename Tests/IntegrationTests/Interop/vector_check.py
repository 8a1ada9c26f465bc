"""What every vector check shares: the check bookkeeping, integer encodings and the primitives of
PROTOCOL.md 19 (X25519, Ed25519, HMAC-SHA256, HKDF-SHA256, the ratchet KDFs), from PyNaCl and the
Python standard library. Part of the independent verifier run by e2e_vectors.py.
"""
import hashlib
import hmac
import struct
import sys

try:
    from nacl.bindings import (crypto_aead_chacha20poly1305_ietf_encrypt, crypto_aead_xchacha20poly1305_ietf_decrypt,
                               crypto_aead_xchacha20poly1305_ietf_encrypt, crypto_scalarmult, crypto_scalarmult_base)
    from nacl.signing import SigningKey, VerifyKey
except ImportError:
    print("PyNaCl is missing: `make venv` installs it")
    sys.exit(77)

__all__ = ["check", "h", "u8", "u32", "u64", "hmac_sha256", "hkdf_sha256", "x25519", "x25519_public", "ed25519_public",
           "ed25519_sign", "ZERO_SALT", "kdf_rk", "kdf_ck", "cipher_keys", "SigningKey", "VerifyKey",
           "crypto_aead_chacha20poly1305_ietf_encrypt", "crypto_aead_xchacha20poly1305_ietf_decrypt",
           "crypto_aead_xchacha20poly1305_ietf_encrypt"]

FAILURES = []
CHECKS = 0


def check(what, got, want):
    """Compares bytes (or anything) and remembers a mismatch."""
    global CHECKS
    CHECKS += 1
    if isinstance(want, str) and isinstance(got, (bytes, bytearray)):
        want = bytes.fromhex(want)
    if got != want:
        shown = got.hex() if isinstance(got, (bytes, bytearray)) else got
        wanted = want.hex() if isinstance(want, (bytes, bytearray)) else want
        FAILURES.append(f"{what}: computed {shown}, vector says {wanted}")


def h(text):
    return bytes.fromhex(text)


def u8(v):
    return struct.pack(">B", v)


def u32(v):
    return struct.pack(">I", v)


def u64(v):
    return struct.pack(">Q", v)


# ---- primitives (PROTOCOL.md 19) -------------------------------------------------------------

def hmac_sha256(key, data):
    return hmac.new(key, data, hashlib.sha256).digest()


def hkdf_sha256(ikm, salt, info, length):
    """RFC 5869: extract with the salt, then expand with the info."""
    prk = hmac_sha256(salt, ikm)
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac_sha256(prk, block + info + bytes([counter]))
        out += block
        counter += 1
    return out[:length]


def x25519(private, public):
    return crypto_scalarmult(private, public)


def x25519_public(private):
    return crypto_scalarmult_base(private)


def ed25519_public(seed):
    return bytes(SigningKey(seed).verify_key)


def ed25519_sign(seed, message):
    return SigningKey(seed).sign(message).signature


ZERO_SALT = bytes(32)


def kdf_rk(rk, dh):
    """19.4: HKDF-SHA256(salt = rk, ikm = dh, info = "klankbord/ratchet/1", L = 64) -> (root key, chain key)."""
    out = hkdf_sha256(dh, rk, b"klankbord/ratchet/1", 64)
    return out[:32], out[32:]


def kdf_ck(ck):
    """19.4: message key = HMAC-SHA256(ck, 0x01), next chain key = HMAC-SHA256(ck, 0x02)."""
    return hmac_sha256(ck, b"\x01"), hmac_sha256(ck, b"\x02")


def cipher_keys(message_key, info):
    """19.4 / 19.5: HKDF-SHA256(salt = 32 zero bytes, ikm = message key, info, L = 56) -> key 0..31, nonce 32..55."""
    out = hkdf_sha256(message_key, ZERO_SALT, info, 56)
    return out[:32], out[32:]
