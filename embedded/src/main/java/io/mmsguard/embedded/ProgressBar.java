package io.mmsguard.embedded;

import java.io.PrintWriter;

/**
 * A one-line progress bar. On a terminal it redraws itself with a carriage return; otherwise (a pipe, a CI log)
 * it prints a line at every quarter, so logs do not fill with redraws.
 */
final class ProgressBar {
    private static final int WIDTH = 40;

    private final PrintWriter out;
    private final int total;
    private final boolean terminal;
    private int lastQuarter = -1;

    ProgressBar(PrintWriter out, int total, boolean terminal) {
        this.out = out;
        this.total = Math.max(1, total);
        this.terminal = terminal;
    }

    void update(int done) {
        if (terminal) {
            out.print("\r" + render(done));
            out.flush();
            return;
        }
        int quarter = Math.min(4, done * 4 / total);
        if (quarter != lastQuarter) {
            lastQuarter = quarter;
            out.println(render(done));
            out.flush();
        }
    }

    void done() {
        if (terminal) {
            out.println();
            out.flush();
        }
    }

    String render(int done) {
        int d = Math.max(0, Math.min(done, total));
        int filled = d * WIDTH / total;
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + d + "/" + total;
    }
}
