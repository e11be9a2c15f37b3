package org.mesocosm.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A client of a plain-http master works without the JVM's default TLS context, and can never use TLS by accident. */
class ClientSecurityTest {
    @Test
    void aPlainHttpClientTalksHttpAndRefusesHttps() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", ex -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            URI master = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            HttpClient http = ClientSecurity.NONE.configure(HttpClient.newBuilder(), master).build();
            assertSame(PlainHttpOnly.CONTEXT, http.sslContext());
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(master).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("{\"ok\":true}", r.body());
            // the same client pointed at an https URL fails instead of trusting anything
            URI tls = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThrows(Exception.class, () -> http.send(HttpRequest.newBuilder(tls).build(), HttpResponse.BodyHandlers.ofString()));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anHttpsMasterKeepsItsTrust() {
        HttpClient http = ClientSecurity.NONE.configure(HttpClient.newBuilder(), URI.create("https://master.example:5050/")).build();
        assertNotSame(PlainHttpOnly.CONTEXT, http.sslContext());
    }
}
