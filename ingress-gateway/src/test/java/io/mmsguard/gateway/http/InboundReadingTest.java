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
}
