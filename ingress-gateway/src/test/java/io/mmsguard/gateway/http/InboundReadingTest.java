package io.mmsguard.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** A connection reads unless something holds it; a pipelining client is held until its held requests have gone on. */
class InboundReadingTest {

    private static FullHttpRequest request(String path) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path);
    }

    private static void answer(EmbeddedChannel ch) {
        ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        ch.runPendingTasks();
    }

    @Test
    void aPipelinedRequestStopsReadingUntilItGoesToTheHandler() {
        EmbeddedChannel ch = new EmbeddedChannel(new PipeliningGuard());

        ch.writeInbound(request("/1"));
        assertThat(ch.config().isAutoRead()).as("one request in flight: still reading, a close is seen").isTrue();
        ch.writeInbound(request("/2"), request("/3"));
        assertThat(ch.config().isAutoRead()).as("requests held").isFalse();

        answer(ch); // /2 goes on, /3 still held
        assertThat(ch.config().isAutoRead()).isFalse();
        answer(ch); // /3 goes on
        assertThat(ch.config().isAutoRead()).isTrue();
        assertThat(((FullHttpRequest) ch.readInbound()).uri()).isEqualTo("/1");
        assertThat(((FullHttpRequest) ch.readInbound()).uri()).isEqualTo("/2");
        assertThat(((FullHttpRequest) ch.readInbound()).uri()).isEqualTo("/3");
        ch.finishAndReleaseAll();
    }

    @Test
    void oneReasonEndingDoesNotResumeWhatAnotherHolds() {
        EmbeddedChannel ch = new EmbeddedChannel(new PipeliningGuard());
        ch.writeInbound(request("/1"), request("/2"));
        InboundReading.hold(ch, InboundReading.Hold.BACKLOG, true);

        answer(ch);
        assertThat(ch.config().isAutoRead()).as("the backlog still holds it").isFalse();
        InboundReading.hold(ch, InboundReading.Hold.BACKLOG, false);
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.finishAndReleaseAll();
    }

    /** Counts the read requests that reach the socket end of the pipeline. */
    private static final class Reads extends io.netty.channel.ChannelOutboundHandlerAdapter {
        int count;

        @Override
        public void read(io.netty.channel.ChannelHandlerContext ctx) {
            count++;
            ctx.read();
        }
    }

    @Test
    void theNextRequestsFirstPartsAreHeldAndNoReadIsRequestedUntilTheAnswerIsWritten() {
        PipeliningGuard guard = new PipeliningGuard();
        Reads reads = new Reads();
        EmbeddedChannel ch = new EmbeddedChannel(reads, guard.gate(), guard);
        ch.writeInbound(request("/1"));
        io.netty.handler.codec.http.HttpRequest head = new io.netty.handler.codec.http.DefaultHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.POST, "/2");
        ch.writeInbound(head, new io.netty.handler.codec.http.DefaultHttpContent(
                io.netty.buffer.Unpooled.wrappedBuffer(new byte[100])));
        assertThat(ch.config().isAutoRead()).as("the next request's first parts are held").isFalse();
        int before = reads.count;
        ch.read(); // as Netty's aggregator does for an incomplete message
        assertThat(reads.count).as("swallowed while the next request is held").isEqualTo(before);
        assertThat(((FullHttpRequest) ch.readInbound()).uri()).isEqualTo("/1");
        assertThat((Object) ch.readInbound()).as("nothing of /2 before /1 is answered").isNull();

        answer(ch);
        assertThat(((io.netty.handler.codec.http.HttpRequest) ch.readInbound()).uri()).isEqualTo("/2");
        assertThat((Object) ch.readInbound()).isInstanceOf(io.netty.handler.codec.http.HttpContent.class);
        assertThat(ch.config().isAutoRead()).isTrue();
        assertThat(reads.count).as("the swallowed read goes out").isGreaterThan(before);
        ch.finishAndReleaseAll();
    }
}
