package io.mmsguard.gateway.http;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Whether an outbound HTTP message completes the answer to the current request: the last part of a response, but
 * not of an interim one ({@code 100 Continue}, sent while the request body is still to come).
 */
final class AnswerEnd {
    private AnswerEnd() {
    }

    static boolean test(Object msg) {
        return msg instanceof LastHttpContent
                && !(msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL);
    }
}
