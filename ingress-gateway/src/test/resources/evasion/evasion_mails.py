#!/usr/bin/env python3
"""Writes the MIME evasion samples of issue 15 with Python's own email package (an encoder independent of
mmsguard's): one file per case into the directory given as argv[1].

  mm3-<case>.eml            an Internet mail for the MM3 listener
  mm4-<case>.eml            an MM4_forward.REQ for the MM4 listener
  mm7-<case>.body/.ctype    an MM7 SOAP-with-attachments HTTP body and its Content-Type

Each evasion hides an executable (file name x.exe, content starting MZ) or the EICAR test string where a lazy parser
does not look. Line ends are CRLF, as on the SMTP wire."""
import base64
import binascii
import email.generator
import email.policy
import io
import quopri
import sys
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.image import MIMEImage
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.nonmultipart import MIMENonMultipart
from pathlib import Path

OUT = Path(sys.argv[1])
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
POLICY = email.policy.compat32.clone(linesep="\r\n")


def headers(msg, subject, mm4_tid=None):
    msg["From"] = "alice@example.org" if mm4_tid is None else "+48600111222/TYPE=PLMN"
    msg["To"] = "447700900456@mms.mnc010.mcc234.gprs" if mm4_tid is None else "+447700900456/TYPE=PLMN"
    msg["Subject"] = subject
    msg["Date"] = "Sat, 05 Dec 2026 08:00:00 +0000"
    msg["Message-ID"] = "<%s@example.org>" % (mm4_tid or subject.replace(" ", "-"))
    if mm4_tid is not None:
        msg["Sender"] = "+48600111222/TYPE=PLMN@mms.mnc006.mcc260.gprs"
        msg["X-Mms-Message-Type"] = "MM4_forward.REQ"
        msg["X-Mms-3GPP-MMS-Version"] = "5.5.0"
        msg["X-Mms-Transaction-ID"] = '"%s"' % mm4_tid
        msg["X-Mms-Message-ID"] = '"%s@w.mms.peer"' % mm4_tid
        msg["X-Mms-Originator-System"] = "PostMaster@mms.mnc006.mcc260.gprs"
        msg["X-Mms-Ack-Request"] = "Yes"
    return msg


def flat(msg):
    buf = io.BytesIO()
    email.generator.BytesGenerator(buf, policy=POLICY, mangle_from_=False).flatten(msg)
    data = buf.getvalue()
    return data if data.endswith(b"\r\n") else data + b"\r\n"


def with_attachment(part, text="see attached"):
    outer = MIMEMultipart("mixed")
    outer.attach(MIMEText(text, "plain", "us-ascii"))
    outer.attach(part)
    return outer


def exe_part(disposition=None, content_type_name=None, content=b"hello, not really a program\r\n"):
    part = MIMEApplication(content, "octet-stream")
    if content_type_name is not None:
        part.set_param("name", content_type_name)
    if disposition is not None:
        part["Content-Disposition"] = disposition
    return part


def clean():
    msg = with_attachment(MIMEImage(JPEG, "jpeg"), "a photo from the beach")
    msg.get_payload()[1].add_header("Content-Disposition", "attachment", filename="beach.jpg")
    return msg


def rfc2047_name():
    return with_attachment(exe_part('attachment; filename="=?UTF-8?B?eC5leGU=?="'))


def rfc2231_name():
    part = exe_part()
    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "x.exe"))  # filename*=utf-8''x.exe
    return with_attachment(part)


def rfc2231_continuation():
    return with_attachment(exe_part("attachment; filename*0*=UTF-8''x%2E; filename*1=\"exe\""))


def nested(levels, inner):
    msg = inner
    for i in range(levels):
        wrapper = MIMEMultipart("mixed")
        wrapper["Subject"] = "fwd %d" % i
        wrapper.attach(MIMEText("forwarded", "plain", "us-ascii"))
        wrapper.attach(MIMEMessage(msg))
        msg = wrapper
    return msg


def inner_exe():
    inner = with_attachment(exe_part(content=MZ), "the tool")
    inner.get_payload()[1].add_header("Content-Disposition", "attachment", filename="x.exe")
    inner["From"] = "carol@example.org"
    inner["Subject"] = "tool"
    return inner


def conflicting_boundary():
    msg = with_attachment(exe_part('attachment; filename="notes.txt"'))
    msg.set_boundary("AAAA")
    del msg["Content-Type"]
    msg["Content-Type"] = 'multipart/mixed; boundary="AAAA"; boundary="BBBB"'
    return msg


def conflicting_filename():
    return with_attachment(exe_part("attachment; filename=\"photo.jpg\"; filename*=utf-8''x.exe"))


def duplicate_content_type():
    part = MIMENonMultipart("image", "jpeg")
    part.set_payload(base64.encodebytes(MZ).decode("ascii"))
    part["Content-Transfer-Encoding"] = "base64"
    part["Content-Type"] = "application/x-msdownload"  # a second Content-Type field
    return with_attachment(part)


def base64_garbage():
    part = MIMEBase("application", "octet-stream")
    b64 = base64.b64encode(EICAR).decode("ascii")
    noisy = "\r\n".join(" ".join(b64[i:i + 4] for i in range(j, min(j + 16, len(b64)), 4)) + " !*#"
                        for j in range(0, len(b64), 16))
    part.set_payload(noisy)
    part["Content-Transfer-Encoding"] = "base64"
    part.add_header("Content-Disposition", "attachment", filename="notes.txt")
    return with_attachment(part)


def qp_soft_breaks():
    part = MIMENonMultipart("text", "plain", charset="us-ascii")
    encoded = quopri.encodestring(EICAR).decode("ascii")
    # a soft line break ("=" CRLF) after every 7 characters, never inside an =XX escape
    out, line = [], ""
    i = 0
    while i < len(encoded):
        token = encoded[i:i + 3] if encoded[i] == "=" else encoded[i]
        if len(line) + len(token) > 7:
            out.append(line + "=")
            line = ""
        line += token
        i += len(token)
    out.append(line)
    part.set_payload("\r\n".join(out))
    part["Content-Transfer-Encoding"] = "quoted-printable"
    return with_attachment(part)


def uuencoded():
    lines = ["here is the file", "", "begin 644 readme.txt"]
    for i in range(0, len(EICAR), 45):
        lines.append(binascii.b2a_uu(EICAR[i:i + 45], backtick=True).decode("ascii").rstrip("\n"))
    lines += ["`", "end", ""]
    return MIMEText("\r\n".join(lines), "plain", "us-ascii")


def text_declared_exe():
    part = MIMENonMultipart("text", "plain", charset="us-ascii")
    part.set_payload(base64.encodebytes(MZ).decode("ascii"))
    part["Content-Transfer-Encoding"] = "base64"
    return with_attachment(part)


def fragment():
    part_one = MIMEText("the first half of a longer message", "plain", "us-ascii")
    msg = MIMENonMultipart("message", "partial", id="frag-1@example.org", number="1", total="2")
    msg.set_payload(part_one.as_string().replace("\n", "\r\n"))
    return msg


MM3 = {
    "clean": clean,
    "rfc2047-name": rfc2047_name,
    "rfc2231-name": rfc2231_name,
    "rfc2231-continuation": rfc2231_continuation,
    "nested-rfc822": lambda: nested(3, inner_exe()),
    "nested-too-deep": lambda: nested(9, inner_exe()),
    "conflicting-boundary": conflicting_boundary,
    "conflicting-filename": conflicting_filename,
    "duplicate-content-type": duplicate_content_type,
    "base64-garbage": base64_garbage,
    "qp-soft-breaks": qp_soft_breaks,
    "uuencoded": uuencoded,
    "text-declared-exe": text_declared_exe,
    "fragment": fragment,
}

MM4 = {
    "clean": clean,
    "rfc2231-name": rfc2231_name,
    "nested-rfc822": lambda: nested(2, inner_exe()),
    "fragment": fragment,
}


def soap(tid):
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Header>'
            '<mm7:TransactionID xmlns:mm7="http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4"'
            ' env:mustUnderstand="1">%s</mm7:TransactionID></env:Header><env:Body>'
            '<SubmitReq xmlns="http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4">'
            '<MM7Version>6.8.0</MM7Version><SenderIdentification><VASPID>vasp1</VASPID><VASID>svc</VASID>'
            '<SenderAddress><ShortCode>12345</ShortCode></SenderAddress></SenderIdentification>'
            '<Recipients><To><Number>+4790000002</Number></To></Recipients><Subject>%s</Subject>'
            '<Content href="cid:content"/></SubmitReq></env:Body></env:Envelope>') % (tid, tid)


def mm7(tid, attachment):
    related = MIMEMultipart("related", type="text/xml", start="<soap>")
    envelope = MIMEText(soap(tid), "xml", "us-ascii")
    envelope["Content-ID"] = "<soap>"
    related.attach(envelope)
    attachment["Content-ID"] = "<content>"
    related.attach(attachment)
    data = flat(related)
    head, body = data.split(b"\r\n\r\n", 1)
    ctype = [l for l in head.decode("ascii").replace("\r\n\t", " ").replace("\r\n ", " ").split("\r\n")
             if l.lower().startswith("content-type:")][0].split(":", 1)[1].strip()
    return ctype, body


def mm7_rfc2231():
    part = exe_part()
    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "x.exe"))
    return part


MM7 = {
    "clean": lambda: MIMEImage(JPEG, "jpeg"),
    "rfc2047-name": lambda: exe_part(content_type_name="=?UTF-8?B?eC5leGU=?="),
    "rfc2231-name": mm7_rfc2231,
    "nested-rfc822": lambda: MIMEMessage(inner_exe()),
    "conflicting-filename": lambda: exe_part("attachment; filename=\"photo.jpg\"; filename*=utf-8''x.exe"),
}

OUT.mkdir(parents=True, exist_ok=True)
for name, make in MM3.items():
    (OUT / ("mm3-%s.eml" % name)).write_bytes(flat(headers(make(), "mm3 " + name)))
for name, make in MM4.items():
    (OUT / ("mm4-%s.eml" % name)).write_bytes(flat(headers(make(), "mm4 " + name, "mm4-" + name)))
for name, make in MM7.items():
    ctype, body = mm7("mm7-" + name, make())
    (OUT / ("mm7-%s.ctype" % name)).write_text(ctype)
    (OUT / ("mm7-%s.body" % name)).write_bytes(body)
