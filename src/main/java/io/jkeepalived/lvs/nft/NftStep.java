package io.jkeepalived.lvs.nft;

import io.jkeepalived.config.model.IpText;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One step of a change to our table: a line of nft text, or a change to one map's elements. Element
 * steps carry their kernel encoding as well as their text, so that a change made of them alone can
 * go to the kernel as nf_tables netlink messages ({@link NftMessages}) instead of through libnftables,
 * whose parsing dominates large element changes.
 */
sealed interface NftStep {

    /** The step as nft text (one line, no newline). */
    String text();

    record Line(String text) implements NftStep {}

    /** Flush, add to or delete from map {@code map} of our table. */
    record Elements(String map, Action action, List<Element> elements) implements NftStep {
        public Elements {
            elements = List.copyOf(elements);
        }

        public String text() {
            String where = NftCommands.TABLE + " " + map;
            return switch (action) {
                case FLUSH -> "flush map " + where;
                case ADD, DELETE -> (action == Action.ADD ? "add" : "delete") + " element " + where + " { "
                        + elements.stream().map(e -> action == Action.ADD ? e.text() : e.keyText()).collect(Collectors.joining(", "))
                        + " }";
            };
        }
    }

    enum Action { FLUSH, ADD, DELETE }

    /**
     * A map element: its key and value (absent when deleting) as nft writes them and as the kernel
     * stores them (host order for marks and slot numbers, network order for addresses and ports; a
     * concatenation pads each field to 4 bytes). Text and bytes are made on demand: a transaction
     * needs only one of them.
     */
    sealed interface Element {
        String keyText();

        byte[] key();

        Optional<Value> value();

        default String text() {
            return value().map(v -> keyText() + " : " + v.text()).orElse(keyText());
        }

        /** In a destination map: {@code address . port}, with the weight when adding. */
        record Destination(InetAddress ip, int port, Optional<Value> value) implements Element {
            public String keyText() {
                return IpText.of(ip) + " . " + port;
            }

            public byte[] key() {
                return addressPort(ip, port);
            }
        }

        /** In a slot map: the slot number (a numgen or jhash result) and what it leads to. */
        record Slot(int slot, Optional<Value> value) implements Element {
            public String keyText() {
                return String.valueOf(slot);
            }

            public byte[] key() {
                return hostU32(slot);
            }
        }
    }

    sealed interface Value {
        String text();

        /** A destination's weight, held as a mark. */
        record Weight(long weight) implements Value {
            public String text() {
                return String.valueOf(weight);
            }

            byte[] bytes() {
                return hostU32((int) weight);
            }
        }

        /** A DNAT target: the address, and the port when present. */
        record Target(InetAddress ip, OptionalInt port) implements Value {
            public String text() {
                return IpText.of(ip) + (port.isPresent() ? " . " + port.getAsInt() : "");
            }

            byte[] bytes() {
                return port.isPresent() ? addressPort(ip, port.getAsInt()) : ip.getAddress();
            }
        }

        /** A verdict: go to chain {@code chain} of our table. */
        record Goto(String chain) implements Value {
            public String text() {
                return "goto " + chain;
            }
        }
    }

    private static byte[] hostU32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    /** The address, then the port in network order and 2 bytes of padding. */
    private static byte[] addressPort(InetAddress ip, int port) {
        byte[] a = ip.getAddress();
        return ByteBuffer.allocate(a.length + 4).put(a).putShort((short) port).array();
    }
}
