package io.jkeepalived.config.model;

import java.time.Duration;

/** {@code vrrp_script NAME { }}. */
public record VrrpScript(
        String name,
        Script script,
        Duration interval,
        Duration timeout,
        int weight,
        boolean weightReverse,
        int rise,
        int fall,
        boolean initFail) {}
