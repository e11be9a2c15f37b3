package org.mesocosm.runtime.pods;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named set of plugins with score weights (a kube-scheduler profile). The phases each plugin
 * serves are found by type, in the order the plugins were given, and the set is checked up front:
 * unique names, exactly one queue sort, at least one filter and one binder, weights only for score
 * plugins, at most 64 plugins (rejections are kept as a bit mask).
 */
public final class Profile {
    private final String name;
    private final List<Plugin> plugins;
    final QueueSortPlugin queueSort;
    final PreFilterPlugin[] preFilter;
    final int[] preFilterIdx;
    final FilterPlugin[] filter;
    final int[] filterIdx;
    final PostFilterPlugin[] postFilter;
    final PreScorePlugin[] preScore;
    final int[] preScoreIdx;
    final ScorePlugin[] score;
    final int[] scoreIdx;
    final long[] scoreWeight;
    final NormalizeScorePlugin[] normalize;
    final ReservePlugin[] reserve;
    final BindPlugin[] bind;
    final ClusterListener[] listeners;
    final PreFilterExtensions[] extensions;
    /** Per plugin index: its queueing hints, or null (then every event may help). */
    private final EnqueueExtensions[] enqueue;
    /** Per event type: bit mask of the plugins that care about it. */
    private final long[] interested = new long[ClusterEvent.Type.values().length];

    public Profile(String name, List<? extends Plugin> plugins, Map<String, Integer> scoreWeights) {
        this.name = name;
        this.plugins = List.copyOf(plugins);
        if (this.plugins.size() > 64) throw new IllegalArgumentException("profile " + name + ": more than 64 plugins");
        Set<String> names = new HashSet<>();
        for (Plugin p : this.plugins) {
            if (p.name() == null || p.name().isBlank()) throw new IllegalArgumentException("profile " + name + ": a plugin has no name");
            if (!names.add(p.name())) throw new IllegalArgumentException("profile " + name + ": plugin " + p.name() + " listed twice");
        }
        Map<String, Integer> weights = new LinkedHashMap<>(scoreWeights);
        List<QueueSortPlugin> sorts = of(QueueSortPlugin.class);
        if (sorts.size() != 1) throw new IllegalArgumentException("profile " + name + ": needs exactly one queue sort plugin, has " + sorts.size());
        queueSort = sorts.get(0);
        preFilter = of(PreFilterPlugin.class).toArray(new PreFilterPlugin[0]);
        preFilterIdx = indexes(preFilter);
        filter = of(FilterPlugin.class).toArray(new FilterPlugin[0]);
        if (filter.length == 0) throw new IllegalArgumentException("profile " + name + ": needs at least one filter plugin");
        filterIdx = indexes(filter);
        postFilter = of(PostFilterPlugin.class).toArray(new PostFilterPlugin[0]);
        preScore = of(PreScorePlugin.class).toArray(new PreScorePlugin[0]);
        preScoreIdx = indexes(preScore);
        score = of(ScorePlugin.class).toArray(new ScorePlugin[0]);
        scoreIdx = indexes(score);
        scoreWeight = new long[score.length];
        normalize = new NormalizeScorePlugin[score.length];
        for (int i = 0; i < score.length; i++) {
            Integer w = weights.remove(score[i].name());
            if (w != null && w < 1) throw new IllegalArgumentException("profile " + name + ": weight of " + score[i].name() + " must be >= 1");
            scoreWeight[i] = w == null ? 1 : w;
            normalize[i] = score[i] instanceof NormalizeScorePlugin n ? n : null;
        }
        if (!weights.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + ": weights given for plugins that do not score: " + weights.keySet());
        }
        reserve = of(ReservePlugin.class).toArray(new ReservePlugin[0]);
        bind = of(BindPlugin.class).toArray(new BindPlugin[0]);
        if (bind.length == 0) throw new IllegalArgumentException("profile " + name + ": needs at least one bind plugin");
        listeners = of(ClusterListener.class).toArray(new ClusterListener[0]);
        extensions = new PreFilterExtensions[preFilter.length];
        for (int i = 0; i < preFilter.length; i++) extensions[i] = preFilter[i].preFilterExtensions();
        enqueue = new EnqueueExtensions[this.plugins.size()];
        for (int i = 0; i < enqueue.length; i++) {
            Plugin p = this.plugins.get(i);
            enqueue[i] = p instanceof EnqueueExtensions x ? x : null;
            for (ClusterEvent.Type t : ClusterEvent.Type.values()) {
                if (enqueue[i] == null || enqueue[i].events().contains(t)) interested[t.ordinal()] |= 1L << i;
            }
        }
    }

    public String name() { return name; }

    public List<Plugin> plugins() { return plugins; }

    public int indexOf(Plugin p) {
        for (int i = 0; i < plugins.size(); i++) if (plugins.get(i) == p) return i;
        return -1;
    }

    /** The score weight of a plugin, or 0 if it does not score. */
    public long weight(String plugin) {
        for (int i = 0; i < score.length; i++) if (score[i].name().equals(plugin)) return scoreWeight[i];
        return 0;
    }

    /** Names of the plugins in a rejection mask, in profile order. */
    public List<String> names(long mask) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < plugins.size(); i++) if ((mask & (1L << i)) != 0) out.add(plugins.get(i).name());
        return out;
    }

    /** Queueing hints: may the event let a pod rejected by the plugins in {@code mask} fit now? */
    boolean mayHelp(long mask, ClusterEvent e, org.mesocosm.runtime.master.Task pod) {
        if (mask == 0) return true;
        long m = mask & interested[e.type().ordinal()];
        while (m != 0) {
            int i = Long.numberOfTrailingZeros(m);
            m &= m - 1;
            if (enqueue[i] == null || enqueue[i].isSchedulableAfter(e, pod)) return true;
        }
        return false;
    }

    private <T> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Plugin p : plugins) if (type.isInstance(p)) out.add(type.cast(p));
        return out;
    }

    private int[] indexes(Object[] phase) {
        int[] idx = new int[phase.length];
        for (int i = 0; i < phase.length; i++) idx[i] = indexOf((Plugin) phase[i]);
        return idx;
    }

    @Override
    public String toString() {
        return "Profile[" + name + ": " + String.join(", ", plugins.stream().map(Plugin::name).toList()) + "]";
    }
}
