package dev.gatehouse.adapters.http.server;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import jakarta.inject.Singleton;

/**
 * Installs {@link StrictHttpHandler} on every HTTP/1 connection, after the request decoder. The decoder is Netty's
 * own {@link HttpServerCodec} built with the same limits as Micronaut's, plus {@link ContentLengthWitness}
 * headers, so the handler can tell a request that also carried a {@code Content-Length}. HTTP/2 streams need none
 * of it: HTTP/2 has no {@code Transfer-Encoding}.
 */
@Singleton
final class StrictHttp implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final NettyHttpServerConfiguration server;

    StrictHttp(NettyHttpServerConfiguration server) {
        this.server = server;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new Connection(channel.pipeline()) : this;
            }
        });
        return event.getBean();
    }

    private HttpServerCodec codec() {
        HttpDecoderConfig config = new HttpDecoderConfig()
                .setMaxInitialLineLength(server.getMaxInitialLineLength())
                .setMaxHeaderSize(server.getMaxHeaderSize())
                .setMaxChunkSize(server.getMaxChunkSize())
                .setInitialBufferSize(server.getInitialBufferSize())
                .setValidateHeaders(server.isValidateHeaders());
        return new HttpServerCodec(config.setHeadersFactory(new ContentLengthWitness(server.isValidateHeaders())));
    }

    private final class Connection implements NettyServerCustomizer {

        private final ChannelPipeline pipeline;

        Connection(ChannelPipeline pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public void onStreamPipelineBuilt() {
            String codec = ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC;
            if (pipeline.get(codec) instanceof HttpServerCodec) {
                pipeline.replace(codec, codec, codec());
                pipeline.addAfter(codec, StrictHttpHandler.NAME, new StrictHttpHandler());
            }
        }
    }
}
