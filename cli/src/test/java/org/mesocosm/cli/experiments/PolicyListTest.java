package org.mesocosm.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting --policies at commas: parameters join the policy before them. */
class PolicyListTest {

    @Test
    void keyValueItemsJoinThePolicyBeforeThem() {
        assertEquals(List.of("drf", "drf:interval=2s,refuse=1s", "k8s"), PolicyList.parse("drf,drf:interval=2s,refuse=1s,k8s"));
    }

    @Test
    void monoPathsStayOnePolicyThoughEachPathHasAColon() {
        // "batch:t_job=..." names no registered policy: it is mono's parameter, not a policy called batch
        assertEquals(List.of("mono", "mono:paths=service:t_job=10s,batch:t_job=100ms", "k8s"),
                PolicyList.parse("mono,mono:paths=service:t_job=10s,batch:t_job=100ms,k8s"));
        assertEquals(List.of("mono:paths=batch:t_job=1s,service:t_job=2s,service:t_task=1ms"),
                PolicyList.parseAndCheck("mono:paths=batch:t_job=1s,service:t_job=2s,service:t_task=1ms"));
    }
}
