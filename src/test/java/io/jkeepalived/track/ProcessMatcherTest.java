package io.jkeepalived.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.track.ProcessSpec.ParamMatch;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessMatcherTest {

    private static ProcInfo proc(String comm, String... argv) {
        return new ProcInfo(42, comm, List.of(argv), false);
    }

    @Test
    void commIsMatchedExactlyNotAsARegexOrPrefix() {
        ProcessSpec ssh = ProcessSpec.of("p", "ssh");
        assertThat(ProcessMatcher.matches(ssh, proc("ssh"))).isTrue();
        assertThat(ProcessMatcher.matches(ssh, proc("sshd"))).isFalse();
        assertThat(ProcessMatcher.matches(ProcessSpec.of("p", "s.h"), proc("ssh"))).isFalse();
    }

    @Test
    void longNamesCompareByTheKernels15ByteComm() {
        assertThat(ProcessMatcher.matches(ProcessSpec.of("p", "systemd-resolved-extra"), proc("systemd-resolve"))).isTrue();
    }

    @Test
    void zombiesNeverMatch() {
        assertThat(ProcessMatcher.matches(ProcessSpec.of("p", "x"), new ProcInfo(1, "x", List.of(), true))).isFalse();
    }

    @Test
    void parametersMatchExactlyByDefault() {
        ProcessSpec s = ProcessSpec.of("p", "/usr/sbin/haproxy").withParams(List.of("-f", "/etc/h.cfg"), Optional.empty());
        assertThat(ProcessMatcher.matches(s, proc("haproxy", "/usr/sbin/haproxy", "-f", "/etc/h.cfg"))).isTrue();
        assertThat(ProcessMatcher.matches(s, proc("haproxy", "/usr/sbin/haproxy", "-f", "/etc/h.cfg", "-d"))).isFalse();
        assertThat(ProcessMatcher.matches(s, proc("haproxy", "haproxy", "-f", "/etc/h.cfg"))).isFalse();
    }

    @Test
    void partialAndInitialMatching() {
        ProcessSpec partial = ProcessSpec.of("p", "/bin/app").withParams(List.of("-c", "conf"), Optional.of(ParamMatch.PARTIAL));
        ProcessSpec initial = ProcessSpec.of("p", "/bin/app").withParams(List.of("-c", "conf"), Optional.of(ParamMatch.INITIAL));
        assertThat(ProcessMatcher.matches(partial, proc("app", "/bin/app", "-c", "conf", "-v"))).isTrue();
        assertThat(ProcessMatcher.matches(partial, proc("app", "/bin/app", "-c", "config"))).isFalse();
        assertThat(ProcessMatcher.matches(initial, proc("app", "/bin/app", "-c", "config", "-v"))).isTrue();
        assertThat(ProcessMatcher.matches(initial, proc("app", "/bin/app", "-x", "config"))).isFalse();
    }

    @Test
    void paramMatchWithoutParametersMeansNoParameters() {
        ProcessSpec none = ProcessSpec.of("p", "/bin/app").withParams(List.of(), Optional.of(ParamMatch.PARTIAL));
        assertThat(ProcessMatcher.matches(none, proc("app", "/bin/app"))).isTrue();
        assertThat(ProcessMatcher.matches(none, proc("app", "/bin/app", "x"))).isFalse();
        ProcessSpec full = ProcessSpec.of("p", "/bin/app").withFullCommand(true);
        assertThat(ProcessMatcher.matches(full, proc("app", "/bin/app", "x"))).isTrue();
    }
}
