package io.mmsguard.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Line splitting across reads: only CRLF ends a line, and over-long lines are dropped to their CRLF. */
class SmtpLineReaderTest {
    private final SmtpLineReader reader = new SmtpLineReader();

    @AfterEach
    void release() {
        reader.release();
    }

    private void add(String s) {
        reader.add(Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1));
    }

    private String next(int max) {
        SmtpLineReader.Line line = reader.next(max);
        if (line == null) {
            return null;
        }
        return line.tooLong() ? "<too long>" : new String(line.bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aCrlfSplitAcrossReadsAndBareCrOrLfInsideALine() {
        add("abc\r");
        assertThat(next(10)).isNull();
        add("\nx\ny\rz\r\n\r\n");
        assertThat(next(10)).isEqualTo("abc");
        assertThat(next(10)).isEqualTo("x\ny\rz");
        assertThat(next(10)).isEmpty();
        assertThat(next(10)).isNull();
    }

    @Test
    void aTooLongLineIsDroppedUpToItsCrlfEvenWhenSplit() {
        add("0123456789AB");
        assertThat(next(10)).isNull();
        add("CDEF\r");
        assertThat(next(10)).isNull();
        add("\nok\r\n0123456789\r\n");
        assertThat(next(10)).isEqualTo("<too long>");
        assertThat(next(10)).isEqualTo("ok");
        assertThat(next(10)).as("exactly the limit").isEqualTo("0123456789");
    }

    @Test
    void clearDropsWhatIsBuffered() {
        add("STARTTLS\r\nMAIL FROM:<x>\r\n");
        assertThat(next(100)).isEqualTo("STARTTLS");
        reader.clear();
        assertThat(next(100)).isNull();
    }
}
