package io.mmsguard.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class GatewayLogCheckTest {
    @Test
    void aWarningWithoutATraceAndATraceOffTheEventLoopAreNotFailures() {
        assertThat(GatewayLogCheck.failures(List.of(
                "10:00:00.000 [nioEventLoopGroup-3-1] WARN io.mmsguard.gateway.http.BadRequestResponder - bad",
                "10:00:00.001 [kafka-producer-network-thread | p] WARN org.apache.kafka.X - retry",
                "org.apache.kafka.common.errors.TimeoutException: t",
                "\tat org.apache.kafka.X.y(X.java:1)"))).isEmpty();
    }

    @Test
    void anErrorATraceOnTheEventLoopAnUncaughtExceptionAndAnOutOfMemoryErrorAreFailures() {
        assertThat(GatewayLogCheck.failures(List.of(
                "10:00:00.000 [main] ERROR io.mmsguard.X - broken",
                "10:00:00.001 [nioEventLoopGroup-3-2] WARN io.mmsguard.gateway.smtp.SmtpSession - failed; closing",
                "java.lang.IllegalStateException: boom",
                "\tat io.mmsguard.gateway.smtp.SmtpSession.x(SmtpSession.java:1)",
                "\tat io.mmsguard.gateway.smtp.SmtpSession.y(SmtpSession.java:2)",
                "10:00:00.002 [nioEventLoopGroup-3-2] WARN io.netty.channel.DefaultChannelPipeline - An "
                        + "exceptionCaught() event was fired, and it reached at the tail of the pipeline.",
                "Exception in thread \"smtp-relay\" java.lang.NullPointerException",
                "java.lang.OutOfMemoryError: Java heap space"))).hasSize(5);
    }
}
