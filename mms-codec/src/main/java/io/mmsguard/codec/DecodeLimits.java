package io.mmsguard.codec;

/**
 * Bounds on what a decoder accepts, so that hostile input cannot exhaust memory or stack. Every decoder checks
 * each limit it has a use for and throws {@link LimitExceededException} naming it.
 *
 * @param maxMessageBytes  whole encoded message (PDU, SMTP DATA payload, HTTP body)
 * @param maxParts         body parts across all nesting levels
 * @param maxNestingDepth  nested multiparts (MIME, WSP) and XML element depth budget per level
 * @param maxHeaders       header fields in one header block
 * @param maxHeaderBytes   bytes of one header block (MIME) or one header value (MM1)
 * @param maxRecipients    addresses in To, Cc and Bcc together
 * @param maxXmlDepth      element nesting in an XML document (MM7 SOAP)
 */
public record DecodeLimits(int maxMessageBytes, int maxParts, int maxNestingDepth, int maxHeaders, int maxHeaderBytes,
                           int maxRecipients, int maxXmlDepth) {

    /**
     * The largest encoded message: schemas' {@code MessageSize.MAX_WIRE_BYTES} (16 MiB of content as base64 lines
     * plus headers), which this module cannot depend on; MessageSizeManifestsTest holds the two equal.
     */
    public static final int MAX_WIRE_BYTES = 23_023_836;

    /** Generous for real MMS traffic (carriers cap messages at 300 kB to a few MB), tight for abuse. */
    public static final DecodeLimits DEFAULT = new DecodeLimits(MAX_WIRE_BYTES, 256, 8, 512, 256 * 1024, 1024, 64);

    public DecodeLimits {
        if (maxMessageBytes < 1 || maxParts < 1 || maxNestingDepth < 1 || maxHeaders < 1 || maxHeaderBytes < 1
                || maxRecipients < 1 || maxXmlDepth < 1) {
            throw new IllegalArgumentException("every decode limit must be positive: " + this);
        }
    }

    /** Throws {@link LimitExceededException} when {@code value > max}. */
    public static void check(String limit, long value, long max) {
        if (value > max) {
            throw new LimitExceededException(limit, value, max);
        }
    }
}
