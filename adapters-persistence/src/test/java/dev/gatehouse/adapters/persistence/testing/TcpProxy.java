package dev.gatehouse.adapters.persistence.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of the database, so a test can take the database "down" without touching the server
 * itself, in two ways: {@link #cut()} closes every open connection and new ones as soon as they arrive (a reset);
 * {@link #stall()} stops forwarding without closing anything, and new connections are accepted but never answered
 * (a silent partition: packets dropped). {@link #restore()} ends either. Two daemon threads per proxied connection;
 * nothing outlives {@link #close()}.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean stalled;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("tcp-proxy-accept-" + port(), this::acceptLoop).start();
    }

    public static TcpProxy start(String targetHost, int targetPort) {
        try {
            return new TcpProxy(targetHost, targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the proxy port", e);
        }
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Closes every proxied connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /**
     * Stops forwarding in both directions, closing nothing: bytes read meanwhile are held (and delivered after
     * {@link #restore()}, as TCP would retransmit them), new connections are accepted and left unanswered.
     */
    public void stall() {
        stalled = true;
    }

    public void restore() {
        cut = false;
        stalled = false;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(server);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            if (stalled) {
                open.add(client); // the handshake completes, then silence: like a server behind a partition
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            open.add(client);
            open.add(upstream);
            if (cut) { // cut() ran between accept and registration
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            daemon("tcp-proxy-up-" + port(), () -> pump(client, upstream)).start();
            daemon("tcp-proxy-down-" + port(), () -> pump(upstream, client)).start();
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                while (stalled && !to.isClosed()) {
                    Thread.sleep(10);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed or was cut: close both below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
