package io.jkeepalived.notify;

/** How keepalived names a virtual or real server in FIFO lines and alert subjects. */
public sealed interface LvsService {

    String format();

    /** {@code [10.0.0.1]:tcp:80}; IPv6 addresses appear inside the brackets as written. */
    record Endpoint(String address, String protocol, int port) implements LvsService {
        @Override
        public String format() {
            return "[" + address + "]:" + protocol + ":" + port;
        }
    }

    /** {@code FWM 7}. */
    record Fwmark(long mark) implements LvsService {
        @Override
        public String format() {
            return "FWM " + mark;
        }
    }

    /** {@code [groupname]:80}. */
    record Group(String name, int port) implements LvsService {
        @Override
        public String format() {
            return "[" + name + "]:" + port;
        }
    }
}
