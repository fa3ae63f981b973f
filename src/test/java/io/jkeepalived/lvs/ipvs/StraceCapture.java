package io.jkeepalived.lvs.ipvs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Netlink messages as {@code strace -x} printed them: header fields decoded, the payload as a C
 * string. Used for golden bytes of what ipvsadm sends and what the kernel answers.
 */
record StraceCapture(int length, int type, String flags, byte[] payload) {

    private static final Pattern MESSAGE = Pattern.compile(
            "(?:nlmsg_len=(\\d+), )?nlmsg_type=(0x[0-9a-f]+|\\w+)[^,]*, nlmsg_flags=([\\w|]+), [^}]*\\}, \"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The captures of a resource, by the {@code ## NAME} line above them. */
    static Map<String, List<StraceCapture>> load(String resource) throws IOException {
        Map<String, List<StraceCapture>> out = new LinkedHashMap<>();
        String name = "";
        try (InputStream in = StraceCapture.class.getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("## ")) {
                    name = line.substring(3).trim();
                    continue;
                }
                Matcher m = MESSAGE.matcher(line);
                while (m.find()) {
                    String t = m.group(2);
                    out.computeIfAbsent(name, k -> new ArrayList<>()).add(new StraceCapture(m.group(1) == null ? -1 : Integer.parseInt(m.group(1)),
                            t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : -1, m.group(3), unescape(m.group(4))));
                }
            }
        }
        return out;
    }

    static byte[] unescape(String s) {
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'x' -> {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                default -> out.write(e);
            }
        }
        return out.toByteArray();
    }
}
