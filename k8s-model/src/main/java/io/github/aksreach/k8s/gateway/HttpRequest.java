package io.github.aksreach.k8s.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a gateway listener sees it: the listener port, the Host header (or {@code :authority}), the
 * SNI for HTTPS, method, path with query string, and headers in order.
 *
 * <pre>{@code
 * HttpRequest r = HttpRequest.get(80, "www.example.com", "/app?animal=whale")
 *     .withHeader("X-Forwarded-For", "203.0.113.7");
 * r.pathOnly();                 // "/app"
 * r.queryParam("animal");       // Optional[whale]
 * r.header("x-forwarded-for");  // Optional[203.0.113.7]: names are case-insensitive
 * }</pre>
 *
 * @param port the destination (listener) port
 * @param host the Host header as sent (a port in it is ignored for routing, not for Istio's {@code hosts})
 * @param sni the TLS server name, for HTTPS
 * @param method the HTTP method
 * @param path the request target: path and optional {@code ?query}
 * @param headers the headers in order (name, value); repeated names allowed
 */
public record HttpRequest(int port, String host, Optional<String> sni, String method, String path,
    List<Map.Entry<String, String>> headers) {
  public HttpRequest {
    if (host == null || sni == null || method == null || path == null || headers == null) {
      throw new IllegalArgumentException("HttpRequest fields must not be null");
    }
    headers = List.copyOf(headers);
  }

  /** A GET without extra headers. */
  public static HttpRequest get(int port, String host, String path) {
    return new HttpRequest(port, host, Optional.empty(), "GET", path, List.of());
  }

  public HttpRequest withHeader(String name, String value) {
    List<Map.Entry<String, String>> h = new ArrayList<>(headers);
    h.add(Map.entry(name, value));
    return new HttpRequest(port, host, sni, method, path, h);
  }

  public HttpRequest withMethod(String m) {
    return new HttpRequest(port, host, sni, m, path, headers);
  }

  public HttpRequest withSni(String s) {
    return new HttpRequest(port, host, Optional.of(s), method, path, headers);
  }

  /** The path without the query string. */
  public String pathOnly() {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  /** The query string after {@code ?}, or empty. */
  public String query() {
    int q = path.indexOf('?');
    return q < 0 ? "" : path.substring(q + 1);
  }

  /** The first value of a header (names compared case-insensitively). */
  public Optional<String> header(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return headers.stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(n)).map(Map.Entry::getValue)
        .findFirst();
  }

  /** The first value of a query parameter (names compared exactly, R2.16), URL-decoded. */
  public Optional<String> queryParam(String name) {
    for (String part : query().split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = decode(eq < 0 ? part : part.substring(0, eq));
      if (k.equals(name)) {
        return Optional.of(eq < 0 ? "" : decode(part.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  @Override
  public String toString() {
    return method + " " + host + ":" + port + path;
  }
}
