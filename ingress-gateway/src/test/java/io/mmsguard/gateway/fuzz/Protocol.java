package io.mmsguard.gateway.fuzz;

/** How a listener's answers are read and what ends a dialogue: HTTP ({@link HttpScripts}) or SMTP ({@link SmtpScripts}). */
interface Protocol {
    /** Reads what the gateway says first (the SMTP greeting), not counted as an answer. */
    void open(Wire wire) throws Wire.Hang;

    /** One answer's status (HTTP status, SMTP reply code), or null when the gateway closed first. */
    Integer answer(Wire wire) throws Wire.Hang;

    /**
     * After the script: for HTTP, reads until the expected answers came or the gateway closed; for SMTP, ends any
     * DATA and quits, then reads until the gateway closes. Appends the answers read.
     */
    void finish(Wire wire, int expectedAnswers, java.util.List<Integer> answers) throws Wire.Hang;

    /** Whether the first answer (or none) says the gateway refused the input at its first bytes. */
    boolean refusedAtFirstBytes(java.util.List<Integer> answers);
}
