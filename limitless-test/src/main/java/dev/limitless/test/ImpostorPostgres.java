package dev.limitless.test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A man in the middle for tests: a server on loopback that pretends to be PostgreSQL with a self-signed certificate
 * (for {@code localhost} and {@code 127.0.0.1}). It accepts the SSLRequest, does the TLS handshake, asks for a
 * clear-text password and records every byte a client sends, before and after TLS. A client that sends a password or
 * an IAM token to it has been fooled; {@link #received()} shows what it would have stolen. Never a real database.
 */
public final class ImpostorPostgres implements AutoCloseable {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_ENCRYPTION_REQUEST = 80877104;
    private static final char[] KEYSTORE_PASSWORD = "impostor".toCharArray();

    private final ServerSocket server;
    private final SSLContext tls;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final Thread acceptor;

    /** Starts listening on a free loopback port. */
    public ImpostorPostgres() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = ImpostorPostgres.class.getResourceAsStream("impostor.p12")) {
            keys.load(in, KEYSTORE_PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, KEYSTORE_PASSWORD);
        tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "impostor-postgres");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port it listens on (host {@code 127.0.0.1}). */
    public int port() {
        return server.getLocalPort();
    }

    /** Everything clients sent, decrypted, as ISO-8859-1 text. */
    public String received() {
        synchronized (received) {
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Connections accepted so far (a refused configuration never connects). */
    public int connections() {
        return connections.get();
    }

    /** TLS handshakes that completed: the client accepted the impostor's certificate. */
    public int handshakes() {
        return handshakes.get();
    }

    /** Its self-signed certificate in PEM, e.g. to show that trusting it is what lets it in. */
    public static String certificatePem() {
        try (InputStream in = ImpostorPostgres.class.getResourceAsStream("impostor.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                socket.setSoTimeout(60_000); // a safety net against a hung client, not a timing assumption
                converse(socket);
            } catch (IOException e) {
                // the client gave up (e.g. it rejected the certificate) or the server closed: next connection
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        byte[] first = readUntypedMessage(in);
        int code = code(first);
        if (code == GSS_ENCRYPTION_REQUEST) {
            out.write('N');
            out.flush();
            first = readUntypedMessage(in);
            code = code(first);
        }
        if (code == SSL_REQUEST) {
            out.write('S');
            out.flush();
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket,
                    socket.getInetAddress().getHostAddress(), socket.getPort(), false);
            secure.setUseClientMode(false);
            secure.startHandshake();
            handshakes.incrementAndGet();
            DataInputStream secureIn = new DataInputStream(secure.getInputStream());
            readUntypedMessage(secureIn); // the startup message
            askForPassword(secureIn, secure.getOutputStream());
            return;
        }
        askForPassword(in, out); // a client that sent its startup message without TLS
    }

    /** AuthenticationCleartextPassword, then the client's PasswordMessage is recorded, then a FATAL error. */
    private void askForPassword(DataInputStream in, OutputStream rawOut) throws IOException {
        DataOutputStream out = new DataOutputStream(rawOut);
        out.writeByte('R');
        out.writeInt(8);
        out.writeInt(3);
        out.flush();
        int type = in.readUnsignedByte();
        record(new byte[] {(byte) type});
        readUntypedMessage(in);
        byte[] fields = "SFATAL\0C28P01\0Mimpostor\0\0".getBytes(StandardCharsets.US_ASCII);
        out.writeByte('E');
        out.writeInt(4 + fields.length);
        out.write(fields);
        out.flush();
    }

    private byte[] readUntypedMessage(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 4 || length > 1 << 20) {
            throw new IOException("not a PostgreSQL message");
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        record(body);
        return body;
    }

    private void record(byte[] bytes) {
        synchronized (received) {
            received.writeBytes(bytes);
        }
    }

    private static int code(byte[] body) {
        return body.length < 4 ? -1
                : ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join();
    }
}
