"""The log part of the independent verifier: docs/vectors/logs.json rebuilt from docs/TRUST.md's words (entry
layout, signature, hash, invite keys, join proof, sealed room entries, welcome, anchor). Run by e2e_vectors.py.
"""
import copy

import log_rules
import trust_log
from vector_check import SigningKey, check, ed25519_public, h, x25519_public


def entry_body(kind, e, identities, invites):
    """The body of each kind from the vector's named inputs (TRUST.md "Kinds and bodies")."""
    f = dict(e)
    if "identity" in e:
        f["bundle"] = h(identities[e["identity"]]["bundle"])
    if "invite" in e:
        f["invite_key"] = h(invites[e["invite"]]["public_key"])
    if "proof" in e:
        f["proof"] = h(e["proof"])
    return trust_log.body_of(kind, f)


def check_chain(name, log, identities, invites, room_key=None):
    head = bytes(32)
    for e in log["entries"]:
        what = f"log {name} entry {e['index']} ({e['kind']})"
        check(what + " kind code", trust_log.KINDS[e["kind"]], e["kind_code"])
        check(what + " prev is the head so far", head, e["prev"])
        if e["kind"] == "join":
            invite = invites[e["invite"]]
            signing = trust_log.invite_signing_key(h(invite["secret"]))
            bundle = h(identities[e["identity"]]["bundle"])
            message = (b"klankbord/log-join-proof/1" + trust_log.u64(log["scope"]) + trust_log.u64(e["author"]) + bundle
                       + trust_log.string(e["handle"]))
            check(what + " proof message", message, e["proof_message"])
            check(what + " proof", trust_log.join_proof(signing, log["scope"], e["author"], bundle, e["handle"]), e["proof"])
        body = entry_body(e["kind"], e, identities, invites)
        check(what + " body", body, e["body"])
        unsigned = trust_log.unsigned_entry(log["scope"], head, e["time"], e["author"], e["kind"], body)
        check(what + " unsigned", unsigned, e["unsigned"])
        signer = SigningKey(h(identities[e["signer"]]["ed25519_seed"]))
        entry = trust_log.sign_entry(signer, unsigned)
        check(what + " signature", entry[-64:], e["signature"])
        check(what + " entry", entry, e["entry"])
        trust_log.verify_entry(entry, h(identities[e["signer"]]["bundle"]))
        parsed = trust_log.parse_entry(entry)
        check(what + " parses back", (parsed["kind"], parsed["author"], parsed["body"]), (e["kind"], e["author"], body))
        head = trust_log.entry_hash(entry)
        check(what + " hash", head, e["hash"])
        if room_key is not None:
            check(what + " aead ad", trust_log.room_log_ad(log["scope"], e["index"]), e["aead_ad"])
            stored = trust_log.seal_room_entry(room_key, log["scope"], e["index"], entry, h(e["nonce"]))
            check(what + " stored", stored, e["stored"])
            check(what + " opens", trust_log.open_room_entry(room_key, log["scope"], e["index"], stored), entry)
    return head


def check_logs(v):
    identities, invites = v["identities"], v["invites"]
    for name, ident in identities.items():
        seed, xpriv = h(ident["ed25519_seed"]), h(ident["x25519_private"])
        x = x25519_public(xpriv)
        body = ed25519_public(seed) + x + SigningKey(seed).sign(b"klankbord/identity-agreement-key/1" + x).signature
        check(f"log identity {name} bundle", b"\x01" + body, ident["bundle"])
    for name, invite in invites.items():
        secret = h(invite["secret"])
        signing = trust_log.invite_signing_key(secret)
        check(f"log invite {name} signing seed", trust_log.blake2b_256(b"klankbord/invite-signing-key/1", key=secret), invite["signing_seed"])
        check(f"log invite {name} public key", bytes(signing.verify_key), invite["public_key"])
        check(f"log invite {name} welcome key", trust_log.welcome_key(secret), invite["welcome_key"])
        check(f"log invite {name} redeem token", trust_log.redeem_token(secret), invite["redeem_token"])
    check_chain("roster", v["roster"], identities, invites)
    room_key = h(v["room"]["room_log_key"])
    check_chain("room", v["room"], identities, invites, room_key)
    w = v["welcome"]
    secret = h(invites[w["invite"]]["secret"])
    check("log welcome plaintext", b"\x01" + room_key, w["plaintext"])
    check("log welcome aead ad", b"klankbord/invite-welcome/1" + trust_log.u64(w["room"]), w["aead_ad"])
    check("log welcome", trust_log.seal_welcome(secret, w["room"], room_key, h(w["nonce"])), w["welcome"])
    check("log welcome opens", trust_log.open_welcome(secret, w["room"], h(w["welcome"])), room_key)
    a = v["anchor"]
    # TRUST.md "Anchors": for a room invite the room head is the hash of its invite entry, the roster head the inviter's.
    invite_entry = next(e for e in v["room"]["entries"] if e["kind"] == "invite" and e["invite"] == a["invite"])
    check("log anchor room head is the invite entry", invite_entry["hash"], a["room_head"])
    roster_hashes = [e["hash"] for e in v["roster"]["entries"]]
    check("log anchor roster head is a roster entry", a["roster_head"] in roster_hashes, True)
    context = trust_log.invite_context(h(a["roster_head"]), h(a["room_head"]))
    check("log anchor context", context, a["context"])
    check("log anchor commitment", trust_log.invite_commitment(h(identities[a["inviter"]]["bundle"]), context), a["commitment"])
    # TRUST.md "Rules every client checks": every entry of the vectors is valid, and the state is the expected one.
    roster = log_rules.reduce(0, [h(e["entry"]) for e in v["roster"]["entries"]])
    check("log rules roster warnings", roster.warnings, [])
    check("log rules roster roles", {a: m["role"] for a, m in roster.members.items()}, {1: log_rules.OPERATOR, 2: log_rules.FACILITATOR})
    room = log_rules.reduce(v["room"]["scope"], [h(e["entry"]) for e in v["room"]["entries"]], roster)
    check("log rules room warnings", room.warnings, [])
    check("log rules room members", sorted(room.members), [2])
    check("log rules room bans (bea removed at index 6)", room.bans, {4: 6})
    check("log rules room invites revoked", [i["revoked"] for i in room.invites.values()], [True, False])
    for case in v["refused"]:
        offered = copy.deepcopy(room)
        offered.apply(h(case["entry"]))
        got = offered.warnings[-1][1] if offered.warnings else None
        check(f"log rules refuse: {case['name']}", got, case["refusal"])
        check(f"log rules refuse: {case['name']} leaves the members", sorted(offered.members), sorted(room.members))
