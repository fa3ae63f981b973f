package io.jkeepalived.check.probe;

import java.util.List;
import java.util.Optional;

/**
 * What the HTTP client read: the status, the header lines, the MD5 of the (de-chunked) body and,
 * when asked for, the body itself.
 */
record HttpResponse(int status, String statusLine, List<String> headers, String md5Hex, long bodyLength,
                    Optional<byte[]> body) {
    HttpResponse {
        headers = List.copyOf(headers);
    }
}
