#!/usr/bin/env python3
"""An independent check of docs/vectors, written from docs/PROTOCOL.md (sections 3, 5-9, 15, 19) and docs/TRUST.md alone.

Every output in the vector files is recomputed here from the inputs the files give (private keys,
seeds, ids, texts) with PyNaCl (X25519, Ed25519, XChaCha20-Poly1305, ChaCha20-Poly1305) and the
Python standard library (HMAC-SHA256, HKDF-SHA256 after RFC 5869, BLAKE2b), and compared. The
Swift code is not consulted: where this file and the vectors disagree, either the document or the
code is wrong.

Usage: e2e_vectors.py <docs/vectors directory>. Prints "OK <n> checks" and exits 0, or lists every
mismatch and exits 1.
"""
import hashlib
import json
import os
import struct
import sys

import vector_check
from vector_check import (ZERO_SALT, VerifyKey, check, cipher_keys, crypto_aead_xchacha20poly1305_ietf_decrypt,
                          crypto_aead_xchacha20poly1305_ietf_encrypt, ed25519_public, ed25519_sign, h, hkdf_sha256, kdf_ck,
                          kdf_rk, u8, u32, u64, x25519, x25519_public)
from feature_vectors import check_chat_rules, check_consultations, check_controls, check_ledger, check_meetings
from log_vectors import check_logs
from wire_vectors import check_codes, check_noise, check_wire


# ---- 19.2 keys --------------------------------------------------------------------------------

def identity_body(ident):
    """Ed25519 public key (32) ‖ X25519 public key (32) ‖ signature (64) over the agreement-key domain."""
    ed = ed25519_public(h(ident["ed25519_seed"]))
    x = x25519_public(h(ident["x25519_private"]))
    signature = ed25519_sign(h(ident["ed25519_seed"]), b"klankbord/identity-agreement-key/1" + x)
    return ed + x + signature


def check_keys(v):
    for name, ident in v["identities"].items():
        seed, xpriv = h(ident["ed25519_seed"]), h(ident["x25519_private"])
        check(f"keys {name} ed25519_public", ed25519_public(seed), ident["ed25519_public"])
        check(f"keys {name} x25519_public", x25519_public(xpriv), ident["x25519_public"])
        message = b"klankbord/identity-agreement-key/1" + x25519_public(xpriv)
        check(f"keys {name} signed_message", message, ident["signed_message"])
        check(f"keys {name} signature", ed25519_sign(seed, message), ident["signature"])
        check(f"keys {name} identity_body", identity_body(ident), ident["identity_body"])
        check(f"keys {name} identity_bundle", b"\x01" + identity_body(ident), ident["identity_bundle"])
    bob = v["identities"]["bob"]
    spk = v["signed_prekey"]
    spk_public = x25519_public(h(spk["private"]))
    check("keys signed prekey public", spk_public, spk["public"])
    spk_message = b"klankbord/signed-prekey/1" + u32(spk["id"]) + u64(spk["created_at"]) + spk_public
    check("keys signed prekey signed_message", spk_message, spk["signed_message"])
    spk_signature = ed25519_sign(h(bob["ed25519_seed"]), spk_message)
    check("keys signed prekey signature", spk_signature, spk["signature"])
    VerifyKey(h(bob["ed25519_public"])).verify(spk_message, spk_signature)
    spk_body = u32(spk["id"]) + u64(spk["created_at"]) + spk_public + spk_signature
    check("keys signed prekey body (108)", spk_body, spk["body"])
    check("keys signed prekey versioned (109)", b"\x01" + spk_body, spk["versioned"])
    otk = v["one_time_prekey"]
    otk_body = u32(otk["id"]) + x25519_public(h(otk["private"]))
    check("keys one-time prekey public", x25519_public(h(otk["private"])), otk["public"])
    check("keys one-time prekey body (36)", otk_body, otk["body"])
    check("keys one-time prekey versioned (37)", b"\x01" + otk_body, otk["versioned"])
    bundle = b"\x01" + identity_body(bob) + spk_body
    check("keys prekey bundle with one-time prekey (274)", bundle + b"\x01" + otk_body, v["prekey_bundle_with_one_time_prekey"])
    check("keys prekey bundle without one-time prekey (238)", bundle + b"\x00", v["prekey_bundle_without_one_time_prekey"])
    return spk, otk


# ---- 19.3 X3DH -------------------------------------------------------------------------------

def ad_of(initiator, responder):
    """AD = X25519(IKa) ‖ Ed25519(IKa) ‖ X25519(IKb) ‖ Ed25519(IKb): the initiator first."""
    return (x25519_public(h(initiator["x25519_private"])) + ed25519_public(h(initiator["ed25519_seed"]))
            + x25519_public(h(responder["x25519_private"])) + ed25519_public(h(responder["ed25519_seed"])))


def x3dh(case):
    """Returns SK computed by both ends (checked equal)."""
    ika, ikb = h(case["alice_identity"]["x25519_private"]), h(case["bob_identity"]["x25519_private"])
    spk, eka = h(case["bob_signed_prekey_private"]), h(case["alice_ephemeral_private"])
    initiator = [x25519(ika, x25519_public(spk)), x25519(eka, x25519_public(ikb)), x25519(eka, x25519_public(spk))]
    responder = [x25519(spk, x25519_public(ika)), x25519(ikb, x25519_public(eka)), x25519(spk, x25519_public(eka))]
    if case["one_time_prekey"]:
        opk = h(case["bob_one_time_prekey_private"])
        initiator.append(x25519(eka, x25519_public(opk)))
        responder.append(x25519(opk, x25519_public(eka)))
    name = "x3dh " + case["name"]
    check(name + " responder DH values equal initiator's", responder, initiator)
    for i, value in enumerate(initiator):
        check(f"{name} dh{i + 1}", value, case[f"dh{i + 1}"])
    ikm = b"\xff" * 32 + b"".join(initiator)
    check(name + " ikm", ikm, case["ikm"])
    sk = hkdf_sha256(ikm, ZERO_SALT, b"klankbord/x3dh/1", 32)
    check(name + " sk", sk, case["sk"])
    check(name + " ephemeral public", x25519_public(eka), case["alice_ephemeral_public"])
    check(name + " ad", ad_of(case["alice_identity"], case["bob_identity"]), case["ad"])
    return sk


def check_x3dh(v):
    return {case["one_time_prekey"]: (case, x3dh(case)) for case in v["cases"]}


# ---- 19.4 Double Ratchet -----------------------------------------------------------------------

class Party:
    """One side of a Double Ratchet session, as 19.3 and 19.4 describe it."""

    def __init__(self, name, ad, next_keys):
        self.name, self.ad, self.next_keys = name, ad, list(next_keys)
        self.rk = self.dhs = self.dhr = self.cks = self.ckr = None
        self.ns = self.nr = self.pn = 0
        self.skipped = {}
        self.initial_prefix = None  # Alice's initial-message fields, until she receives a reply

    def encrypt(self, plaintext, info=b"klankbord/ratchet-message/1"):
        ck = self.cks
        mk, self.cks = kdf_ck(ck)
        key, nonce = cipher_keys(mk, info)
        pub = x25519_public(self.dhs)
        header = b"\x01" + pub + u32(self.pn) + u32(self.ns)
        ct = crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, self.ad + header, nonce, key)
        values = dict(chain_key=ck, message_key=mk, next_chain_key=self.cks, cipher_key=key, nonce=nonce, header=header,
                      aead_ad=self.ad + header, ciphertext=ct, ratchet_public=pub, pn=self.pn, n=self.ns)
        self.ns += 1
        body = pub + u32(values["pn"]) + u32(values["n"]) + u32(len(ct)) + ct
        if self.initial_prefix is not None:
            values["kind"], values["session_message"] = "initial", b"\x01\x01" + self.initial_prefix + body
        else:
            values["kind"], values["session_message"] = "ratchet", b"\x01\x02" + body
        return values

    def dh_ratchet(self, remote):
        self.pn, self.ns, self.nr = self.ns, 0, 0
        self.dhr = remote
        self.rk, self.ckr = kdf_rk(self.rk, x25519(self.dhs, remote))
        self.dhs = self.next_keys.pop(0)
        self.rk, self.cks = kdf_rk(self.rk, x25519(self.dhs, remote))

    def skip_until(self, end):
        while self.ckr is not None and self.nr < end:
            mk, self.ckr = kdf_ck(self.ckr)
            self.skipped[(self.dhr, self.nr)] = mk
            self.nr += 1

    def decrypt(self, session_message):
        """Parses a session message (19.3 table) and opens its ratchet message."""
        assert session_message[0] == 1, "session message version"
        kind, body = session_message[1], session_message[2:]
        if kind == 1:
            flag = body[128 + 32 + 4]
            body = body[128 + 32 + 4 + 1 + (4 if flag else 0):]
        pub, pn, n, length = body[:32], *struct.unpack(">III", body[32:44])
        ct = body[44:44 + length]
        assert len(ct) == length and len(body) == 44 + length, "ratchet body length"
        header = b"\x01" + pub + u32(pn) + u32(n)
        if (pub, n) in self.skipped:
            mk = self.skipped.pop((pub, n))
        else:
            if pub != self.dhr:
                self.skip_until(pn)
                self.dh_ratchet(pub)
            self.skip_until(n)
            mk, self.ckr = kdf_ck(self.ckr)
            self.nr += 1
        key, nonce = cipher_keys(mk, b"klankbord/ratchet-message/1")
        self.initial_prefix = None  # a reply arrived: from now on plain ratchet messages
        return crypto_aead_xchacha20poly1305_ietf_decrypt(ct, self.ad + header, nonce, key)


def parse_event(data):
    """19.6: version ‖ type length u8 ‖ type ‖ id (16) ‖ body length u32 ‖ body."""
    assert data[0] == 1
    n = data[1]
    kind = data[2:2 + n].decode("ascii")
    event_id = data[2 + n:18 + n]
    (length,) = struct.unpack(">I", data[18 + n:22 + n])
    body = data[22 + n:]
    assert len(body) == length
    return kind, event_id, body


def check_ratchet(v, keys, x3dh_cases):
    case, sk = x3dh_cases[True]
    check("ratchet sk (x3dh case with one-time prekey)", sk, v["sk"])
    ad = ad_of(case["alice_identity"], case["bob_identity"])
    check("ratchet ad", ad, v["ad"])
    rk = {name: h(k["private"]) for name, k in v["ratchet_keys"].items()}
    for name, k in v["ratchet_keys"].items():
        check(f"ratchet key {name} public", x25519_public(rk[name]), k["public"])
    for i, step in enumerate(v["root_steps"]):
        dh = x25519(h(step["own_private"]), h(step["remote_public"]))
        check(f"root step {i} dh", dh, step["dh"])
        root, chain = kdf_rk(h(step["root_key"]), dh)
        check(f"root step {i} new root key", root, step["new_root_key"])
        check(f"root step {i} chain key", chain, step["chain_key"])
    spk_private = h(case["bob_signed_prekey_private"])
    # Alice: first ratchet key A1, then a fresh key per DH ratchet step; Bob's first ratchet key is SPKb.
    alice = Party("alice", ad, [rk["A2"], rk["A3"]])
    alice.dhs, alice.dhr = rk["A1"], x25519_public(spk_private)
    alice.rk, alice.cks = kdf_rk(sk, x25519(rk["A1"], alice.dhr))
    alice.initial_prefix = (identity_body(case["alice_identity"]) + x25519_public(h(case["alice_ephemeral_private"]))
                            + u32(keys[0]["id"]) + b"\x01" + u32(keys[1]["id"]))
    bob = Party("bob", ad, [rk["B1"], rk["B2"]])
    bob.rk, bob.dhs = sk, spk_private
    parties = {"alice": alice, "bob": bob}
    sent = {m["number"]: m for m in v["messages"]}
    for event in v["timeline"]:
        m = sent[event["number"]]
        name = f"message {m['number']} ({m['from']})"
        if event["action"] == "receive":
            receiver = parties["bob" if m["from"] == "alice" else "alice"]
            check(f"{name} decrypts at {receiver.name}", receiver.decrypt(h(m["session_message"])), h(m["plaintext"]))
            continue
        plaintext = h(m["plaintext"])
        kind, _, body = parse_event(plaintext)
        check(f"{name} event", (kind, body), ("text", m["text"].encode()))
        values = parties[m["from"]].encrypt(plaintext)
        for field in ["chain_key", "message_key", "next_chain_key", "cipher_key", "nonce", "header", "aead_ad", "ciphertext",
                      "ratchet_public", "session_message"]:
            check(f"{name} {field}", values[field], m[field])
        for field in ["pn", "n", "kind"]:
            check(f"{name} {field}", values[field], m[field])
        check(f"{name} payload", b"\x02" + values["session_message"], m["payload"])
        # 19.3: a session message is version ‖ kind ‖ body; an initial-message body is 209 or 213 bytes + ciphertext,
        # a ratchet-message body 44 bytes + ciphertext.
        body_length = (213 if values["kind"] == "initial" else 44) + len(values["ciphertext"])
        check(f"{name} length", len(h(m["session_message"])), 2 + body_length)


# ---- 19.5 sender keys --------------------------------------------------------------------------

def check_sender_keys(v, x3dh_cases):
    room, epoch, index = v["room_id"], v["epoch"], v["start_index"]
    seed, ck = h(v["signing_seed"]), h(v["chain_key"])
    public = ed25519_public(seed)
    check("sender keys signing public", public, v["signing_public"])
    distribution = b"\x01" + u64(room) + u32(epoch) + u32(index) + ck + public
    check("sender keys distribution (81)", distribution, v["distribution"])
    check("sender keys control message", b"\x10" + distribution, v["control_message"])
    # 19.5: the distribution travels in an inbox item, payload = 0x02 ‖ session message whose plaintext is 0x10 ‖ distribution;
    # here Alice's first message in a session started without a one-time prekey (19.3, flag 0).
    item = v["inbox_item"]
    case, sk = x3dh_cases[False]
    check("sender keys inbox item x3dh case", item["x3dh_case"], case["name"])
    ratchet = h(item["ratchet_private"])
    spk_public = h(case["bob_signed_prekey_public"])
    alice = Party("alice", ad_of(case["alice_identity"], case["bob_identity"]), [])
    alice.dhs, alice.dhr = ratchet, spk_public
    alice.rk, alice.cks = kdf_rk(sk, x25519(ratchet, spk_public))
    check("sender keys inbox item root key", alice.rk, item["root_key"])
    alice.initial_prefix = (identity_body(case["alice_identity"]) + x25519_public(h(case["alice_ephemeral_private"]))
                            + u32(item["signed_prekey_id"]) + b"\x00")
    values = alice.encrypt(b"\x10" + distribution)
    for field in ["chain_key", "cipher_key", "nonce", "ratchet_public", "session_message"]:
        check(f"sender keys inbox item {field}", values[field], item[field])
    check("sender keys inbox item payload", b"\x02" + values["session_message"], item["payload"])
    check("sender keys inbox item length", len(values["session_message"]), 2 + 209 + len(values["ciphertext"]))
    for m in v["messages"]:
        i = m["index"]
        name = f"sender key message {i}"
        check(name + " chain key", ck, m["chain_key"])
        mk, ck = kdf_ck(ck)
        check(name + " message key", mk, m["message_key"])
        check(name + " next chain key", ck, m["next_chain_key"])
        key, nonce = cipher_keys(mk, b"klankbord/sender-key-message/1")
        check(name + " cipher key", key, m["cipher_key"])
        check(name + " nonce", nonce, m["nonce"])
        ad = u64(room) + b"\x01" + u32(epoch) + u32(index + i)
        check(name + " aead ad (17)", ad, m["aead_ad"])
        ct = crypto_aead_xchacha20poly1305_ietf_encrypt(h(m["plaintext"]), ad, nonce, key)
        check(name + " ciphertext", ct, m["ciphertext"])
        unsigned = b"\x01" + u32(epoch) + u32(index + i) + u32(len(ct)) + ct
        signed = b"klankbord/sender-key-signature/1" + u64(room) + unsigned
        check(name + " signed bytes", signed, m["signed_bytes"])
        signature = ed25519_sign(seed, signed)
        check(name + " signature", signature, m["signature"])
        VerifyKey(public).verify(signed, signature)
        check(name + " message", unsigned + signature, m["message"])
        check(name + " payload", b"\x01" + unsigned + signature, m["payload"])
        check(name + " event", parse_event(h(m["plaintext"]))[2], m["text"].encode())


# ---- 19.6 payload events, 19.7 safety numbers ----------------------------------------------

def check_payload_events(v):
    check_chat_rules(v["events"])  # room.rules and announcement: feature_vectors.py
    for e in v["events"]:
        if e["type"] in ("room.rules", "announcement"):
            continue
        target = h(e["target"]) if "target" in e else b""
        body = target + e.get("text", "").encode("utf-8")
        check(f"event {e['type']} body", body, e["body"])
        kind = e["type"].encode("ascii")
        event = b"\x01" + u8(len(kind)) + kind + h(e["id"]) + u32(len(body)) + body
        check(f"event {e['type']} bytes", event, e["event"])
    example = "01 04 74 65 78 74 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 00 00 00 02 68 69"  # PROTOCOL.md 19.6
    check("event example of PROTOCOL.md 19.6", bytes.fromhex(example.replace(" ", "")), v["events"][0]["event"])


def safety_half(ed, x, handle, domain, iterations):
    digest = hashlib.blake2b(domain + ed + x + handle.encode("utf-8"), digest_size=64).digest()
    for _ in range(iterations):
        digest = hashlib.blake2b(digest + ed + x, digest_size=64).digest()
    return "".join("%05d" % (int.from_bytes(digest[i * 5:i * 5 + 5], "big") % 100000) for i in range(6))


def check_safety_number(v):
    halves = []
    for side in ["alice", "bob"]:
        s = v[side]
        half = safety_half(h(s["ed25519_public"]), h(s["x25519_public"]), s["handle"], b"klankbord/safety-number/1", 5200)
        check(f"safety number half {side}", half, s["half"])
        halves.append(half)
    digits = "".join(sorted(halves))
    check("safety number", " ".join(digits[i:i + 5] for i in range(0, 60, 5)), v["safety_number"])

def main():
    directory = sys.argv[1]

    def load(name):
        with open(os.path.join(directory, name)) as f:
            return json.load(f)

    keys = check_keys(load("keys.json"))
    x3dh_cases = check_x3dh(load("x3dh.json"))
    check_ratchet(load("ratchet.json"), keys, x3dh_cases)
    check_sender_keys(load("sender-keys.json"), x3dh_cases)
    check_payload_events(load("payload-events.json"))
    check_meetings(load("meetings.json"))
    check_consultations(load("consultations.json"))
    check_ledger(load("ledger.json"))
    check_controls(load("controls.json"), load("sender-keys.json"), load("meetings.json"))
    check_safety_number(load("safety-number.json"))
    check_noise(load("noise.json"))
    check_wire(load("wire.json"))
    check_logs(load("logs.json"))
    with open(os.path.join(directory, os.pardir, "PROTOCOL.md")) as f:
        protocol_text = f.read()
    check_codes(load("codes.json"), protocol_text)
    # Every payload event type with a vector is named in PROTOCOL.md 19.6 (and so has its layout there).
    for name in ["payload-events.json", "meetings.json", "consultations.json", "ledger.json"]:
        for e in load(name)["events"]:
            check(f"PROTOCOL.md names {e['type']}", f"`{e['type']}`" in protocol_text, True)
    check("PROTOCOL.md names ledger.confirmation", "`ledger.confirmation`" in protocol_text, True)
    if vector_check.FAILURES:
        print("\n".join(vector_check.FAILURES))
        sys.exit(1)
    print(f"OK {vector_check.CHECKS} checks")


if __name__ == "__main__":
    main()
