"""Oracle for HtmlEntities: reads UTF-8 lines on stdin; for each writes the code points (hex, space separated) of
what Python's html.unescape makes of it, one line each."""
import html
import sys

for line in sys.stdin.buffer.read().decode("utf-8").split("\n")[:-1]:
    print(" ".join("%X" % ord(c) for c in html.unescape(line)))
