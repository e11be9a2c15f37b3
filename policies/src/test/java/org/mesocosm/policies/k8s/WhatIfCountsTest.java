package org.mesocosm.policies.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.policies.k8s.PluginFixture.Node;
import org.mesocosm.policies.k8s.PluginFixture.Pod;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.FilterPlugin;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.PlacedPod;
import org.mesocosm.runtime.pods.PreFilterExtensions;
import org.mesocosm.runtime.pods.PreFilterPlugin;
import org.mesocosm.runtime.pods.Status;

/**
 * The what-if contract both counting plugins share: after PreFilter, removing the one pod that
 * blocks a node lets the incoming pod pass there, and adding it back blocks it again, as
 * preemption's victim search relies on.
 */
class WhatIfCountsTest {
    static final List<Node> ZONES = List.of(Node.of("a1", 4000, 8192, "zone", "a"), Node.of("b1", 4000, 8192, "zone", "b"));
    static final List<Pod> WEB_IN_A = List.of(Pod.on("a1", 100, 128, "app", "web"));

    @Test
    void interPodAntiAffinityFollowsTheWhatIfs() {
        TaskSpec incoming = FilterPluginTableTest.pod(FilterPluginTableTest.antiAffinity("app", "web", "zone"));
        check(InterPodAffinity.NAME, incoming, InterPodAffinity.ANTI_AFFINITY);
    }

    @Test
    void topologySpreadFollowsTheWhatIfs() {
        TaskSpec incoming = FilterPluginTableTest.pod(FilterPluginTableTest.spread(1, "zone"), "app", "web");
        check(PodTopologySpread.NAME, incoming, PodTopologySpread.SKEW);
    }

    @Test
    void podsTheCountsIgnoreChangeNothing() {
        TaskSpec incoming = FilterPluginTableTest.pod(FilterPluginTableTest.spread(1, "zone"), "app", "web");
        PluginFixture f = new PluginFixture(ScoringStrategy.LEAST_ALLOCATED, ZONES,
                List.of(Pod.on("a1", 100, 128, "app", "web"), Pod.on("b1", 100, 128, "app", "db")), incoming);
        PreFilterPlugin plugin = f.plugin(PodTopologySpread.NAME);
        CycleState state = new CycleState();
        assertEquals(Status.Code.SUCCESS, plugin.preFilter(state, f.incoming).code());
        NodeInfo b1 = f.node("b1");
        PlacedPod db = b1.pods().iterator().next();
        plugin.preFilterExtensions().removePod(state, f.incoming, db, b1);
        assertEquals(PodTopologySpread.SKEW, ((FilterPlugin) plugin).filter(state, f.incoming, f.node("a1")));
        assertEquals(Status.SUCCESS, ((FilterPlugin) plugin).filter(state, f.incoming, b1));
    }

    private static void check(String pluginName, TaskSpec incoming, Status blocked) {
        PluginFixture f = new PluginFixture(ScoringStrategy.LEAST_ALLOCATED, ZONES, WEB_IN_A, incoming);
        PreFilterPlugin plugin = f.plugin(pluginName);
        FilterPlugin filter = (FilterPlugin) plugin;
        CycleState state = new CycleState();
        assertEquals(Status.Code.SUCCESS, plugin.preFilter(state, f.incoming).code(), pluginName);
        NodeInfo a1 = f.node("a1");
        PlacedPod web = a1.pods().iterator().next();
        PreFilterExtensions whatIf = plugin.preFilterExtensions();

        assertEquals(blocked, filter.filter(state, f.incoming, a1), pluginName + ": the web pod in zone a blocks a1");
        whatIf.removePod(state, f.incoming, web, a1);
        assertEquals(Status.SUCCESS, filter.filter(state, f.incoming, a1), pluginName + ": without it a1 is fine");
        whatIf.addPod(state, f.incoming, web, a1);
        assertEquals(blocked, filter.filter(state, f.incoming, a1), pluginName + ": back again, blocked again");
        assertEquals(Status.SUCCESS, filter.filter(state, f.incoming, f.node("b1")), pluginName + ": zone b never was");
    }
}
