package io.jkeepalived.check.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one HTTP/1.x response with hard limits of our own: a server cannot make a checker buffer
 * more than {@link #MAX_HEADER_BYTES} of headers or read more than {@link #MAX_BODY_BYTES} of body,
 * and anything that is not HTTP is a {@link FailureReason#PROTOCOL_ERROR}, not an exception.
 */
final class HttpResponseReader {

    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[0-9] ([0-9]{3})(?: .*)?");

    private final DeadlineInput in;
    private int headerBytes;

    HttpResponseReader(DeadlineInput in) {
        this.in = in;
    }

    HttpResponse read(boolean keepBody, boolean headRequest) throws IOException, ProbeFailure {
        String statusLine = line("status line");
        Matcher m = STATUS.matcher(statusLine);
        if (!m.matches()) {
            throw new ProbeFailure(FailureReason.PROTOCOL_ERROR, "not an HTTP response: " + printable(statusLine));
        }
        int status = Integer.parseInt(m.group(1));
        List<String> headers = new ArrayList<>();
        for (String h = line("header"); !h.isEmpty(); h = line("header")) {
            headers.add(h);
        }
        Body body = new Body(keepBody);
        boolean noBody = headRequest || status == 204 || status == 304 || status / 100 == 1;
        if (!noBody) {
            Optional<String> te = header(headers, "transfer-encoding");
            Optional<String> cl = header(headers, "content-length");
            if (te.isPresent() && te.get().toLowerCase(Locale.ROOT).contains("chunked")) {
                readChunked(body);
            } else if (cl.isPresent()) {
                readLength(body, contentLength(cl.get()));
            } else {
                readToEnd(body);
            }
        }
        return new HttpResponse(status, statusLine, headers, body.md5(), body.length, body.kept());
    }

    private void readChunked(Body body) throws IOException, ProbeFailure {
        while (true) {
            String sizeLine = line("chunk size");
            int semi = sizeLine.indexOf(';');
            String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProbeFailure(FailureReason.PROTOCOL_ERROR, "bad chunk size: " + printable(sizeLine));
            }
            if (size < 0) {
                throw new ProbeFailure(FailureReason.PROTOCOL_ERROR, "bad chunk size: " + printable(sizeLine));
            }
            if (size == 0) {
                while (!line("trailer").isEmpty()) {
                    // trailers count against the header limit and are otherwise ignored
                }
                return;
            }
            readLength(body, size);
            if (!line("chunk end").isEmpty()) {
                throw new ProbeFailure(FailureReason.PROTOCOL_ERROR, "chunk not followed by CRLF");
            }
        }
    }

    private void readLength(Body body, long length) throws IOException, ProbeFailure {
        if (body.length + length > MAX_BODY_BYTES) {
            throw new ProbeFailure(FailureReason.TOO_LARGE, "body over " + MAX_BODY_BYTES + " bytes");
        }
        byte[] buf = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new ProbeFailure(FailureReason.PROTOCOL_ERROR, "body ended " + left + " bytes early");
            }
            body.add(buf, n);
            left -= n;
        }
    }

    private void readToEnd(Body body) throws IOException, ProbeFailure {
        byte[] buf = new byte[8192];
        for (int n = in.read(buf, 0, buf.length); n >= 0; n = in.read(buf, 0, buf.length)) {
            if (body.length + n > MAX_BODY_BYTES) {
                throw new ProbeFailure(FailureReason.TOO_LARGE, "body over " + MAX_BODY_BYTES + " bytes");
            }
            body.add(buf, n);
        }
    }

    /** One CRLF- (or bare LF-) terminated line of the header section, counted against its limit. */
    private String line(String what) throws IOException, ProbeFailure {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new ProbeFailure(FailureReason.PROTOCOL_ERROR, "connection closed in the " + what);
            }
            if (++headerBytes > MAX_HEADER_BYTES) {
                throw new ProbeFailure(FailureReason.TOO_LARGE, "headers over " + MAX_HEADER_BYTES + " bytes");
            }
            if (c == '\n') {
                int end = b.length();
                return end > 0 && b.charAt(end - 1) == '\r' ? b.substring(0, end - 1) : b.toString();
            }
            b.append((char) c);
        }
    }

    private static long contentLength(String v) throws ProbeFailure {
        try {
            long n = Long.parseLong(v.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the failure below
        }
        throw new ProbeFailure(FailureReason.PROTOCOL_ERROR, "bad Content-Length: " + printable(v));
    }

    static Optional<String> header(List<String> headers, String name) {
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return Optional.of(h.substring(colon + 1).strip());
            }
        }
        return Optional.empty();
    }

    private static String printable(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return new String(t.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII)
                .replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** The body as it streams past: always hashed, kept only when a regex needs it. */
    private static final class Body {
        private final MessageDigest md5;
        private final ByteArrayOutputStream kept;
        long length;

        Body(boolean keep) {
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has MD5", e);
            }
            kept = keep ? new ByteArrayOutputStream() : null;
        }

        void add(byte[] b, int n) {
            md5.update(b, 0, n);
            if (kept != null) {
                kept.write(b, 0, n);
            }
            length += n;
        }

        String md5() {
            return HexFormat.of().formatHex(md5.digest());
        }

        Optional<byte[]> kept() {
            return kept == null ? Optional.empty() : Optional.of(kept.toByteArray());
        }
    }
}
