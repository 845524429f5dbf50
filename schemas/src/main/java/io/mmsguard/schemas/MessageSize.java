package io.mmsguard.schemas;

import java.util.Map;

/**
 * The one size figure of mmsguard: the supported maximum of decoded content per message, 16 MiB. Every size setting
 * of every service and manifest is derived from it here, so that no hop (listener, codec, producer, topic, broker,
 * repartition topic) refuses a message another hop accepted: a refusal in the middle would be a temporary failure
 * the handset retries for ever (issue 15).
 *
 * <ul>
 *   <li>{@link #MAX_CONTENT_BYTES}: decoded content that travels inline in the envelope and is inspected.</li>
 *   <li>{@link #MAX_RECORD_BYTES}: that content plus headroom for the envelope's other fields (addresses, part
 *       headers, checksums, the Avro and record-batch framing): topic {@code max.message.bytes} of every topic whose
 *       records carry content, producer {@code max.request.size}, broker {@code message.max.bytes} and
 *       {@code replica.fetch.max.bytes}.</li>
 *   <li>{@link #MAX_WIRE_BYTES}: the same content as the largest encoding a listener receives, SMTP DATA with the
 *       content in base64 lines of 76 characters plus headroom for headers: the default of the listeners' input
 *       limits (HTTP body, SMTP DATA) and of the decoders' message limit. Binary MM1 and MM7 need less.</li>
 * </ul>
 */
public final class MessageSize {
    /** Decoded content of one message inspected end to end: 16 MiB. */
    public static final int MAX_CONTENT_BYTES = 16 * 1024 * 1024;

    /** Envelope fields other than content, with Avro and record-batch framing: generous, since a record over the
     * topic limit is the failure this class exists to prevent. */
    public static final int ENVELOPE_HEADROOM_BYTES = 1024 * 1024;

    /** Largest record on a content-carrying topic: 17 MiB. */
    public static final int MAX_RECORD_BYTES = MAX_CONTENT_BYTES + ENVELOPE_HEADROOM_BYTES;

    /** Headers, preamble and a text part around the base64 body of a mail at the content limit. */
    public static final int WIRE_HEADROOM_BYTES = 64 * 1024;

    /** Largest message on the wire: {@link #MAX_CONTENT_BYTES} as base64 lines plus headroom, about 21.96 MiB. */
    public static final int MAX_WIRE_BYTES = base64LinesBytes(MAX_CONTENT_BYTES) + WIRE_HEADROOM_BYTES;

    /** The topic config that lets a topic hold records of {@link #MAX_RECORD_BYTES}. */
    public static final String TOPIC_MAX_MESSAGE_BYTES = "max.message.bytes";

    private MessageSize() {
    }

    /** Bytes of {@code content} bytes encoded as base64 in lines of 76 characters, each ended by CRLF (RFC 2045). */
    public static int base64LinesBytes(long content) {
        long chars = 4 * ((content + 2) / 3);
        long lines = (chars + 75) / 76;
        return Math.toIntExact(chars + 2 * lines);
    }

    /** Topic configs of a topic whose records carry message content. */
    public static Map<String, String> contentTopicConfigs() {
        return Map.of(TOPIC_MAX_MESSAGE_BYTES, Integer.toString(MAX_RECORD_BYTES));
    }

    /** Producer configs of every client that writes content-carrying records. */
    public static Map<String, Object> producerConfigs() {
        return Map.of("max.request.size", MAX_RECORD_BYTES);
    }

    /** Broker configs: the default topic limit and what followers fetch, so replication never stalls on a record. */
    public static Map<String, String> brokerConfigs() {
        return Map.of("message.max.bytes", Integer.toString(MAX_RECORD_BYTES),
                "replica.fetch.max.bytes", Integer.toString(MAX_RECORD_BYTES));
    }
}
