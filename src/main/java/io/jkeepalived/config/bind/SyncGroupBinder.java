package io.jkeepalived.config.bind;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.SyncGroup;
import io.jkeepalived.config.tree.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code vrrp_sync_group NAME { }} (behaviour §1.6). */
final class SyncGroupBinder {
    private SyncGroupBinder() {}

    static final class Y {
        final String name;
        final SourcePos pos;
        final List<Token> members = new ArrayList<>();
        final List<TrackRefs.Pending> refs = new ArrayList<>();
        final NotifyBuilder notify = new NotifyBuilder();
        Optional<Boolean> smtpAlert = Optional.empty();
        boolean trackingWeight;

        Y(String name, SourcePos pos) {
            this.name = name;
            this.pos = pos;
        }

        SyncGroup build() {
            return new SyncGroup(name, members.stream().map(Token::text).toList(),
                    TrackRefs.of(refs, "track_interface"), TrackRefs.of(refs, "track_script"),
                    TrackRefs.of(refs, "track_file"), TrackRefs.of(refs, "track_process"),
                    TrackRefs.of(refs, "track_bfd"), notify.build(), smtpAlert, trackingWeight);
        }
    }

    static final KeywordTable<Y> TABLE = NotifyBuilder.register(new KeywordTable<Y>("vrrp_sync_group"), y -> y.notify)
            .block("group", (n, y, c) -> y.members.addAll(c.words(n)))
            .block("track_interface", (n, y, c) -> TrackRefs.parse("track_interface", n, -253, 253, y.refs, c))
            .block("track_script", (n, y, c) -> TrackRefs.parse("track_script", n, -253, 253, y.refs, c))
            .block("track_file", (n, y, c) -> TrackRefs.parse("track_file", n, -254, 254, y.refs, c))
            .block("track_process", (n, y, c) -> TrackRefs.parse("track_process", n, -254, 254, y.refs, c))
            .block("track_bfd", (n, y, c) -> TrackRefs.parse("track_bfd", n, -253, 253, y.refs, c))
            .line("smtp_alert", (n, y, c) -> y.smtpAlert = c.bool(n))
            .line("sync_group_tracking_weight", (n, y, c) -> y.trackingWeight = true)
            .line("global_tracking", (n, y, c) -> {
                c.warning(n.pos(), "'global_tracking' is deprecated; use 'sync_group_tracking_weight'");
                y.trackingWeight = true;
            });
}
