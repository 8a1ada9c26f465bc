"""The payload-event and control-message part of the independent verifier, written from docs/PROTOCOL.md 19.1 and
19.6 alone: room.rules and announcement (19.6.1), meeting.* (19.6.2), consultation.* (19.6.3), ledger.* (19.6.4) and
the inbox control messages 0x11, 0x12 and 0x13 (19.1). Every body is encoded here from the vector's fields by the
document's tables and compared byte for byte. Run by e2e_vectors.py.
"""
import hashlib
import struct

from vector_check import (VerifyKey, check, cipher_keys, crypto_aead_xchacha20poly1305_ietf_decrypt, ed25519_public,
                          ed25519_sign, h, u8, u32, u64)


# ---- section 5's field encodings ----------------------------------------------------------------

def u16(v):
    return struct.pack(">H", v)


def i64(v):
    return struct.pack(">q", v)


def boolean(v):
    return b"\x01" if v else b"\x00"


def string(text):
    data = text.encode("utf-8")
    return u16(len(data)) + data


def data(value):
    return u32(len(value)) + value


def optional(value, encode):
    return b"\x00" if value is None else b"\x01" + encode(value)


def list_of(items, encode):
    return u16(len(items)) + b"".join(encode(i) for i in items)


def payload_event(kind, event_id, body):
    """19.6: version 0x01 ‖ type length u8 ‖ type ‖ event id (16) ‖ body length u32 ‖ body."""
    name = kind.encode("ascii")
    return b"\x01" + u8(len(name)) + name + event_id + u32(len(body)) + body


def check_events(family, events, body_of):
    for e in events:
        what = f"{family} {e['type']} {e['id'][:4]}"
        body = body_of(e["type"], e["fields"])
        check(what + " body", body, e["body"])
        check(what + " payload event", payload_event(e["type"], h(e["id"]), body), e["event"])


# ---- 19.6.1 room.rules, announcement ----------------------------------------------------------

def rules_body(settings):
    """RoomSettings (9 bytes): u32 slow_s ‖ bool announce_only ‖ u32 disappear_s."""
    return u32(settings["slow_s"]) + boolean(settings["announce_only"]) + u32(settings["disappear_s"])


def check_chat_rules(events):
    for e in events:
        if e["type"] == "room.rules":
            body = rules_body(e["settings"])
        elif e["type"] == "announcement":
            body = e["text"].encode("utf-8")
        else:
            continue
        check(f"event {e['type']} body", body, e["body"])
        check(f"event {e['type']} bytes", payload_event(e["type"], h(e["id"]), body), e["event"])
    check("payload-events.json has room.rules and announcement",
          sorted(e["type"] for e in events if e["type"] in ("room.rules", "announcement")), ["announcement", "room.rules"])


# ---- 19.6.2 meeting.* -------------------------------------------------------------------------

def slot(s):
    return i64(s["start"]) + i64(s["end"])


def meeting_body(kind, f):
    """Every meeting body starts with its version byte 0x01."""
    b = b"\x01"
    if kind == "meeting.poll":
        b += string(f["title"]) + string(f["place"]) + i64(f["deadline"]) + boolean(f["anonymous"]) + list_of(f["slots"], slot)
    elif kind == "meeting.vote":
        b += h(f["poll"]) + list_of(f["answers"], lambda a: u8(a["slot"]) + u8(a["answer"]))
    elif kind == "meeting.tally":
        b += h(f["poll"]) + list_of(f["tallies"], lambda t: u8(t["slot"]) + u16(t["yes"]) + u16(t["maybe"]) + u16(t["no"]))
    elif kind == "meeting.fixed":
        origin = f["origin"]
        b += b"\x00" if origin is None else b"\x01" + h(origin["poll"]) + u8(origin["slot"])
        b += string(f["title"]) + string(f["place"]) + slot(f["slot"]) + i64(f["fee_cents"])
    elif kind == "meeting.moved":
        b += h(f["meeting"]) + slot(f["slot"]) + optional(f["place"], string)
    elif kind == "meeting.cancelled":
        b += h(f["meeting"])
    elif kind == "meeting.rsvp":
        b += h(f["meeting"]) + u8(f["answer"])
    elif kind == "meeting.attended":
        b += h(f["meeting"]) + list_of(f["attendees"], u64)
    elif kind == "meeting.handover":
        b += list_of(f["items"], lambda i: u64(i["author"]) + i64(i["time"]) + string(i["type"]) + h(i["id"]) + data(h(i["body"])))
    else:
        raise ValueError(kind)
    return b


MEETING_TYPES = {"meeting.poll", "meeting.vote", "meeting.tally", "meeting.fixed", "meeting.moved", "meeting.cancelled",
                 "meeting.rsvp", "meeting.attended", "meeting.handover"}


def check_meetings(v):
    check_events("meeting", v["events"], meeting_body)
    check("meetings.json covers every meeting type", {e["type"] for e in v["events"]}, MEETING_TYPES)
    # A handover's items are the original events' bodies: each must be the body of the vector with that id.
    bodies = {e["id"]: e["body"] for e in v["events"]}
    for e in v["events"]:
        for item in e["fields"].get("items", []):
            check("meeting.handover item " + item["type"], item["body"], bodies[item["id"]])


# ---- 19.6.3 consultation.* --------------------------------------------------------------------

def consultation_body(kind, f):
    """No version byte of its own: the payload event's version covers it."""
    if kind == "consultation.posed":
        return (string(f["asking_body"]) + string(f["title"]) + string(f["text"]) + list_of(f["options"], string)
                + i64(f["deadline"]) + u8(f["discussion"]) + i64(f["fee_cents"]))
    if kind in ("consultation.answered", "consultation.changed"):
        return h(f["consultation"]) + h(f["reference"]) + optional(f["option"], u16) + string(f["text"])
    if kind == "consultation.withdrawn":
        return h(f["consultation"]) + h(f["reference"])
    if kind == "consultation.follow_up":
        return h(f["consultation"]) + h(f["reference"]) + string(f["text"])
    if kind == "consultation.closed":
        return h(f["consultation"])
    if kind == "consultation.reminded":
        return h(f["consultation"]) + u64(f["recipient"])
    raise ValueError(kind)


def check_consultations(v):
    check_events("consultation", v["events"], consultation_body)
    check("consultations.json covers every consultation type", {e["type"] for e in v["events"]},
          {"consultation.posed", "consultation.answered", "consultation.changed", "consultation.withdrawn",
           "consultation.follow_up", "consultation.closed", "consultation.reminded"})


# ---- 19.6.4 ledger.* --------------------------------------------------------------------------

LEDGER_KINDS = {1: "created", 2: "approved", 3: "paid", 4: "rejected", 5: "receipt", 6: "reversal", 7: "budget", 8: "handover"}


def ledger_body(kind, f):
    if kind == "created":
        return (h(f["entry"]) + u64(f["recipient"]) + string(f["handle"]) + i64(f["cents"]) + u8(f["purpose"])
                + string(f["description"]) + u8(f["method"]) + i64(f["date"]) + string(f["note"]))
    if kind == "approved":
        return h(f["entry"]) + boolean(f["over_budget"]) + boolean(f["over_allowance"])
    if kind == "paid":
        return h(f["entry"])
    if kind == "rejected":
        return h(f["entry"]) + string(f["reason"])
    if kind == "receipt":
        return h(f["entry"]) + i64(f["confirmed"]) + h(f["recipient_signature"])
    if kind == "reversal":
        return h(f["entry"]) + h(f["reverses"]) + i64(f["date"]) + string(f["note"])
    if kind == "budget":
        return u16(f["year"]) + u8(f["purpose"]) + i64(f["cents"])
    if kind == "handover":
        return u64(f["to"])
    raise ValueError(kind)


def receipt_message(entry, entry_hash, confirmed):
    return b"klankbord/ledger-receipt/1" + entry + entry_hash + i64(confirmed)


def check_ledger(v):
    seed, recipient_seed = h(v["signer_seed"]), h(v["recipient_seed"])
    check("ledger signer public", ed25519_public(seed), v["signer_public"])
    check("ledger recipient public", ed25519_public(recipient_seed), v["recipient_public"])
    prev, index, entry_hashes = bytes(32), 0, {}
    for e in v["events"]:
        kind = LEDGER_KINDS[e["kind"]]
        what = f"ledger event {index} ({kind})"
        check(what + " type", e["type"], "ledger." + kind)
        check(what + " index", e["index"], index)
        check(what + " prev", prev, e["prev"])
        f = e["fields"]
        if kind == "receipt":
            # The recipient signs "klankbord/ledger-receipt/1" ‖ entry id ‖ entry hash ‖ confirmed.
            signature = ed25519_sign(recipient_seed, receipt_message(h(f["entry"]), entry_hashes[f["entry"]], f["confirmed"]))
            check(what + " recipient signature", signature, f["recipient_signature"])
        unsigned = u8(1) + u8(e["kind"]) + u64(index) + prev + i64(e["time"]) + u64(e["signer"]) + ledger_body(kind, f)
        check(what + " signed bytes", b"klankbord/ledger-event/1" + unsigned, e["signed_bytes"])
        signature = ed25519_sign(seed, b"klankbord/ledger-event/1" + unsigned)
        check(what + " signature", signature, e["signature"])
        event = unsigned + signature
        check(what + " bytes", event, e["bytes"])
        digest = hashlib.blake2b(b"klankbord/ledger-hash/1" + event, digest_size=32).digest()
        check(what + " hash", digest, e["hash"])
        check(what + " payload event", payload_event(e["type"], h(e["id"]), event), e["event"])
        if kind in ("created", "reversal"):
            entry_hashes[f["entry"]] = digest
        prev, index = digest, index + 1
    check("ledger.json covers every kind", {e["kind"] for e in v["events"]}, set(LEDGER_KINDS))
    c = v["confirmation"]
    check("ledger.confirmation entry hash", entry_hashes[c["entry"]], c["entry_hash"])
    message = receipt_message(h(c["entry"]), h(c["entry_hash"]), c["confirmed"])
    check("ledger.confirmation signed bytes", message, c["signed_bytes"])
    check("ledger.confirmation signature", ed25519_sign(recipient_seed, message), c["signature"])
    body = h(c["entry"]) + i64(c["confirmed"]) + ed25519_sign(recipient_seed, message)
    check("ledger.confirmation body", body, c["body"])
    check("ledger.confirmation payload event", payload_event("ledger.confirmation", h(c["id"]), body), c["event"])


# ---- 19.1 inbox control messages ----------------------------------------------------------------

def check_controls(v, sender_keys, meetings):
    p = v["private_event"]
    # 0x11 ‖ room u64 ‖ data(payload event); the event is meetings.json's meeting.vote.
    vote = next(e for e in meetings["events"] if e["type"] == "meeting.vote")
    check("control 0x11 carries meetings.json's vote", p["event"], vote["event"])
    check("control 0x11 private feature event", b"\x11" + u64(p["room"]) + data(h(p["event"])), p["bytes"])
    r = v["report"]
    report = (b"\x12" + u64(r["room"]) + u64(r["seq"]) + u64(r["sender"]) + string(r["sender_handle"]) + i64(r["time"])
              + string(r["note"]) + data(h(r["message"])) + h(r["message_key"]))
    check("control 0x12 report", report, r["bytes"])
    # The report's message is sender-keys.json's message; its key opens it (19.5) and its signature is the sender's.
    m = sender_keys["messages"][r["sender_keys_message_index"]]
    check("control 0x12 report carries sender-keys.json's message", r["message"], m["message"])
    check("control 0x12 report message key", r["message_key"], m["message_key"])
    message = h(r["message"])
    epoch, index, length = struct.unpack(">III", message[1:13])
    ciphertext, signature = message[13:13 + length], message[13 + length:]
    VerifyKey(h(sender_keys["signing_public"])).verify(b"klankbord/sender-key-signature/1" + u64(r["room"]) + message[:-64], signature)
    key, nonce = cipher_keys(h(r["message_key"]), b"klankbord/sender-key-message/1")
    ad = u64(r["room"]) + b"\x01" + u32(epoch) + u32(index)
    check("control 0x12 report opens with its key", crypto_aead_xchacha20poly1305_ietf_decrypt(ciphertext, ad, nonce, key), h(r["plaintext"]))
    c = v["read_confirmation"]
    check("control 0x13 read confirmation", b"\x13" + u64(c["room"]) + u64(c["seq"]), c["bytes"])
