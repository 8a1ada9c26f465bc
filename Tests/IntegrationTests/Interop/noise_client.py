#!/usr/bin/env python3
"""An independent Klankbord client written from docs/PROTOCOL.md with the Python `noiseprotocol` package.

Usage: noise_client.py HOST PORT SERVER_PUBLIC_KEY_HEX
Completes Noise_IK_25519_ChaChaPoly_BLAKE2b with the daemon, sends `ping` and `whoami`, checks the
answers, and prints OK. Exits non-zero with a reason on any mismatch.
"""
import os
import socket
import struct
import sys

from noise.connection import Keypair, NoiseConnection


def read_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise SystemExit("connection closed early")
        data += chunk
    return data


def read_frame(sock):
    (length,) = struct.unpack(">H", read_exactly(sock, 2))
    return read_exactly(sock, length)


def send_frame(sock, message):
    sock.sendall(struct.pack(">H", len(message)) + message)


def main():
    host, port, server_key = sys.argv[1], int(sys.argv[2]), bytes.fromhex(sys.argv[3])
    noise = NoiseConnection.from_name(b"Noise_IK_25519_ChaChaPoly_BLAKE2b")
    noise.set_as_initiator()
    noise.set_keypair_from_private_bytes(Keypair.STATIC, os.urandom(32))
    noise.set_keypair_from_public_bytes(Keypair.REMOTE_STATIC, server_key)
    noise.set_prologue(b"klankbord/1")
    noise.start_handshake()

    sock = socket.create_connection((host, port), timeout=10)
    send_frame(sock, noise.write_message(b"\x01"))  # payload: protocol version 1
    payload = noise.read_message(read_frame(sock))
    if payload != b"\x01\x00" or not noise.handshake_finished:
        raise SystemExit(f"unexpected handshake answer {payload.hex()}")

    # ping: kind 1 (request), type 0x01, id 7, no body -> response kind 2, type 0x01, id 7
    send_frame(sock, noise.encrypt(bytes([1, 0x01]) + struct.pack(">I", 7)))
    answer = noise.decrypt(read_frame(sock))
    if answer != bytes([2, 0x01]) + struct.pack(">I", 7):
        raise SystemExit(f"unexpected ping answer {answer.hex()}")

    # whoami from a key with no account: error kind 3, type 0x03, id 8, code "not_registered"
    send_frame(sock, noise.encrypt(bytes([1, 0x03]) + struct.pack(">I", 8)))
    answer = noise.decrypt(read_frame(sock))
    code = b"not_registered"
    expected = bytes([3, 0x03]) + struct.pack(">I", 8) + struct.pack(">H", len(code)) + code
    if answer != expected:
        raise SystemExit(f"unexpected whoami answer {answer.hex()}")
    print("OK")


if __name__ == "__main__":
    main()
