package io.jkeepalived.lvs.nft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.ForwardMethod;
import io.jkeepalived.lvs.KernelDump;
import io.jkeepalived.lvs.Service;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads our services back from libnftables' JSON answer to {@code list maps inet}: each map
 * {@code dst_<id>} of our table is one service (its comment, a {@link ServiceTag}) with its
 * destinations (elements {@code address . port : weight}). Maps of other tables are skipped; anything
 * of ours that does not parse makes the whole dump {@link KernelDump.Unreadable}, never an exception.
 */
final class NftDump {
    private NftDump() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TABLE_NAME = "jkeepalived";

    static KernelDump parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return new KernelDump.Unreadable("nft JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("nftables").isArray()) {
            return new KernelDump.Unreadable("nft JSON: no \"nftables\" array");
        }
        Map<ServiceKey, ServiceEntry> table = new LinkedHashMap<>();
        for (JsonNode item : root.get("nftables")) {
            JsonNode map = item.get("map");
            if (map == null || !TABLE_NAME.equals(map.path("table").asText()) || !"inet".equals(map.path("family").asText())) {
                continue;
            }
            String name = map.path("name").asText();
            if (!name.startsWith("dst_")) continue;
            Optional<Service> s = ServiceTag.parse(map.path("comment").asText(""));
            if (s.isEmpty()) return new KernelDump.Unreadable("map " + name + ": no readable service tag");
            if (!name.equals("dst_" + NftCommands.id(s.get().key()))) {
                return new KernelDump.Unreadable("map " + name + ": tag names another service (" + s.get().key() + ")");
            }
            Map<Destination.Key, Destination> dests = new LinkedHashMap<>();
            for (JsonNode elem : map.path("elem")) {
                Optional<Destination> d = destination(elem);
                if (d.isEmpty()) return new KernelDump.Unreadable("map " + name + ": unreadable element " + elem);
                dests.put(d.get().key(), d.get());
            }
            table.put(s.get().key(), new ServiceEntry(s.get(), dests));
        }
        return new KernelDump.Read(table);
    }

    /** {@code [ {"concat": ["198.18.1.1", 8080]}, 5 ]}, the key possibly wrapped as {@code {"elem": {"val": ...}}}. */
    private static Optional<Destination> destination(JsonNode elem) {
        if (!elem.isArray() || elem.size() != 2) return Optional.empty();
        JsonNode key = elem.get(0);
        if (key.has("elem")) key = key.get("elem").path("val");
        JsonNode concat = key.path("concat");
        JsonNode weight = elem.get(1);
        if (!concat.isArray() || concat.size() != 2 || !concat.get(0).isTextual() || !concat.get(1).canConvertToInt()
                || !weight.canConvertToLong() || weight.asLong() < 0) {
            return Optional.empty();
        }
        try {
            InetAddress ip = InetAddress.ofLiteral(concat.get(0).asText());
            int port = concat.get(1).asInt();
            if (port < 0 || port > 65535) return Optional.empty();
            return Optional.of(new Destination(ip, port, weight.asLong(), ForwardMethod.NAT, 0, 0));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
