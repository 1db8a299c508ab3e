package io.github.aksreach.k8s.l7;

import io.github.aksreach.core.solver.Element;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.hops.Hops;
import io.github.aksreach.k8s.model.Pod;

/**
 * An L7 front door (an ingress controller, a Gateway's proxy): what happens to an HTTP request that reached one of
 * its proxy pods. The graph asks {@link #proxies} of every front door for a pod a flow is delivered to; the one that
 * proxies it builds the proxy's element (access rules, routing, answers it gives itself) and the fork over the
 * chosen route's upstream endpoints. Requests come from {@link Hops#l7()}.
 *
 * <pre>{@code
 * FrontDoor nginx = new NginxFrontDoor(net);
 * if (nginx.proxies(pod)) {
 *   Element atProxy = nginx.proxy(new AksKey.App(PodRef.of(pod), 80), pod, 80, hops);   // 403, 404, or on
 *   Element fork = nginx.upstreams(new AksKey.Upstreams(PodRef.of(pod), 80), pod, hops);     // to the backend pods
 * }
 * }</pre>
 */
public interface FrontDoor {
  /** Whether {@code pod} runs one of this front door's proxies. */
  boolean proxies(Pod pod);

  /**
   * The proxy's element for the request at {@code pod}'s {@code port}: allowed requests continue to
   * {@link AksKey.Upstreams} of the pod (or to an answer the proxy gives itself); refused ones are dropped with
   * their HTTP status.
   */
  Element proxy(AksKey.App key, Pod pod, int port, Hops hops);

  /** The fork over the upstream endpoints of the route the request took, from the proxy pod's address. */
  Element upstreams(AksKey.Upstreams key, Pod pod, Hops hops);
}
