#!/usr/bin/env python3
"""Writes the MM3 mails ArchiveEndToEndIntegrationTest sends, each NAME.eml with one archive attachment, built with
Python's email, zipfile and gzip (and Info-ZIP's zip -P for the encrypted one, since zipfile cannot encrypt): none
of it by mmsguard's own writers or the JDK that unpacks it. Usage: archive_mails.py OUTPUT_DIR"""
import gzip
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from email import policy
from email.message import EmailMessage
from email.utils import formatdate

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def zip_bytes(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(name, data)
    return buf.getvalue()


def mail(name, text, filename, subtype, attachment):
    m = EmailMessage()
    m["From"] = "alice@example.org"
    m["To"] = "447700900456@mms.mnc010.mcc234.gprs"
    m["Subject"] = "archive " + name
    m["Date"] = formatdate(0)
    m["Message-ID"] = "<%s@archive.test>" % name
    m.set_content(text)
    if attachment is not None:
        m.add_attachment(attachment, maintype="application", subtype=subtype, filename=filename)
    with open(os.path.join(out, name + ".eml"), "wb") as f:
        f.write(m.as_bytes(policy=policy.SMTP))


mail("clean-zip", "the holiday photos", "photos.zip", "zip",
     zip_bytes([("readme.txt", b"two photos from the beach\n"),
                ("beach/1.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)]))
mail("eicar-zip", "the tool you asked for", "tools.zip", "zip",
     zip_bytes([("readme.txt", b"run it"), ("bin/eicar.com", EICAR)]))
mail("exe-zip", "the documents", "documents.zip", "zip",
     zip_bytes([("contract.txt", b"terms"), ("x.exe", b"MZ\x90\x00\x03 pretend program")]))
buf = io.BytesIO()
with gzip.GzipFile(filename="eicar.com", mode="wb", fileobj=buf, mtime=0) as g:
    g.write(EICAR)
mail("eicar-gz", "compressed", "data.gz", "gzip", buf.getvalue())
# 20 MiB of zeros in about 20 kB: over the ratio (and the member size) limit
mail("bomb-zip", "a small file", "small.zip", "zip", zip_bytes([("zeros.bin", bytes(20 << 20))]))
if shutil.which("zip"):
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "secret.txt"), "wb") as f:
            f.write(b"the secret is safe")
        target = os.path.join(tmp, "secret.zip")
        subprocess.run(["zip", "-q", "-P", "s3cret", target, "secret.txt"], cwd=tmp, check=True)
        with open(target, "rb") as f:
            encrypted = f.read()
    with zipfile.ZipFile(io.BytesIO(encrypted)) as z:
        assert z.infolist()[0].flag_bits & 1, "zip -P did not encrypt"
    mail("encrypted-zip", "the password is in the next mail", "secret.zip", "zip", encrypted)
