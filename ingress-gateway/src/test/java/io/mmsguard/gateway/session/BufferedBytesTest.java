package io.mmsguard.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The budget's rules: stop at the limit, one connection (the fullest) goes on, resume below 90 %. */
class BufferedBytesTest {

    /** A connection that counts how often it was woken. */
    static final class Conn implements BufferedBytes.Connection {
        int woken;

        @Override
        public void mayReadAgain() {
            woken++;
        }
    }

    @Test
    void belowTheLimitEveryConnectionReads() {
        BufferedBytes budget = new BufferedBytes(100);
        Conn a = new Conn();
        budget.read(a, 99);
        assertThat(budget.isSaturated()).isFalse();
        assertThat(budget.mayRead(a)).isTrue();
        assertThat(budget.mayRead(new Conn())).isTrue();
        assertThat(budget.total()).isEqualTo(99);
    }

    @Test
    void atTheLimitOnlyTheFullestConnectionReadsOnSoThatOneMessageCanComplete() {
        BufferedBytes budget = new BufferedBytes(100);
        Conn a = new Conn();
        Conn b = new Conn();
        Conn idle = new Conn();
        budget.read(a, 30);
        budget.read(b, 70);

        assertThat(budget.isSaturated()).isTrue();
        assertThat(budget.mayRead(b)).as("the fullest").isTrue();
        assertThat(budget.mayRead(a)).isFalse();
        assertThat(budget.mayRead(idle)).as("a connection with nothing read does not start").isFalse();
    }

    @Test
    void whenTheFullestIsAnsweredTheNextFullestReadsAndBelowNinetyPercentEveryoneDoes() {
        BufferedBytes budget = new BufferedBytes(100);
        Conn a = new Conn();
        Conn b = new Conn();
        Conn c = new Conn();
        Conn idle = new Conn();
        budget.read(a, 20);
        budget.read(b, 25);
        budget.read(c, 60);
        assertThat(a.woken).as("told at once to look again (and stop)").isEqualTo(1);
        assertThat(b.woken).isEqualTo(1);
        assertThat(c.woken).as("the fullest reads on").isZero();
        a.woken = 0;
        b.woken = 0;
        assertThat(budget.mayRead(a)).isFalse();
        assertThat(budget.mayRead(b)).isFalse();
        assertThat(budget.mayRead(idle)).isFalse();

        budget.read(c, 10);
        budget.answered(c); // 45 left, under the low watermark of 90
        assertThat(budget.isSaturated()).isFalse();
        assertThat(a.woken).isEqualTo(1);
        assertThat(b.woken).isEqualTo(1);
        assertThat(idle.woken).isEqualTo(1);
        assertThat(budget.total()).isEqualTo(45);
    }

    @Test
    void whileStillSaturatedTheNextFullestIsWokenAlone() {
        BufferedBytes budget = new BufferedBytes(100);
        Conn a = new Conn();
        Conn b = new Conn();
        Conn c = new Conn();
        budget.read(a, 50);
        budget.read(b, 45);
        budget.read(c, 10);
        b.woken = 0;
        c.woken = 0;
        assertThat(budget.mayRead(a)).as("fullest").isTrue();
        assertThat(budget.mayRead(b)).isFalse();
        assertThat(budget.mayRead(c)).isFalse();

        budget.read(b, 50); // b read its last chunk before it saw the refusal: 155 in all
        budget.answered(a); // 105 left: still over the low watermark of 90
        assertThat(budget.isSaturated()).isTrue();
        assertThat(budget.mayRead(b)).as("now the fullest").isTrue();
        assertThat(b.woken).isEqualTo(1);
        assertThat(c.woken).isZero();
        assertThat(budget.mayRead(c)).isFalse();

        budget.closed(b);
        assertThat(budget.isSaturated()).isFalse();
        assertThat(c.woken).isEqualTo(1);
        assertThat(budget.total()).isEqualTo(10);
    }

    @Test
    void aClosedConnectionIsNotWokenAndItsBytesAreReleased() {
        BufferedBytes budget = new BufferedBytes(10);
        Conn a = new Conn();
        Conn b = new Conn();
        budget.read(a, 5);
        budget.read(b, 6);
        a.woken = 0;
        assertThat(budget.mayRead(a)).isFalse();
        budget.closed(a);
        budget.answered(b);
        assertThat(a.woken).isZero();
        assertThat(budget.total()).isZero();
    }

    @Test
    void theBudgetIsPositiveAndTheDefaultIsAnEighthOfTheHeap() {
        assertThatThrownBy(() -> new BufferedBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(BufferedBytes.defaultBudget()).isEqualTo(Runtime.getRuntime().maxMemory() / 8);
    }
}
