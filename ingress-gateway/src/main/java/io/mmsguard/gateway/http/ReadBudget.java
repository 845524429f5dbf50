package io.mmsguard.gateway.http;

import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.mmsguard.gateway.session.BufferedBytes;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * One connection's account in the gateway-wide {@link BufferedBytes} budget: every socket read is reserved in it
 * first ({@link BudgetedReads}, so what it reads, TLS records and HTTP heads included, never exceeds the budget), the
 * bytes read are held until an answer to the client ends (HTTP: the last part of a response; SMTP: any reply), and
 * it stops reading while the budget says so. The listener says how to stop and resume ({@code applyReading}, run on
 * the event loop), so that this hold combines with the listener's other reasons not to read.
 */
public final class ReadBudget extends ChannelDuplexHandler implements BufferedBytes.Connection {
    private final BufferedBytes budget;
    private final Predicate<Object> endsAnswer;
    private final Consumer<ChannelHandlerContext> applyReading;
    private volatile ChannelHandlerContext ctx;
    private final ReadGate gate = new ReadGate(this::mayRead);

    /**
     * @param endsAnswer   whether an outbound message completes an answer, releasing what was read before it
     * @param applyReading re-evaluates the connection's reading ({@link #mayRead()} is one of its conditions)
     */
    public ReadBudget(BufferedBytes budget, Predicate<Object> endsAnswer, Consumer<ChannelHandlerContext> applyReading) {
        this.budget = budget;
        this.endsAnswer = endsAnswer;
        this.applyReading = applyReading;
    }

    /**
     * The handler to put first in the pipeline: it lets a read request through only while the budget allows (see
     * {@link ReadGate}). When reading is allowed again, turning auto-read back on issues the read.
     */
    public ReadGate gate() {
        return gate;
    }

    /** Whether the budget lets this connection read now. */
    public boolean mayRead() {
        return budget.mayRead(this);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().config().setRecvByteBufAllocator(new BudgetedReads(budget, this, () -> stopReading(ctx)));
    }

    /**
     * Refused room for a read under way: the socket's read interest must go now, or the event loop would find it
     * readable again at once. Netty drops the interest only when auto-read turns off, so it is turned on (the read
     * that issues is swallowed by the gate, the budget refusing) and {@code applyReading} turns it off.
     */
    private void stopReading(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(true);
        applyReading.accept(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean ends = endsAnswer.test(msg);
        ctx.write(msg, promise);
        if (ends) {
            budget.answered(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        budget.closed(this);
        ctx.fireChannelInactive();
    }

    /** The client's IP address (its port differs per connection); the connection itself before it is known. */
    @Override
    public Object peer() {
        ChannelHandlerContext c = ctx;
        return c != null && c.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress() : this;
    }

    @Override
    public void mayReadAgain() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.executor().execute(() -> {
                applyReading.accept(c);
                gate.resume();
            });
        }
    }
}
