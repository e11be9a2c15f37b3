package org.mesocosm.ha;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.metrics.impl.RatisMetricRegistryImpl;
import org.apache.ratis.server.metrics.LogAppenderMetrics;
import org.apache.ratis.thirdparty.com.codahale.metrics.Gauge;
import org.apache.ratis.thirdparty.com.codahale.metrics.Metric;

/**
 * Each follower's match index as the leader's log appenders publish it: the last log index the
 * follower confirmed it holds. Ratis 3.1.3 keeps it in the leader's state, outside its public API
 * ({@code DivisionInfo} has only the next indexes, which the gRPC appender raises when it sends,
 * before the follower has anything); {@link LogAppenderMetrics} registers it as a gauge per follower
 * in the registry of the leader's member id, component {@code log_appender}.
 */
final class FollowerMatchIndex {
    private FollowerMatchIndex() {}

    /** Match index by follower id, for those of {@code followers} the leader {@code memberId} publishes one for. */
    static Map<String, Long> of(String memberId, Collection<String> followers) {
        Map<String, Long> out = new TreeMap<>();
        for (RatisMetricRegistry r : MetricRegistries.global().getMetricRegistries()) {
            if (!memberId.equals(r.getMetricRegistryInfo().getPrefix())
                    || !LogAppenderMetrics.RATIS_LOG_APPENDER_METRICS.equals(r.getMetricRegistryInfo().getMetricsComponentName())
                    || !(r instanceof RatisMetricRegistryImpl impl)) {
                continue;
            }
            for (String id : followers) {
                Metric m = impl.get(String.format(LogAppenderMetrics.FOLLOWER_MATCH_INDEX, id));
                if (m instanceof Gauge<?> g && g.getValue() instanceof Number n) out.put(id, n.longValue());
            }
        }
        return out;
    }
}
