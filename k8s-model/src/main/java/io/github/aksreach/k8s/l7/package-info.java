/**
 * The L7 front door: the interface every ingress implementation (ingress-nginx today, the Gateway API next) offers the
 * graph, so a request is followed from the proxy pod to the backend pods the same way whoever proxies it.
 *
 * <pre>{@code
 * for (FrontDoor f : frontDoors) {
 *   if (f.proxies(pod)) return f.proxy(key, pod, port, hops);
 * }
 * }</pre>
 */
@NullMarked
package io.github.aksreach.k8s.l7;

import org.jspecify.annotations.NullMarked;
