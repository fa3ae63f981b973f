package io.jkeepalived.config.model;

import java.util.Optional;

/** {@code track_file NAME { }} (legacy {@code vrrp_track_file}). */
public record TrackFile(
        String name,
        String file,
        int weight,
        boolean weightReverse,
        boolean initFile,
        Optional<Long> initValue,
        boolean initOverwrite) {}
