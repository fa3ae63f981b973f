package io.jkeepalived.daemon.plan;

import io.jkeepalived.netlink.RuleSpec;

/** A virtual rule, complete (rules name interfaces, not indexes). */
public record RulePlan(String id, RuleSpec spec) {}
