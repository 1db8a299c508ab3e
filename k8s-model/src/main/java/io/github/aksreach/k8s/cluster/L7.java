package io.github.aksreach.k8s.cluster;

import io.github.aksreach.k8s.cluster.L7;
import java.util.Optional;

/**
 * What a flow carries above layer 4, fixed for a whole question: nothing (layer-4 reachability: delivered at the
 * Service's pod, an ingress controller included), an HTTP request (followed through the ingress controller to the
 * backend pod), or a health probe's request.
 *
 * <pre>{@code
 * L7.http("demoapi.eyskens.corp", "/weatherforecast");
 * L7.probe("/healthz");   // an Azure LB HTTP probe: no Host header that matches an Ingress
 * L7.none();
 * }</pre>
 *
 * @param http whether the flow is an HTTP request
 * @param host the Host header, if any
 * @param path the request path
 * @param probe whether this is a load balancer's health probe
 */
public record L7(boolean http, Optional<String> host, String path, boolean probe) {
  public static L7 none() {
    return new L7(false, Optional.empty(), "/", false);
  }

  public static L7 http(String host, String path) {
    return new L7(true, Optional.ofNullable(host), path == null ? "/" : path, false);
  }

  public static L7 probe(String path) {
    return new L7(true, Optional.empty(), path, true);
  }
}
