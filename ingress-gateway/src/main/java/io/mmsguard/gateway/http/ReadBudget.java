package io.mmsguard.gateway.http;

import java.util.function.Consumer;
import java.util.function.Predicate;

import io.mmsguard.gateway.session.BufferedBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * One connection's account in the gateway-wide {@link BufferedBytes} budget: the bytes it reads are counted until
 * an answer to the client ends (HTTP: the last part of a response; SMTP: any reply), and it stops reading while the
 * budget says so. The listener says how to stop and resume ({@code applyReading}, run on the event loop), so that
 * this hold combines with the listener's other reasons not to read.
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
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        int bytes = msg instanceof ByteBuf b ? b.readableBytes()
                : msg instanceof ByteBufHolder h ? h.content().readableBytes() : 0;
        if (bytes > 0) {
            budget.read(this, bytes);
            if (!budget.mayRead(this)) {
                applyReading.accept(ctx);
            }
        }
        ctx.fireChannelRead(msg);
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
