package io.jkeepalived.script;

/** A resolved user and group id pair, plus the user name (needed for initgroups). */
public record PosixIdentity(String userName, int uid, int gid) {

    public boolean isRoot() {
        return uid == 0;
    }
}
