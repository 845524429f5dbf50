package io.mmsguard.codec.mm7;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MalformedMessageException;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an XML document from untrusted bytes into an {@link XmlElement} tree. No DTD is processed: a DOCTYPE is
 * rejected outright, so XXE, external DTD fetches and entity-expansion bombs cannot happen; element depth and
 * document size are bounded by {@link DecodeLimits}.
 */
final class SafeXmlReader {

    private static final XMLInputFactory FACTORY = newFactory();
    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']");

    private final DecodeLimits limits;

    SafeXmlReader(DecodeLimits limits) {
        this.limits = limits;
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // Without a reporter the JDK parser prints "[Fatal Error]" lines to stderr for bad byte sequences; the
        // error is thrown to us anyway.
        f.setXMLReporter((message, type, info, location) -> { });
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            // Belt and braces: even if a future JDK ignored SUPPORT_DTD, nothing is ever fetched.
            throw new XMLStreamException("external entity refused: " + systemId);
        });
        return f;
    }

    /** Parses the document; the encoding comes from the BOM or XML declaration (UTF-8 by default). */
    XmlElement read(byte[] xml) {
        DecodeLimits.check("maxMessageBytes", xml.length, limits.maxMessageBytes());
        XMLStreamReader r = null;
        try {
            // Decoding the bytes ourselves: the JDK parser prints "[Fatal Error]" to stderr from its constructor when
            // it meets a bad byte sequence while reading the XML declaration, and we want a clean exception.
            r = FACTORY.createXMLStreamReader(new StringReader(decode(xml)));
            return readTree(r);
        } catch (XMLStreamException e) {
            throw new MalformedMessageException("SOAP XML not well-formed: " + e.getMessage(), e);
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            // The JDK's parser lets some unchecked exceptions escape on hostile byte sequences; they are still
            // malformed input, not our bug.
            throw new MalformedMessageException("SOAP XML unreadable: " + e, e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException | RuntimeException ignored) {
                    // nothing is held open for an in-memory stream
                }
            }
        }
    }

    /** Charset from the BOM, else the XML declaration, else UTF-8 (XML 1.0 appendix F); invalid bytes are malformed. */
    static String decode(byte[] xml) {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (startsWith(xml, 0xEF, 0xBB, 0xBF)) {
            skip = 3;
        } else if (startsWith(xml, 0xFE, 0xFF) || startsWith(xml, 0x00, 0x3C, 0x00, 0x3F)) {
            charset = StandardCharsets.UTF_16BE;
            skip = xml[0] == 0 ? 0 : 2;
        } else if (startsWith(xml, 0xFF, 0xFE) || startsWith(xml, 0x3C, 0x00, 0x3F, 0x00)) {
            charset = StandardCharsets.UTF_16LE;
            skip = xml[0] == 0x3C ? 0 : 2;
        } else {
            String head = new String(xml, 0, Math.min(xml.length, 256), StandardCharsets.ISO_8859_1);
            Matcher m = DECLARED_ENCODING.matcher(head);
            if (head.startsWith("<?xml") && m.find()) {
                try {
                    charset = Charset.forName(m.group(1));
                } catch (IllegalArgumentException e) {
                    throw new MalformedMessageException("unsupported XML encoding '" + m.group(1) + "'");
                }
            }
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(xml, skip, xml.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("SOAP XML is not valid " + charset.name() + ": " + e);
        } catch (UnsupportedOperationException e) {
            throw new MalformedMessageException("XML encoding " + charset.name() + " cannot be decoded");
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * SOAP is XML 1.0, but a document declaring version 1.1 may carry C0 controls as character references: refused,
     * since nothing downstream (the answers echoing a transaction id, the envelope) can carry them.
     */
    private static String xml10(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) {
                throw new MalformedMessageException("SOAP XML carries U+" + String.format("%04X", (int) c)
                        + ", which XML 1.0 does not allow");
            }
        }
        return s;
    }

    private XmlElement readTree(XMLStreamReader r) throws XMLStreamException {
        Deque<XmlElement.Draft> stack = new ArrayDeque<>();
        XmlElement root = null;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.DTD ->
                        throw new MalformedMessageException("DOCTYPE not allowed in SOAP messages");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new MalformedMessageException("undeclared entity reference &" + r.getLocalName() + ";");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (root != null) {
                        throw new MalformedMessageException("content after the document element");
                    }
                    DecodeLimits.check("maxXmlDepth", stack.size() + 1L, limits.maxXmlDepth());
                    Map<String, String> attrs = new HashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        attrs.putIfAbsent(r.getAttributeLocalName(i), xml10(r.getAttributeValue(i)));
                    }
                    String ns = r.getNamespaceURI();
                    stack.push(new XmlElement.Draft(ns == null ? "" : ns, r.getLocalName(), attrs));
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement done = stack.pop().freeze();
                    if (stack.isEmpty()) {
                        root = done;
                    } else {
                        stack.peek().children.add(done);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        stack.peek().text.append(xml10(r.getText()));
                    }
                }
                default -> {
                    // comments, processing instructions, document start/end: irrelevant to MM7
                }
            }
        }
        if (root == null) {
            throw new MalformedMessageException("SOAP XML has no document element");
        }
        return root;
    }
}
