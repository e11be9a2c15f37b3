package org.mesocosm.runtime.live;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * One HTTP exchange without a socket: the request as the JDK server would hand it to a handler
 * (method, URI, headers, body), and the answer captured. The transport of the API fuzz test lives
 * here alone, so a change of transport (TLS, auth headers) is adapted in this one place.
 */
final class InProcessExchange extends HttpExchange {
    private final String method;
    private final URI uri;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final InputStream body;
    private final ByteArrayOutputStream response = new ByteArrayOutputStream();
    private final Map<String, Object> attributes = new HashMap<>();
    private int status = -1;
    private boolean closed;

    InProcessExchange(String method, URI uri, byte[] body) {
        this.method = method;
        this.uri = uri;
        this.body = new ByteArrayInputStream(body);
        if (body.length > 0 || method.equals("POST")) requestHeaders.set("Content-Length", Integer.toString(body.length));
        requestHeaders.set("Content-Type", "application/json"); // as every client of the API sends (a mutation without it is a 415)
    }

    Headers headers() { return requestHeaders; }

    /** The status sent, or -1 when the handler sent none. */
    int status() { return status; }

    byte[] responseBody() { return response.toByteArray(); }

    boolean closed() { return closed; }

    @Override public Headers getRequestHeaders() { return requestHeaders; }

    @Override public Headers getResponseHeaders() { return responseHeaders; }

    @Override public URI getRequestURI() { return uri; }

    @Override public String getRequestMethod() { return method; }

    @Override public HttpContext getHttpContext() { return null; }

    @Override public void close() { closed = true; }

    @Override public InputStream getRequestBody() { return body; }

    @Override public OutputStream getResponseBody() { return response; }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) {
        if (status != -1) throw new IllegalStateException("headers already sent");
        status = rCode;
    }

    @Override public InetSocketAddress getRemoteAddress() { return new InetSocketAddress("127.0.0.1", 40000); }

    @Override public int getResponseCode() { return status; }

    @Override public InetSocketAddress getLocalAddress() { return new InetSocketAddress("127.0.0.1", 8080); }

    @Override public String getProtocol() { return "HTTP/1.1"; }

    @Override public Object getAttribute(String name) { return attributes.get(name); }

    @Override public void setAttribute(String name, Object value) { attributes.put(name, value); }

    @Override public void setStreams(InputStream i, OutputStream o) { throw new UnsupportedOperationException(); }

    @Override public HttpPrincipal getPrincipal() { return null; }
}
