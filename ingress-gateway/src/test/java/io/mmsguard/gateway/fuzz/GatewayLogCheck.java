package io.mmsguard.gateway.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What counts as a failure in a gateway's log (slf4j-simple: {@code HH:mm:ss.SSS [thread] LEVEL logger - message},
 * a stack trace on the lines after its record):
 * <ul>
 *   <li>any record at ERROR;</li>
 *   <li>an exception no handler caught: Netty's "reached at the tail of the pipeline", or a thread's
 *       "Exception in thread";</li>
 *   <li>an OutOfMemoryError anywhere;</li>
 *   <li>a stack trace after a record of an event-loop thread ({@code nioEventLoopGroup-*}): the gateway logs a
 *       client's bad input in one line, so an exception with its trace on an event loop is one it did not expect.</li>
 * </ul>
 */
final class GatewayLogCheck {
    private static final Pattern RECORD = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[([^\\]]*)] (\\w+) (.*)$");
    private static final Pattern EVENT_LOOP = Pattern.compile("nioEventLoopGroup-\\d+-\\d+");

    private GatewayLogCheck() {
    }

    /** Each failure as its record line and the start of its stack trace; reads the log once, line by line. */
    static List<String> failures(Iterable<String> lines) {
        List<String> failures = new ArrayList<>();
        String thread = "";
        String record = "";
        boolean reported = false;
        String previous = "";
        StringBuilder excerpt = null;
        int excerptLines = 0;
        for (String line : lines) {
            if (excerpt != null && excerptLines++ < 6 && !RECORD.matcher(line).matches()) {
                excerpt.append('\n').append(line);
            }
            Matcher m = RECORD.matcher(line);
            String failure = null;
            if (m.matches()) {
                thread = m.group(1);
                record = line;
                reported = false;
                if (m.group(2).equals("ERROR") || line.contains("reached at the tail of the pipeline")) {
                    failure = line;
                    reported = true;
                }
            } else if (line.startsWith("Exception in thread")) {
                failure = line;
            } else if (line.startsWith("\tat ") && !reported && EVENT_LOOP.matcher(thread).matches()) {
                failure = record + "\n" + previous + "\n" + line;
                reported = true;
            }
            if (failure == null && line.contains("OutOfMemoryError")) {
                failure = line;
            }
            if (failure != null) {
                if (excerpt != null) {
                    failures.add(excerpt.toString());
                }
                excerpt = new StringBuilder(failure);
                excerptLines = 0;
            }
            previous = line;
        }
        if (excerpt != null) {
            failures.add(excerpt.toString());
        }
        return failures;
    }
}
