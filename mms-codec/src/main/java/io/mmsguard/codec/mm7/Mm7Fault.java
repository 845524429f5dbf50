package io.mmsguard.codec.mm7;

/**
 * SOAP 1.1 Fault fields.
 *
 * @param faultCode   faultcode as sent, prefix included when present (e.g. "env:Client" or "Client")
 * @param faultString faultstring, or null
 */
public record Mm7Fault(String faultCode, String faultString) {

    /** faultcode without its namespace prefix. */
    public String localCode() {
        return faultCode == null ? null : faultCode.substring(faultCode.indexOf(':') + 1);
    }
}
