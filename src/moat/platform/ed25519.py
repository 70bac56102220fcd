"""Loading Ed25519 keys, the one way for every signer and verifier: platforms' attribution keys
(`moat.identity.attribution`), the restricted-entity feed's signing key (`moat.enforce.feed`) and a
platform's pinned copy of its public key. It lives in `moat.platform`, the package platforms install
on their side, which must import nothing else of Moat.

A public key is PEM, or its raw 32 bytes in base64, standard or url-safe, padded or not: the short
form platforms register and pin. A private key is PEM (PKCS#8), e.g. a secret mounted into replicas.
"""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def b64decode(text: str) -> bytes:
    """Base64, standard or url-safe, with or without padding."""
    return base64.urlsafe_b64decode(text.replace("+", "-").replace("/", "_") + "=" * (-len(text) % 4))


def load_public_key(key: str | bytes | Ed25519PublicKey) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM or its raw 32 bytes in base64; ValueError otherwise."""
    if isinstance(key, Ed25519PublicKey):
        return key
    raw = key.encode() if isinstance(key, str) else key
    if raw.lstrip().startswith(b"-----BEGIN"):
        loaded = serialization.load_pem_public_key(raw)
        if not isinstance(loaded, Ed25519PublicKey):
            raise ValueError("not an Ed25519 public key")
        return loaded
    data = b64decode(raw.strip().decode())
    if len(data) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return Ed25519PublicKey.from_public_bytes(data)


def load_private_key(pem: str | bytes) -> Ed25519PrivateKey:
    """An Ed25519 private key from PEM text; ValueError otherwise."""
    key = serialization.load_pem_private_key(pem.encode() if isinstance(pem, str) else pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key


def public_key_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The raw public key in standard base64, the short form a platform registers or pins."""
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()
