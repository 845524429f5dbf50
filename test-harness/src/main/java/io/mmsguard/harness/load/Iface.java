package io.mmsguard.harness.load;

/** The interfaces the load driver sends over. */
public enum Iface {
    /** Handset to MMSC: HTTP POST of an m-send.req. */
    MM1,
    /** Internet mail: SMTP. */
    MM3,
    /** Peer MMSC: SMTP with an MM4_forward.REQ asking for an MM4_forward.RES. */
    MM4,
    /** VASP: HTTP POST of a SOAP SubmitReq. */
    MM7
}
