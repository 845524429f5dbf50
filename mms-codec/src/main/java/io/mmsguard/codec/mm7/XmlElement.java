package io.mmsguard.codec.mm7;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal, immutable XML element tree: just what the MM7 mapper needs. Attributes are keyed by local name, since
 * peers write both {@code href} and {@code mm7:href}.
 *
 * @param namespace namespace URI, "" when none
 * @param localName local name
 * @param attributes attribute local name to value (first wins)
 * @param text      the element's own character data, trimmed
 * @param children  child elements in document order
 */
record XmlElement(String namespace, String localName, Map<String, String> attributes, String text,
                  List<XmlElement> children) {

    /** First child with this local name, or null. */
    XmlElement child(String name) {
        for (XmlElement c : children) {
            if (c.localName.equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Trimmed text of the first child with this local name, or null. */
    String childText(String name) {
        XmlElement c = child(name);
        return c == null ? null : c.text;
    }

    /** All text under this element, depth first, joined with single spaces. */
    String deepText() {
        StringBuilder sb = new StringBuilder();
        appendText(sb);
        return sb.toString().trim();
    }

    private void appendText(StringBuilder sb) {
        if (!text.isEmpty()) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(text);
        }
        for (XmlElement c : children) {
            c.appendText(sb);
        }
    }

    /** Mutable twin used while reading; frozen by {@link #freeze()}. */
    static final class Draft {
        final String namespace;
        final String localName;
        final Map<String, String> attributes;
        final StringBuilder text = new StringBuilder();
        final List<XmlElement> children = new ArrayList<>();

        Draft(String namespace, String localName, Map<String, String> attributes) {
            this.namespace = namespace;
            this.localName = localName;
            this.attributes = attributes;
        }

        XmlElement freeze() {
            return new XmlElement(namespace, localName, Map.copyOf(attributes), text.toString().trim(),
                    List.copyOf(children));
        }
    }
}
