package org.mesocosm.runtime.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyParamsTest {

    @Test
    void anItemWithoutEqualsContinuesTheValueBeforeIt() {
        PolicyParams p = PolicyParams.parse("omega:schedulers=service,batch,service:t_job=10s,batch:t_job=100ms");
        assertEquals("omega", p.policy());
        assertEquals(Map.of("schedulers", "service,batch", "service:t_job", "10s", "batch:t_job", "100ms"), p.values());
        assertEquals("omega:schedulers=service,batch,service:t_job=10s,batch:t_job=100ms", p.toString());
        assertEquals("marathon,jobs,k8s,spark", PolicyParams.parse("mesos:frameworks=marathon,jobs,k8s,spark").values().get("frameworks"));
    }

    @Test
    void theFirstItemMustStillBeKeyValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyParams.parse("drf:refuse"));
        assertTrue(e.getMessage().contains("'refuse' is not key=value"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolicyParams.parse("drf:=5s"));
        assertThrows(IllegalArgumentException.class, () -> PolicyParams.parse("drf:refuse=1s,refuse=2s"));
    }
}
