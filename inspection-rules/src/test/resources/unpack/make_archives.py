#!/usr/bin/env python3
"""Writes the archives UnpackerTest reads, with Python's zipfile and gzip (and Info-ZIP's zip -P for the
encrypted one, since zipfile cannot encrypt): encoders independent of the JDK's java.util.zip that the unpacker
reads with. Usage: make_archives.py OUTPUT_DIR"""
import gzip
import io
import os
import shutil
import subprocess
import sys
import zipfile

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def zip_bytes(entries, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in entries:
            z.writestr(name, data)
    return buf.getvalue()


def gzip_bytes(name, data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buf, mtime=0) as g:
        g.write(data)
    return buf.getvalue()


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


# clean: a text member, a directory, a stored binary member
write("clean.zip", zip_bytes([("readme.txt", b"see you at noon\n"), ("docs/", b""),
                              ("docs/photo.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)]))
# nested: a zip in a zip, and a gzip in the inner zip, its header naming x.exe
inner = zip_bytes([("x.exe", b"MZ\x90\x00 not really a program"),
                   ("notes.gz", gzip_bytes("eicar.com", EICAR))])
write("nested.zip", zip_bytes([("a.txt", b"outer text"), ("dir/inner.zip", inner)]))
# gzip of EICAR, no name in its header
buf = io.BytesIO()
with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as g:
    g.write(EICAR)
write("eicar.com.gz", buf.getvalue())
# bomb by ratio: 20 MiB of zeros in about 20 kB
write("ratio-bomb.zip", zip_bytes([("zeros.bin", bytes(20 << 20))]))
# five members of 1 MiB each (for the total and member limits)
write("five-mib.zip", zip_bytes([("part%d.bin" % i, bytes(1 << 20)) for i in range(5)]))
# depth: ten zips inside each other around one text file
level = zip_bytes([("deep.txt", b"at the bottom")])
for i in range(9):
    level = zip_bytes([("level%d.zip" % i, level)])
write("deep.zip", level)
# entries: 1001 empty files
write("many.zip", zip_bytes([("f%04d.txt" % i, b"") for i in range(1001)]))
# corrupt: a clean zip cut in half; and one whose deflate stream is damaged but whose directory is intact
clean = zip_bytes([("readme.txt", b"see you at noon " * 200)])
write("truncated.zip", clean[: len(clean) // 2])
damaged = bytearray(clean)
data_start = 30 + len("readme.txt")
for i in range(data_start + 5, data_start + 25):
    damaged[i] ^= 0x5A
write("damaged.zip", bytes(damaged))
write("truncated.gz", gzip_bytes("a.txt", b"some text " * 500)[:40])
# hidden: the central directory names x.exe where the local header says a.txt
hidden = bytearray(zip_bytes([("a.txt", b"MZ pretend program")], zipfile.ZIP_STORED))
central = hidden.rfind(b"PK\x01\x02")
name_at = central + 46
assert hidden[name_at:name_at + 5] == b"a.txt"
hidden[name_at:name_at + 5] = b"x.exe"
write("hidden.zip", bytes(hidden))
# encrypted, with Info-ZIP (traditional PKWARE encryption)
tmp = os.path.join(out, "enc-src")
os.makedirs(tmp, exist_ok=True)
with open(os.path.join(tmp, "secret.txt"), "wb") as f:
    f.write(b"the secret is safe")
if shutil.which("zip"):
    subprocess.run(["zip", "-q", "-P", "s3cret", os.path.join(os.path.abspath(out), "encrypted.zip"), "secret.txt"],
                   cwd=tmp, check=True)
    with zipfile.ZipFile(os.path.join(out, "encrypted.zip")) as z:
        assert z.infolist()[0].flag_bits & 1, "zip -P did not encrypt"
