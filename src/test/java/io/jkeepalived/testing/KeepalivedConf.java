package io.jkeepalived.testing;

import java.util.List;

/**
 * A whole keepalived.conf for a test node: {@code global_defs} plus instances and any other blocks
 * ({@code vrrp_script} …) written verbatim.
 */
public record KeepalivedConf(String routerId, List<String> globalExtra, List<VrrpInstanceConf> instances,
        List<String> blocks) {

    public KeepalivedConf {
        globalExtra = List.copyOf(globalExtra);
        instances = List.copyOf(instances);
        blocks = List.copyOf(blocks);
    }

    public static KeepalivedConf of(String routerId, VrrpInstanceConf... instances) {
        return new KeepalivedConf(routerId, List.of(), List.of(instances), List.of());
    }

    public KeepalivedConf withGlobal(String... lines) {
        return new KeepalivedConf(routerId, concat(globalExtra, lines), instances, blocks);
    }

    public KeepalivedConf withBlock(String... text) {
        return new KeepalivedConf(routerId, globalExtra, instances, concat(blocks, text));
    }

    public String render() {
        var sb = new StringBuilder("global_defs {\n    router_id ").append(routerId).append('\n');
        globalExtra.forEach(l -> sb.append("    ").append(l).append('\n'));
        sb.append("}\n\n");
        blocks.forEach(b -> sb.append(b).append("\n\n"));
        instances.forEach(i -> sb.append(i.render()).append('\n'));
        return sb.toString();
    }

    private static List<String> concat(List<String> a, String... b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.Arrays.stream(b)).toList();
    }
}
