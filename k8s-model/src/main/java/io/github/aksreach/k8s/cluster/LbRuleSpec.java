package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.ProtocolSet;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.nsg.model.Frontend;
import io.github.aksreach.nsg.model.LbRule;
import io.github.aksreach.nsg.model.LbSku;
import io.github.aksreach.nsg.model.LoadBalancer;
import io.github.aksreach.nsg.model.NoHealthyBackendsBehavior;
import io.github.aksreach.nsg.model.Probe;
import java.util.List;
import java.util.Optional;

/**
 * One load-balancing rule of the Azure model ({@link LbRule}, its {@link LoadBalancer}, {@link Frontend} and
 * {@link Probe}, with every setting resolved: scenario.yaml, then the dump, then the default), bound to what it
 * serves in the cluster: the backend pool's nodes and the Service port it was derived from or whose frontend it uses.
 * Whether the rule was dumped ({@code az network lb}) or derived as cloud-provider-azure writes it, the values are
 * the same types.
 *
 * <pre>{@code
 * LbRuleSpec r = balancing.rules().get(0);
 * r.loadBalancerName();  // "kubernetes-internal"
 * r.protocols();         // tcp (a rule with protocol All: tcp, udp, sctp)
 * r.frontendPorts();     // 80 (HA ports: every port)
 * r.backends().size();   // eligible nodes
 * }</pre>
 *
 * @param balancer the load balancer, with its SKU resolved ({@code kubernetes} or {@code kubernetes-internal} when
 *     derived)
 * @param rule the rule
 * @param frontend the rule's frontend IP configuration
 * @param frontendIp the frontend's address (private, else public)
 * @param probe the rule's probe, with its {@code noHealthyBackendsBehavior} resolved
 * @param backends the backend pool's nodes
 * @param service the Service the rule was derived from, or whose frontend IP it serves
 * @param servicePort the Service port the rule was derived from, or that its frontend port and protocol name
 * @param derived whether cloud-provider-azure's derivation wrote the rule (else it was dumped)
 */
public record LbRuleSpec(LoadBalancer balancer, LbRule rule, Frontend frontend, IpAddress frontendIp,
                         Optional<Probe> probe, List<Node> backends, Optional<Service> service,
                         Optional<ServicePort> servicePort, boolean derived) {
  public LbRuleSpec {
    backends = List.copyOf(backends);
  }

  /** The rule's name. */
  public String name() {
    return rule.name();
  }

  /** The load balancer's name. */
  public String loadBalancerName() {
    return balancer.name();
  }

  /** The transport protocols the rule forwards (protocol {@code All}: TCP, UDP and SCTP). */
  public ProtocolSet protocols() {
    return rule.protocols();
  }

  /** The frontend port; 0 = every port (HA ports). */
  public int frontendPort() {
    return rule.frontendPort();
  }

  /** The destination ports the rule matches. */
  public PortSet frontendPorts() {
    return rule.frontendPorts();
  }

  /** The backend port (the Service port with floating IP, else the nodePort); 0 = the flow's own port. */
  public int backendPort() {
    return rule.backendPort();
  }

  /** Whether floating IP (DSR) is on. */
  public boolean floatingIp() {
    return rule.enableFloatingIp();
  }

  /** Whether the frontend is private. */
  public boolean internal() {
    return frontend.privateIp().isPresent();
  }

  /** The load balancer's SKU (resolved: always present). */
  public LbSku sku() {
    return balancer.sku().orElse(LbSku.STANDARD);
  }

  /**
   * Whether the frontend is closed unless an NSG opens it: a public frontend of a Standard load balancer (DOMAIN.md
   * 2.6). Basic load balancers and internal frontends are open by default.
   */
  public boolean secureByDefault() {
    return !internal() && sku() == LbSku.STANDARD;
  }

  /** What the load balancer does when every backend is probed down (a rule without probe never gets there). */
  public NoHealthyBackendsBehavior noHealthyBackendsBehavior() {
    return probe.map(Probe::noHealthyBackendsBehavior).orElse(NoHealthyBackendsBehavior.ALL_PROBED_DOWN);
  }
}
