package org.proxyconfig.adapters.http.egress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection scripted server for handshake unit tests: the script reads what the client
 * sent and writes the answer; the test then inspects what was recorded.
 */
final class FakeProxy implements AutoCloseable {

    @FunctionalInterface
    interface Script {
        void run(InputStream in, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    FakeProxy(Script script) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(5000);
                script.run(socket.getInputStream(), socket.getOutputStream());
                socket.getOutputStream().flush();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
    }

    /** A client socket connected to this fake. */
    Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Waits for the script to finish and rethrows what it threw (a failed expectation). */
    void awaitScript() throws Exception {
        done.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
