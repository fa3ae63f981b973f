package io.jkeepalived.config.bind;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.LoadResult;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.VrrpInstance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test helper: load config text and pick pieces out of the result. */
final class Load {
    private Load() {}

    static LoadResult text(String config) {
        return ConfigLoader.loadString(config, "t.conf", Path.of("."), new ReaderOptions("host", Map.of(), false));
    }

    static Keepalived config(String config) {
        return text(config).config().orElseThrow();
    }

    static VrrpInstance instance(String config, String name) {
        return config(config).vrrpInstances().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    static List<String> messages(String config) {
        return text(config).diagnostics().stream().map(Diagnostic::render).toList();
    }

    /** A minimal valid instance with extra body lines. */
    static String vi(String name, int vrid, String... body) {
        return "vrrp_instance " + name + " {\n interface eth0\n virtual_router_id " + vrid + "\n"
                + String.join("\n", body) + "\n virtual_ipaddress {\n  198.18.0." + vrid + "\n }\n}\n";
    }
}
