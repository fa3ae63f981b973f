package io.jkeepalived.daemon.plan;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The running instances' plans by name, in configuration order, counting its changes. The daemon,
 * the reload and the link watcher all write it; a reader that keeps an index of it (the link
 * watcher's, by address) compares {@link #changes()} with the count it indexed at and rebuilds,
 * whoever wrote. Only {@code put}, {@code remove} and {@code clear} change it: its views are
 * read-only, so no write can go uncounted.
 */
public final class PlanTable extends AbstractMap<String, InstancePlan> {
    private final Map<String, InstancePlan> plans = new LinkedHashMap<>();
    private final Map<String, InstancePlan> readOnly = Collections.unmodifiableMap(plans);
    private long changes;

    /** How many writes the table has seen: equal counts mean the same contents. */
    public long changes() {
        return changes;
    }

    @Override
    public InstancePlan put(String name, InstancePlan plan) {
        changes++;
        return plans.put(name, plan);
    }

    @Override
    public InstancePlan remove(Object name) {
        changes++;
        return plans.remove(name);
    }

    @Override
    public void clear() {
        changes++;
        plans.clear();
    }

    @Override
    public InstancePlan get(Object name) {
        return plans.get(name);
    }

    @Override
    public boolean containsKey(Object name) {
        return plans.containsKey(name);
    }

    @Override
    public int size() {
        return plans.size();
    }

    @Override
    public Set<Entry<String, InstancePlan>> entrySet() {
        return readOnly.entrySet();
    }

    @Override
    public Set<String> keySet() {
        return readOnly.keySet();
    }

    @Override
    public Collection<InstancePlan> values() {
        return readOnly.values();
    }
}
