package io.mmsguard.gateway.answer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import io.mmsguard.codec.mm1.MessageType;

/**
 * The MM1 table (PROTOCOLS.md 1.3): what the gateway does with a PDU of each type that a handset POSTs. The MM1
 * handler decides by this table only.
 *
 * <ul>
 * <li>Types that carry a body from the handset (m-send.req, m-mbox-upload.req) are inspected.</li>
 * <li>m-forward.req carries no body but makes the MMSC send a stored message on: it is inspected as a message
 * without parts (so that it counts for the sender's flood and the endpoint lists) and relayed only when retrievals
 * are inspected, since that is where the forwarded content is seen ({@link #inspectedOnRetrieval}).</li>
 * <li>Handset-to-MMSC types without a body (reports, acknowledgements, mailbox and delete requests) are relayed.</li>
 * <li>Types the MMSC sends to the handset (confirmations, notifications, m-retrieve.conf...) and octets that are no
 * assigned type are refused: no handset POSTs them, and some carry content.</li>
 * </ul>
 */
public final class Mm1MessageTypes {
    private static final Map<MessageType, TypeHandling> POSTED = posted();

    private Mm1MessageTypes() {
    }

    private static Map<MessageType, TypeHandling> posted() {
        Map<MessageType, TypeHandling> t = new EnumMap<>(MessageType.class);
        t.put(MessageType.SEND_REQ, TypeHandling.INSPECTED);
        t.put(MessageType.MBOX_UPLOAD_REQ, TypeHandling.INSPECTED);
        t.put(MessageType.FORWARD_REQ, TypeHandling.INSPECTED);
        for (MessageType relayed : new MessageType[] {MessageType.NOTIFYRESP_IND, MessageType.ACKNOWLEDGE_IND,
                MessageType.READ_REC_IND, MessageType.MBOX_STORE_REQ, MessageType.MBOX_VIEW_REQ,
                MessageType.MBOX_DELETE_REQ, MessageType.DELETE_REQ, MessageType.CANCEL_CONF}) {
            t.put(relayed, TypeHandling.RELAYED);
        }
        for (MessageType fromMmsc : new MessageType[] {MessageType.SEND_CONF, MessageType.NOTIFICATION_IND,
                MessageType.RETRIEVE_CONF, MessageType.DELIVERY_IND, MessageType.READ_ORIG_IND,
                MessageType.FORWARD_CONF, MessageType.MBOX_STORE_CONF, MessageType.MBOX_VIEW_CONF,
                MessageType.MBOX_UPLOAD_CONF, MessageType.MBOX_DELETE_CONF, MessageType.MBOX_DESCR,
                MessageType.DELETE_CONF, MessageType.CANCEL_REQ}) {
            t.put(fromMmsc, TypeHandling.REFUSED);
        }
        if (t.size() != MessageType.values().length) {
            throw new IllegalStateException("every MM1 message type needs an entry");
        }
        return Collections.unmodifiableMap(t);
    }

    /** The whole table, for documentation and tests. */
    public static Map<MessageType, TypeHandling> table() {
        return POSTED;
    }

    /** How a POSTed PDU of this type is handled; {@code null} (an octet that is no assigned type) is refused. */
    public static TypeHandling posted(MessageType type) {
        return type == null ? TypeHandling.REFUSED : POSTED.get(type);
    }

    /**
     * Whether the content a PDU of this type makes the MMSC deliver is only seen when it is retrieved (m-forward.req):
     * such a PDU is relayed only when the profile inspects retrievals.
     */
    public static boolean inspectedOnRetrieval(MessageType type) {
        return type == MessageType.FORWARD_REQ;
    }

    /**
     * The type of the gateway's own answer to a POSTed request (a block, a refusal, a temporary failure): the
     * request's confirmation when it has one the handset waits for, else m-send.conf.
     */
    public static MessageType answerType(MessageType request) {
        if (request == MessageType.MBOX_UPLOAD_REQ) {
            return MessageType.MBOX_UPLOAD_CONF;
        }
        return request == MessageType.FORWARD_REQ ? MessageType.FORWARD_CONF : MessageType.SEND_CONF;
    }
}
