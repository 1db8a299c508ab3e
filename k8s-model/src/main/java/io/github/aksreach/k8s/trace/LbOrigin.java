package io.github.aksreach.k8s.trace;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.HopKind;
import io.github.aksreach.core.solver.Origin;
import java.util.Optional;

/**
 * A load-balancing rule's hop: which load balancer, frontend, rule and probe.
 *
 * <pre>{@code
 * if (hop.origin() instanceof LbOrigin lb) {
 *   System.out.println(lb.frontendIp() + ":" + lb.frontendPort() + " " + lb.rule());
 * }
 * }</pre>
 *
 * @param loadBalancer the load balancer's name
 * @param frontendIp the frontend address
 * @param frontendPort the frontend port (0: every port, HA ports)
 * @param rule the load-balancing rule's name
 * @param probe the rule's probe's name, if it has one
 */
public record LbOrigin(String loadBalancer, IpAddress frontendIp, int frontendPort, String rule,
                       Optional<String> probe) implements Origin {
  @Override
  public HopKind kind() {
    return AksHopKind.LOAD_BALANCER;
  }

  @Override
  public String label() {
    return "load balancer " + loadBalancer + " " + frontendIp + ":" + frontendPort + " (rule " + rule + ")";
  }
}
