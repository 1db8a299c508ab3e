package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import java.util.List;
import java.util.Optional;

/**
 * One load-balancing rule with its frontend, probe and backends: what the Azure load balancer does with flows to
 * {@code frontendIp:frontendPort}.
 *
 * <pre>{@code
 * LbRuleSpec r = balancing.rules().get(0);
 * r.describe();          // "kubernetes-internal/a1b2...-ingress-TCP-80 192.168.0.22:80/tcp -> backend 80 (floating IP)"
 * r.backends().size();   // eligible nodes
 * }</pre>
 *
 * @param loadBalancer the load balancer's name ({@code kubernetes} or {@code kubernetes-internal} when derived)
 * @param name the rule's name
 * @param frontendIp the frontend address
 * @param protocol the rule's protocol
 * @param frontendPort the frontend port
 * @param backendPort the backend port (the Service port with floating IP, else the nodePort)
 * @param floatingIp whether floating IP (DSR) is on
 * @param probe the rule's probe, if any
 * @param backends the backend pool's nodes
 * @param service the Service the rule was derived from
 * @param servicePort the Service port the rule was derived from
 * @param internal whether the frontend is private
 */
public record LbRuleSpec(String loadBalancer, String name, IpAddress frontendIp, Protocol protocol, int frontendPort,
                         int backendPort, boolean floatingIp, Optional<ProbeSpec> probe, List<Node> backends,
                         Optional<Service> service, Optional<ServicePort> servicePort, boolean internal) {
  public LbRuleSpec {
    backends = List.copyOf(backends);
  }

  public String describe() {
    return loadBalancer + "/" + name + " " + frontendIp + ":" + frontendPort + "/" + protocol + " -> backend "
        + backendPort + (floatingIp ? " (floating IP)" : " (no floating IP)");
  }
}
