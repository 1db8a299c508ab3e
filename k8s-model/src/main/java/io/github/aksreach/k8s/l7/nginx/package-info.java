/**
 * ingress-nginx as an L7 front door: the NGINX pods' access rules and host/path routing for the request, and the fork
 * over the chosen Ingress backend's upstream endpoints, from the NGINX pod's address.
 *
 * <pre>{@code
 * FrontDoor nginx = new NginxFrontDoor(net);
 * nginx.proxies(pod);   // true for an ingress-nginx controller pod
 * }</pre>
 */
@NullMarked
package io.github.aksreach.k8s.l7.nginx;

import org.jspecify.annotations.NullMarked;
