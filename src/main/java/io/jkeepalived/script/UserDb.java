package io.jkeepalived.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Name to id lookups from {@code /etc/passwd} and {@code /etc/group}.
 *
 * <p>Reads the files directly rather than through NSS (no FFM {@code getpwnam} yet): users that
 * exist only in LDAP/SSSD are not found. Numeric names are accepted as ids, which is the
 * workaround for such users.
 */
public final class UserDb {

    private final Path passwd;
    private final Path group;

    public UserDb(Path passwd, Path group) {
        this.passwd = passwd;
        this.group = group;
    }

    public static UserDb system() {
        return new UserDb(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    /** Resolves {@code runAs}; empty when the user or group is unknown. */
    public Optional<PosixIdentity> resolve(RunAs runAs) {
        Optional<String[]> user = findRecord(passwd, runAs.user());
        if (user.isEmpty() || user.get().length < 4) {
            return Optional.empty();
        }
        String[] u = user.get();
        Optional<Integer> uid = parseInt(u[2]);
        Optional<Integer> primaryGid = parseInt(u[3]);
        if (uid.isEmpty() || primaryGid.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> gid = runAs.group().isEmpty() ? primaryGid : groupId(runAs.group().get());
        return gid.map(g -> new PosixIdentity(u[0], uid.get(), g));
    }

    public boolean userExists(String name) {
        return findRecord(passwd, name).isPresent();
    }

    public Optional<Integer> groupId(String name) {
        return findRecord(group, name).filter(r -> r.length >= 3).flatMap(r -> parseInt(r[2]));
    }

    /** Finds a colon-separated record by name (field 0) or, for a numeric key, by id (field 2). */
    private static Optional<String[]> findRecord(Path file, String key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[0].equals(key)) {
                return Optional.of(f);
            }
        }
        if (parseInt(key).isPresent()) {
            for (String line : lines) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && f[2].equals(key)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> parseInt(String s) {
        try {
            return Optional.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
