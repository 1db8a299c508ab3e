package io.github.aksreach.k8s.aks;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.gateway.AgcProbe;
import java.util.Optional;

/**
 * The health of one endpoint behind an Application Gateway for Containers Gateway, as AGC's probe finds it: the probe
 * ({@link AgcProbe}: a HealthCheckPolicy's, the pod's readiness probe, or the default {@code GET /}) traced from AGC's
 * address in the association subnet through that subnet's outbound NSG, the node's NSGs and the pod's NetworkPolicies,
 * then answered (or not) by the application. A DOWN endpoint gets no traffic from AGC.
 *
 * <pre>{@code
 * for (AgcBackendHealth b : analysis.agcHealth()) {
 *   System.out.println(b.gateway() + " " + b.service() + " " + b.address() + ":" + b.port() + " " + b.state()
 *       + ": " + b.reason());
 * }
 * // gateway/web-agc default/app 10.10.1.30:8080 DOWN: NETWORK_POLICY at ... refuses the probe from 10.10.5.4
 * }</pre>
 *
 * @param gateway the Gateway, {@code namespace/name}
 * @param service the backend Service, {@code namespace/name}
 * @param address the endpoint address
 * @param port the endpoint port (the traffic's)
 * @param probe the probe AGC sends
 * @param state UP (AGC sends to it) or DOWN
 * @param reason why, in words
 * @param probeFlow the probe flow traced, when traced
 * @param verdict its verdict (paths and typed hops), when traced
 */
public record AgcBackendHealth(String gateway, String service, IpAddress address, int port, AgcProbe probe,
                               BackendHealth.State state, String reason, Optional<Flow> probeFlow,
                               Optional<Verdict> verdict) {}
