package io.jkeepalived.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The notify scenario captured from C keepalived 2.2.7 (src/test/resources/golden/keepalived-2.2.7-notify/):
 * one node, sync group G1 holding VI_1 (priority 100), starts BACKUP, becomes MASTER when no
 * advert arrives, then gets SIGTERM. notify_master/backup/stop and the instance and group
 * {@code notify} scripts record their argv (one per line after a {@code ---}), the
 * vrrp_notify_fifo is read by an outside reader.
 */
public final class GoldenScenario {

    public static final String GOLDEN = "/golden/keepalived-2.2.7-notify/";
    public static final List<String> ARG_FILES = List.of("notify.args", "notify_master.args", "notify_backup.args",
            "notify_stop.args", "group-notify.args");

    private GoldenScenario() {}

    /** The recorder: appends "---" and its arguments, one per line, to the file named first. */
    public static Path writeRecorder(Path dir) throws IOException {
        Path rec = dir.resolve("rec.sh");
        Files.writeString(rec, "#!/bin/sh\nout=\"$1\"; shift\n{ echo \"---\"; printf '%s\\n' \"$@\"; } >> \"$out\"\n");
        Files.setPosixFilePermissions(rec, PosixFilePermissions.fromString("rwxr-xr-x"));
        return rec;
    }

    /** The keepalived.conf of the scenario (scripts written as keepalived parses them). */
    public static String keepalivedConf(Path dir, String ifname) {
        String d = dir.toString();
        return """
                global_defs {
                  router_id jk-trk-golden
                  vrrp_notify_fifo %1$s/vrrp.fifo
                  script_user root
                  enable_script_security
                }
                vrrp_sync_group G1 {
                  group { VI_1 }
                  notify "%1$s/rec.sh %1$s/group-notify.args"
                }
                vrrp_instance VI_1 {
                  state BACKUP
                  interface %2$s
                  virtual_router_id 51
                  priority 100
                  advert_int 1
                  notify_master "%1$s/rec.sh %1$s/notify_master.args M1 'two words'"
                  notify_backup "%1$s/rec.sh %1$s/notify_backup.args B1"
                  notify_stop "%1$s/rec.sh %1$s/notify_stop.args S1"
                  notify "%1$s/rec.sh %1$s/notify.args"
                  virtual_ipaddress { 198.18.10.100/32 }
                }
                """.formatted(d, ifname);
    }

    public static String golden(String file) throws IOException {
        try (var in = GoldenScenario.class.getResourceAsStream(GOLDEN + file)) {
            if (in == null) {
                throw new IOException("missing golden " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
