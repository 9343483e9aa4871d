package dev.gatehouse.adapters.http.server;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;

/**
 * Request headers that remember whether a {@code Content-Length} was sent. Netty's decoder drops
 * {@code Content-Length} when it also finds {@code Transfer-Encoding: chunked} (the body is then read as chunked),
 * so after decoding nothing else tells {@link StrictHttpHandler} that the request carried both.
 */
final class ContentLengthWitness implements HttpHeadersFactory {

    private final DefaultHttpHeadersFactory defaults;

    ContentLengthWitness(boolean validate) {
        this.defaults = DefaultHttpHeadersFactory.headersFactory().withValidation(validate);
    }

    /** True when these headers were decoded with a {@code Content-Length}, even if it was removed since. */
    static boolean sawContentLength(HttpHeaders headers) {
        return headers instanceof Witnessed witnessed && witnessed.contentLength;
    }

    @Override
    public HttpHeaders newHeaders() {
        return new Witnessed(defaults);
    }

    @Override
    public HttpHeaders newEmptyHeaders() {
        return defaults.newEmptyHeaders();
    }

    private static final class Witnessed extends DefaultHttpHeaders {

        private boolean contentLength;

        Witnessed(DefaultHttpHeadersFactory defaults) {
            super(defaults.getNameValidator(), defaults.getValueValidator());
        }

        @Override
        public HttpHeaders add(CharSequence name, Object value) {
            contentLength |= HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name);
            return super.add(name, value);
        }

        @Override
        public HttpHeaders add(String name, Object value) {
            return add((CharSequence) name, value);
        }
    }
}
