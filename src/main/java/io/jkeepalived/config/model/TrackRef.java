package io.jkeepalived.config.model;

import java.util.Optional;

/**
 * A reference from an instance or sync group to a tracker (interface, script, file, process, bfd).
 * An absent weight means the tracker's own weight applies.
 */
public record TrackRef(String name, Optional<Integer> weight, boolean reverse) {}
