package org.mesocosm.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeersTest {
    @Test
    void parsesTheListInOrder() {
        Peers p = Peers.parse("m1=127.0.0.1:6001, m2=127.0.0.1:6002,m3=localhost:6003");
        assertEquals(List.of("m1", "m2", "m3"), p.ids());
        assertEquals(6002, p.port("m2"));
        assertEquals("localhost:6003", p.byId().get("m3"));
    }

    @Test
    void badListsNameTheEntryAtFault() {
        Map<String, String> cases = Map.of(
                "m1=127.0.0.1:6001,m2=127.0.0.1:6002", "at least 3",
                "m1=127.0.0.1:6001,m1=127.0.0.1:6002,m3=127.0.0.1:6003", "'m1' is listed twice",
                "m1=127.0.0.1:6001,m2=127.0.0.1:6001,m3=127.0.0.1:6003", "127.0.0.1:6001 is listed twice",
                "m1=127.0.0.1,m2=127.0.0.1:6002,m3=127.0.0.1:6003", "'127.0.0.1' of m1 is not HOST:PORT",
                "m1=127.0.0.1:70000,m2=127.0.0.1:6002,m3=127.0.0.1:6003", "port 70000 of m1",
                "127.0.0.1:6001,m2=127.0.0.1:6002,m3=127.0.0.1:6003", "'127.0.0.1:6001' is not ID=HOST:PORT",
                "m 1=127.0.0.1:6001,m2=127.0.0.1:6002,m3=127.0.0.1:6003", "id 'm 1'");
        cases.forEach((text, expected) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Peers.parse(text), text);
            assertTrue(e.getMessage().contains(expected), text + " -> " + e.getMessage());
        });
    }
}
