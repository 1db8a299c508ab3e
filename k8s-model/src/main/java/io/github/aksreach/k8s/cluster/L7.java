package io.github.aksreach.k8s.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a flow carries above layer 4, fixed for a whole question: nothing (layer-4 reachability: delivered at the
 * Service's pod, an ingress controller included), an HTTP request (followed through the ingress controller or Gateway
 * to the backend pod), or a health probe's request.
 *
 * <pre>{@code
 * L7.http("demoapi.eyskens.corp", "/weatherforecast");
 * L7.http("app.example.com", "/").withHeader(new HttpHeader("X-Forwarded-For", "192.168.1.4"));   // spoofing
 * L7.probe("/healthz");   // an Azure LB HTTP probe: no Host header that matches an Ingress
 * L7.none();
 * }</pre>
 *
 * @param http whether the flow is an HTTP request
 * @param host the Host header, if any
 * @param path the request path
 * @param probe whether this is a load balancer's health probe
 * @param headers the other request headers the client sends, in order (an Azure load balancer adds none)
 */
public record L7(boolean http, Optional<String> host, String path, boolean probe, List<HttpHeader> headers) {
  public L7 {
    headers = List.copyOf(headers);
  }

  public static L7 none() {
    return new L7(false, Optional.empty(), "/", false, List.of());
  }

  public static L7 http(String host, String path) {
    return new L7(true, Optional.ofNullable(host), path == null ? "/" : path, false, List.of());
  }

  public static L7 probe(String path) {
    return new L7(true, Optional.empty(), path, true, List.of());
  }

  /** This request with one more header. */
  public L7 withHeader(HttpHeader h) {
    List<HttpHeader> hs = new ArrayList<>(headers);
    hs.add(h);
    return new L7(http, host, path, probe, hs);
  }

  /** This request with these headers (replacing any). */
  public L7 withHeaders(List<HttpHeader> hs) {
    return new L7(http, host, path, probe, hs);
  }

  /** The first value of header {@code name} (case-insensitive). */
  public Optional<String> header(String name) {
    return headers.stream().filter(h -> h.is(name)).map(HttpHeader::value).findFirst();
  }
}
