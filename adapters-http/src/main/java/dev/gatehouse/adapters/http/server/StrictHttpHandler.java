package dev.gatehouse.adapters.http.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the HTTP/1 decoder of one connection and refuses, before any routing, a request whose body
 * length a proxy in front could read differently (request smuggling): both {@code Content-Length} and
 * {@code Transfer-Encoding}, or a {@code Transfer-Encoding} other than exactly {@code chunked}. Such a request gets
 * 400 and the connection is closed: nothing after it is read (RFC 9112 §6.3). Headers over the limit get 431 and a
 * request line over the limit 414 (the framework would say 413, "body too large"); the connection is closed too, as
 * the decoder stops there.
 */
final class StrictHttpHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "gatehouse-strict-http";

    private static final Logger LOG = LoggerFactory.getLogger(StrictHttpHandler.class);

    /** Set once a request is refused: the rest of the connection's input is dropped until it closes. */
    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            Refusal refusal = refusalOf(request);
            if (refusal != null) {
                refused = true;
                ReferenceCountUtil.release(msg);
                LOG.info(
                        "refused a request before routing: {} ({})",
                        refusal.status().code(),
                        refusal.detail());
                ctx.writeAndFlush(refusal.response()).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static Refusal refusalOf(HttpRequest request) {
        if (request.decoderResult().cause() instanceof TooLongHttpHeaderException) {
            return new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "the request headers are too large");
        }
        if (request.decoderResult().cause() instanceof TooLongHttpLineException) {
            return new Refusal(HttpResponseStatus.REQUEST_URI_TOO_LONG, "the request line is too long");
        }
        HttpHeaders headers = request.headers();
        List<String> transferEncodings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (transferEncodings.isEmpty()) {
            return null;
        }
        if (transferEncodings.size() != 1
                || !HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(
                        transferEncodings.get(0).strip())) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, "Transfer-Encoding must be exactly chunked");
        }
        if (headers.contains(HttpHeaderNames.CONTENT_LENGTH) || ContentLengthWitness.sawContentLength(headers)) {
            return new Refusal(
                    HttpResponseStatus.BAD_REQUEST, "a request may not have both Content-Length and Transfer-Encoding");
        }
        return null;
    }

    private record Refusal(HttpResponseStatus status, String detail) {

        /** A problem+json body like the framework's errors; the connection closes after it. */
        FullHttpResponse response() {
            byte[] body = ("{\"type\":\"about:blank\",\"title\":\"" + status.reasonPhrase() + "\",\"status\":"
                            + status.code() + ",\"detail\":\"" + detail + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return response;
        }
    }
}
