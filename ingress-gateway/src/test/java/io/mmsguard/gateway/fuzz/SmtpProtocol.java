package io.mmsguard.gateway.fuzz;

import java.util.List;

/** SMTP replies as the client reads them (multi-line aware); a dialogue ends with the end of DATA and QUIT. */
final class SmtpProtocol implements Protocol {
    /** Ends a DATA the input left open, then quits: the gateway must answer 221 and close, or close. */
    static final byte[] TERMINATOR = Mutator.ascii("\r\n.\r\nQUIT\r\n");

    @Override
    public void open(Wire wire) throws Wire.Hang {
        Integer greeting = answer(wire);
        if (greeting == null || greeting != 220) {
            throw new IllegalStateException("no 220 greeting from the gateway: " + greeting);
        }
    }

    @Override
    public Integer answer(Wire wire) throws Wire.Hang {
        String line;
        while ((line = wire.line()) != null) {
            if (line.length() < 3) {
                throw new IllegalStateException("not an SMTP reply from the gateway: " + line);
            }
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return Integer.parseInt(line.substring(0, 3));
            }
        }
        return null;
    }

    @Override
    public void finish(Wire wire, int expectedAnswers, List<Integer> answers) throws Wire.Hang {
        wire.write(TERMINATOR);
        Integer code;
        while ((code = answer(wire)) != null) {
            answers.add(code);
        }
    }

    @Override
    public boolean refusedAtFirstBytes(List<Integer> answers) {
        return answers.isEmpty() || answers.get(0) >= 500 || answers.get(0) == 421;
    }
}
