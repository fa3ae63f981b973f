package io.jkeepalived.daemon.loop;

import io.jkeepalived.vrrp.engine.Action;

/** Where notify actions go; never blocks the caller (scripts start on another thread). */
interface NotifyPort {
    void run(Action.RunNotify notify);

    void fifo(String line);

    /** An instance changed state (for smtp_alert mails); nothing by default. */
    default void stateChanged(String instance, io.jkeepalived.vrrp.engine.VrrpState state) {
    }

    /** A split-brain episode began or ended (for smtp_alert mails); nothing by default. */
    default void splitBrain(String instance, boolean detected, String text) {
    }

    /** A sync group changed state (for smtp_alert mails); nothing by default. */
    default void groupStateChanged(String group, io.jkeepalived.vrrp.engine.VrrpState state) {
    }

    NotifyPort NONE = new NotifyPort() {
        @Override
        public void run(Action.RunNotify notify) {
        }

        @Override
        public void fifo(String line) {
        }
    };
}
