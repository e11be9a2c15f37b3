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

    @Test
    void aMasterBindsAtItsPeersAddressUnlessToldToListenElsewhere() {
        Peers p = Peers.parse("m1=10.0.0.1:6001,m2=10.0.0.2:6001,m3=[fd00::3]:6001");
        assertEquals("10.0.0.1:6001", p.listen("m1"));
        assertEquals("10.0.0.1", p.listenHost("m1"));
        assertEquals(6001, p.listenPort("m1"));
        assertEquals("fd00::3", p.listenHost("m3"), "an IPv6 literal binds without its brackets");

        Peers behindNat = p.listening("m2", "0.0.0.0:7002");
        assertEquals("0.0.0.0", behindNat.listenHost("m2"));
        assertEquals(7002, behindNat.listenPort("m2"));
        assertEquals(6001, behindNat.port("m2"), "the others still dial m2 at its --peers address");
        assertEquals("10.0.0.2:6001", behindNat.byId().get("m2"));
        assertEquals("10.0.0.1:6001", behindNat.listen("m1"), "only m2 listens elsewhere");
        assertEquals("::1", p.listening("m1", "[::1]:6001").listenHost("m1"));
    }

    @Test
    void aBadListenAddressNamesTheOption() {
        Peers p = Peers.parse("m1=127.0.0.1:6001,m2=127.0.0.1:6002,m3=127.0.0.1:6003");
        Map<String, String> cases = Map.of(
                "127.0.0.1", "--peer-listen: address '127.0.0.1' is not HOST:PORT",
                "127.0.0.1:0", "--peer-listen: port 0 is not 1-65535",
                "127.0.0.1:99999", "--peer-listen: port 99999 is not 1-65535",
                "http://127.0.0.1:6001", "--peer-listen: address 'http://127.0.0.1:6001' is not HOST:PORT",
                " ", "--peer-listen: give HOST:PORT");
        cases.forEach((text, expected) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.listening("m1", text), text);
            assertTrue(e.getMessage().contains(expected), text + " -> " + e.getMessage());
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.listening("m9", "127.0.0.1:7001"));
        assertTrue(e.getMessage().contains("--peer-listen: m9 is not among --peers"), e.getMessage());
    }
}
