package io.mmsguard.gateway.answer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import io.mmsguard.codec.mm7.Mm7Operation;

/**
 * The MM7 table (PROTOCOLS.md 4.4): what the gateway does with each operation on each leg. The MM7 handler decides
 * by this table only.
 *
 * <ul>
 * <li>Every operation that carries content is inspected on the leg it belongs to: SubmitReq, ReplaceReq and
 * extendedReplaceReq from the VASP, DeliverReq from the MMSC.</li>
 * <li>Operations without content are relayed: CancelReq and extendedCancelReq from the VASP, DeliveryReportReq and
 * ReadReplyReq from the MMSC, and responses and faults on either leg.</li>
 * <li>A request on the wrong leg, and an unknown operation, is refused (4003 Unsupported operation).</li>
 * </ul>
 */
public final class Mm7Operations {

    /** Which way a request comes: from a VASP towards the MMSC, or from the MMSC towards a VASP. */
    public enum Leg { FROM_VASP, FROM_MMSC }

    private static final Map<Mm7Operation, TypeHandling> FROM_VASP = new EnumMap<>(Mm7Operation.class);
    private static final Map<Mm7Operation, TypeHandling> FROM_MMSC = new EnumMap<>(Mm7Operation.class);

    static {
        for (Mm7Operation op : Mm7Operation.values()) {
            FROM_VASP.put(op, TypeHandling.REFUSED);
            FROM_MMSC.put(op, TypeHandling.REFUSED);
            if (op.isResponse() || op == Mm7Operation.FAULT) { // Rsp, RSErrorRsp, VASPErrorRsp: no content
                FROM_VASP.put(op, TypeHandling.RELAYED);
                FROM_MMSC.put(op, TypeHandling.RELAYED);
            }
        }
        FROM_VASP.put(Mm7Operation.SUBMIT_REQ, TypeHandling.INSPECTED);
        FROM_VASP.put(Mm7Operation.REPLACE_REQ, TypeHandling.INSPECTED);
        FROM_VASP.put(Mm7Operation.EXTENDED_REPLACE_REQ, TypeHandling.INSPECTED);
        FROM_VASP.put(Mm7Operation.CANCEL_REQ, TypeHandling.RELAYED);
        FROM_VASP.put(Mm7Operation.EXTENDED_CANCEL_REQ, TypeHandling.RELAYED);
        FROM_MMSC.put(Mm7Operation.DELIVER_REQ, TypeHandling.INSPECTED);
        FROM_MMSC.put(Mm7Operation.DELIVERY_REPORT_REQ, TypeHandling.RELAYED);
        FROM_MMSC.put(Mm7Operation.READ_REPLY_REQ, TypeHandling.RELAYED);
    }

    private Mm7Operations() {
    }

    public static TypeHandling handling(Mm7Operation operation, Leg leg) {
        return (leg == Leg.FROM_VASP ? FROM_VASP : FROM_MMSC).get(operation);
    }

    /** The whole table of one leg, for documentation and tests. */
    public static Map<Mm7Operation, TypeHandling> table(Leg leg) {
        return Collections.unmodifiableMap(leg == Leg.FROM_VASP ? FROM_VASP : FROM_MMSC);
    }
}
