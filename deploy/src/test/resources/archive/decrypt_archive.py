"""An analyst's decryption of one mms.archive record, as docs/security.md ("The archive") describes it.

Input in the folder given as the only argument: record.json (one line of `mmsguard archive query --json`, or the
record decoded by any Avro reader) and keys (the archive keys file, <key-id>:<base64 of 32 bytes> per line).
Output there: subject.txt and part-<i>.bin for each part with content. Needs the `cryptography` package.
"""
import base64
import json
import struct
import sys
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.keywrap import aes_key_unwrap

folder = Path(sys.argv[1])
record = json.loads((folder / "record.json").read_text())
keys = {}
for line in (folder / "keys").read_text().splitlines():
    if line.strip() and not line.startswith("#"):
        key_id, key = line.split(":", 1)
        keys[key_id.strip()] = base64.b64decode(key.strip())

sealed = record["encryptedContent"]
assert sealed["scheme"] == "A256GCM+A256KW", sealed["scheme"]
data_key = aes_key_unwrap(keys[sealed["keyId"]], base64.b64decode(sealed["wrappedKey"]))
plain = AESGCM(data_key).decrypt(base64.b64decode(sealed["nonce"]), base64.b64decode(sealed["ciphertext"]),
                                 record["sessionId"].encode("utf-8"))

pos = 0


def field():
    global pos
    (length,) = struct.unpack_from(">i", plain, pos)
    pos += 4
    if length == -1:
        return None
    value = plain[pos:pos + length]
    pos += length
    return value


(count,) = struct.unpack_from(">i", plain, pos)
pos += 4
subject = field()
(folder / "subject.txt").write_bytes(subject or b"")
for i in range(count):
    name, filename, content_id, content_location, content = field(), field(), field(), field(), field()
    if content is not None:
        (folder / f"part-{i}.bin").write_bytes(content)
assert pos == len(plain)
