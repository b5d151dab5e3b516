package io.prmsync.cluster;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * The PostgreSQL driver's sockets (its {@code socketFactory} setting), with a switch that stops the sending thread
 * after a given number of bytes, as a node stopped by the operating system would: whatever the driver sent before
 * reached the server, the rest waits until {@link #resume()}.
 */
public class StallingSocketFactory extends SocketFactory {

    /** Bytes still let through before the sender stops; unlimited until {@link #stallAfter}. */
    private static final AtomicLong allowance = new AtomicLong(Long.MAX_VALUE);

    private static volatile CountDownLatch resumed = new CountDownLatch(0);

    /** From now on, lets {@code bytes} more through, then stops every sender until {@link #resume()}. */
    static void stallAfter(long bytes) {
        resumed = new CountDownLatch(1);
        allowance.set(bytes);
    }

    static void resume() {
        allowance.set(Long.MAX_VALUE);
        resumed.countDown();
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public OutputStream getOutputStream() throws IOException {
                return new Stalling(super.getOutputStream());
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw new UnsupportedOperationException("the driver connects an unconnected socket");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException("the driver connects an unconnected socket");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException("the driver connects an unconnected socket");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException("the driver connects an unconnected socket");
    }

    private static final class Stalling extends FilterOutputStream {

        Stalling(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            long allowed = allowance.getAndUpdate(left -> left == Long.MAX_VALUE ? left : Math.max(0, left - length));
            if (allowed >= length) {
                out.write(bytes, offset, length);
                return;
            }
            out.write(bytes, offset, (int) allowed);
            out.flush();
            try {
                resumed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("stalled and interrupted", e);
            }
            out.write(bytes, offset + (int) allowed, length - (int) allowed);
        }
    }
}
