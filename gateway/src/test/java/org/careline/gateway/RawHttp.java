package org.careline.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Sends requests exactly as written (HTTP clients normalize {@code ..}, re-encode paths and hide the
 * {@code 100 Continue} exchange, which would hide what a hostile or careful client can send) and returns what came
 * back.
 */
final class RawHttp {

    record Response(int status, String text) {
    }

    private RawHttp() {
    }

    static Response get(int port, String rawTarget, String bearerToken) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            write(socket, "GET " + rawTarget + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: Bearer " + bearerToken + "\r\n"
                    + "Connection: close\r\n\r\n");
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            return new Response(Integer.parseInt(text.split(" ", 3)[1]), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * POSTs with {@code Expect: 100-continue}: sends the body only once {@code 100 Continue} arrives, and returns
     * everything received (interim and final response) until the server goes quiet for a second.
     */
    static String postExpectingContinue(int port, String path, String authorizationHeader, String body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            write(socket, "POST " + path + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + (authorizationHeader == null ? "" : "Authorization: " + authorizationHeader + "\r\n")
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n"
                    + "Expect: 100-continue\r\n\r\n");
            StringBuilder received = new StringBuilder();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            boolean sent = false;
            for (int reads = 0; reads < 100; reads++) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException quiet) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (!sent && received.toString().startsWith("HTTP/1.1 100 Continue\r\n\r\n")) {
                    socket.getOutputStream().write(bytes);
                    socket.getOutputStream().flush();
                    sent = true;
                }
            }
            return received.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends the bytes as they are and returns everything received until the server closes the connection or stays
     * quiet for two seconds. The status is that of the first response (0 when none came).
     */
    static Response exchange(int port, String raw) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading everything (413, 431): read what it said
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    all.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException quietOrReset) {
                // keep what arrived
            }
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int status = text.matches("(?s)HTTP/1\\.[01] [0-9]{3}.*") ? Integer.parseInt(text.substring(9, 12)) : 0;
            return new Response(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Socket socket, String head) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
