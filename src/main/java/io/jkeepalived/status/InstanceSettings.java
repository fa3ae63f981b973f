package io.jkeepalived.status;

import java.util.List;
import java.util.Optional;

/**
 * The configured behaviour of an instance that keepalived's data and JSON dumps report, as the
 * engine and daemon resolved it (defaults applied).
 *
 * @param authType          0 none, 1 password, 2 AH (VRRPv2 auth type numbers)
 * @param vmac              the VMAC interface name, if use_vmac
 * @param downTimerMicros   the master-down interval in force now
 * @param masterAdvertIntervalCentis the interval the current master advertises
 * @param vipDetails        each VIP as {@code 198.18.0.10/24 dev eth0 scope global}
 */
public record InstanceSettings(boolean accept, boolean nopreempt, long preemptDelaySeconds, boolean strict,
                               boolean trackPrimary, Optional<String> vmac, int authType, long garpDelaySeconds,
                               int garpRepeat, long garpRefreshSeconds, int garpRefreshRepeat,
                               long garpLowerPrioDelaySeconds, int garpLowerPrioRepeat, boolean lowerPrioNoAdvert,
                               boolean higherPrioSendAdvert, int downTimerAdverts, boolean smtpAlert,
                               boolean notifyDeleted, boolean notifyPriorityChanges, long downTimerMicros,
                               int masterAdvertIntervalCentis, boolean wantsMaster, List<String> vipDetails) {
    public InstanceSettings {
        vipDetails = List.copyOf(vipDetails);
    }
}
