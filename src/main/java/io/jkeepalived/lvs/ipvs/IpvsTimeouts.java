package io.jkeepalived.lvs.ipvs;

/**
 * {@code lvs_timeouts tcp N tcpfin N udp N} in seconds; 0 leaves that timeout as the kernel has it.
 */
public record IpvsTimeouts(int tcp, int tcpFin, int udp) {

    /**
     * The words after {@code lvs_timeouts}, as name/number pairs in any order; a pair that is not a known name and
     * a number in [0, 2^31) is skipped and named in {@code problems}. Empty when nothing usable is set.
     */
    public static java.util.Optional<IpvsTimeouts> parse(java.util.List<String> words,
                                                         java.util.function.Consumer<String> problems) {
        int[] v = new int[3];
        boolean any = false;
        for (int i = 0; i < words.size(); i += 2) {
            int slot = switch (words.get(i)) {
                case "tcp" -> 0;
                case "tcpfin" -> 1;
                case "udp" -> 2;
                default -> -1;
            };
            String value = i + 1 < words.size() ? words.get(i + 1) : "";
            if (slot < 0 || !value.matches("[0-9]{1,10}") || Long.parseLong(value) > Integer.MAX_VALUE) {
                problems.accept("lvs_timeouts: '" + (words.get(i) + " " + value).strip()
                        + "' is not 'tcp|tcpfin|udp SECONDS'; skipped");
                continue;
            }
            v[slot] = Integer.parseInt(value);
            any = true;
        }
        return any ? java.util.Optional.of(new IpvsTimeouts(v[0], v[1], v[2])) : java.util.Optional.empty();
    }
}
