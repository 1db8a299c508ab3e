package io.github.aksreach.k8s.hops;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.k8s.trace.PodRef;
import io.github.aksreach.k8s.trace.ServiceRef;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys of the AKS graph's elements: one record per kind of hop, so an element is named by values and built from
 * them, never from a parsed string. NSG hops are {@code NsgHopKey}s whose chain is one of the chain records here.
 *
 * <pre>{@code
 * graph.element(AksKey.CLIENT);                                          // the client's entry
 * graph.element(new AksKey.Host("aks-user-28786594-vmss000001"));         // kube-proxy on a node
 * graph.element(new AksKey.External("aks-user-...", svc, 80, Protocol.TCP, AksKey.Mode.FROM_LB));
 * }</pre>
 */
public sealed interface AksKey extends ElementKey {
  /** The entry of client flows. */
  Client CLIENT = new Client(true);
  /** The port of {@link PodEntry} and {@link App} for every port of a pod that no container declares. */
  int UNDECLARED_PORT = 0;
  /**
   * The entry of client flows from sources that are neither a node nor a pod of the cluster (or that send to no
   * Service address): {@link #CLIENT} without its in-cluster short-circuit.
   */
  Client CLIENT_OUTSIDE = new Client(false);
  /** Where flows go after the client's own NSGs. */
  Dispatch DISPATCH = new Dispatch();

  /**
   * The client's entry.
   *
   * @param inCluster whether in-cluster sources are short-circuited to their own node's kube-proxy
   */
  record Client(boolean inCluster) implements AksKey {}

  /** Azure routing: LB frontends, node and pod addresses. */
  record Dispatch() implements AksKey {}

  /** Which node's kube-proxy serves an in-cluster client sending to a Service address. */
  record InClusterSources() implements AksKey {}

  /**
   * A load-balancing rule's fork over its backends.
   *
   * @param index the rule's index in the scenario's load-balancing rules
   */
  record LbRule(int index) implements AksKey {}

  /**
   * kube-proxy on a node, for flows arriving from the network.
   *
   * @param node the node's name
   */
  record Host(String node) implements AksKey {}

  /**
   * How a node's or pod's own flow to a non-Service destination leaves its node.
   *
   * @param node the node standing for every node with the same outbound NSGs
   */
  record Leave(String node) implements AksKey {}

  /** Where a flow entered kube-proxy's Service chains from. */
  enum Source {
    /** From the load balancer or a nodePort: the Service's externalTrafficPolicy applies. */
    LB,
    /** From a pod of the node: Cluster semantics, no masquerade. */
    POD,
    /** From the node itself: Cluster semantics, masquerade. */
    HOST
  }

  /**
   * A kube-proxy chain's mode: where the flow came from and, for a client pod isolated for egress, the pod whose
   * egress rules the chosen endpoint must pass.
   *
   * @param source where the flow came from
   * @param egressPod the client pod whose egress rules apply after kube-proxy picks the endpoint
   */
  record Mode(Source source, Optional<PodRef> egressPod) {
    public static final Mode FROM_LB = new Mode(Source.LB, Optional.empty());
    public static final Mode FROM_POD = new Mode(Source.POD, Optional.empty());
    public static final Mode FROM_HOST = new Mode(Source.HOST, Optional.empty());

    public Mode {
      Objects.requireNonNull(source);
      Objects.requireNonNull(egressPod);
    }

    /** The same source, with {@code pod}'s egress rules applied after the endpoint is chosen. */
    public Mode withEgressOf(PodRef pod) {
      return new Mode(source, Optional.of(pod));
    }
  }

  /**
   * kube-proxy on a node for an in-cluster client sending to a Service address.
   *
   * @param node the node's name
   * @param mode pod or node client, and its egress pod
   */
  record InCluster(String node, Mode mode) implements AksKey {}

  /**
   * kube-proxy's firewall chain ({@code loadBalancerSourceRanges}) of a Service port on a node.
   *
   * @param node the node's name
   * @param service the Service
   * @param port the Service port
   * @param protocol its protocol
   * @param mode where the flow came from
   */
  record Firewall(String node, ServiceRef service, int port, Protocol protocol, Mode mode) implements AksKey {}

  /**
   * kube-proxy's external chain of a Service port on a node: the endpoint choice, DNAT and SNAT.
   *
   * @param node the node's name
   * @param service the Service
   * @param port the Service port
   * @param protocol its protocol
   * @param mode where the flow came from
   */
  record External(String node, ServiceRef service, int port, Protocol protocol, Mode mode) implements AksKey {}

  /**
   * kube-proxy's health check server for a Service with externalTrafficPolicy Local.
   *
   * @param node the node's name
   * @param service the Service
   */
  record HealthCheck(String node, ServiceRef service) implements AksKey {}

  /**
   * kube-proxy's {@code /healthz}.
   *
   * @param node the node's name
   */
  record Healthz(String node) implements AksKey {}

  /**
   * The CNI's portmap DNAT of a container's {@code hostPort} on its node: {@code nodeIP:hostPort} to
   * {@code podIp:containerPort}, then the pod's entry.
   *
   * @param node the node's name
   * @param pod the pod
   * @param podIp the pod address of the node address's family
   * @param hostPort the hostPort on the node's address
   * @param protocol the container port's protocol (portmap maps each protocol on its own: 53/UDP and 53/TCP of one
   *     container may have different hostPorts)
   * @param containerPort the container port the hostPort maps to
   */
  record HostPort(String node, PodRef pod, IpAddress podIp, int hostPort, Protocol protocol, int containerPort)
      implements AksKey {}

  /**
   * A pod's entry: its NetworkPolicy ingress rules, then the application.
   *
   * @param pod the pod
   * @param port the destination port ({@link #UNDECLARED_PORT} for every port no container declares)
   * @param preSnat the source NetworkPolicy sees when it sees the client before kube-proxy's same-node masquerade
   */
  record PodEntry(PodRef pod, int port, Optional<IpAddress> preSnat) implements AksKey {}

  /**
   * kube-proxy's masquerade applied after a pod's NetworkPolicy saw the pre-SNAT source.
   *
   * @param pod the pod
   * @param port the destination port
   * @param snat the masquerade address
   */
  record PreSnat(PodRef pod, int port, IpAddress snat) implements AksKey {}

  /**
   * The application in a pod (a plain pod, or an L7 front door's proxy).
   *
   * @param pod the pod
   * @param port the destination port
   */
  record App(PodRef pod, int port) implements AksKey {}

  /**
   * A proxy pod answering its own health endpoint.
   *
   * @param pod the pod
   * @param port the destination port
   */
  record HealthzAnswer(PodRef pod, int port) implements AksKey {}

  /**
   * An endpoint address with no pod in the dump.
   *
   * @param address the endpoint's address
   * @param port its port
   */
  record Endpoint(IpAddress address, int port) implements AksKey {}

  /**
   * From a node to a pod: through the node's outbound and the pod's node's inbound NSGs when they differ.
   *
   * @param from the sending node
   * @param pod the destination pod
   * @param port the destination port
   */
  record CrossNode(String from, PodRef pod, int port) implements AksKey {}

  /**
   * An L7 front door's fork over the upstream endpoints of the route a request took.
   *
   * @param pod the proxy pod
   * @param port the port the request reached the proxy on (a Gateway routes per listener port)
   */
  record Upstreams(PodRef pod, int port) implements AksKey {}

  /**
   * A proxy's own answer for one share of the route a request took (a Gateway's 500 for an invalid backendRef, 503
   * for a backend with no ready endpoint).
   *
   * @param pod the proxy pod
   * @param share the share's index in the route's backends
   */
  record ProxyAnswer(PodRef pod, int share) implements AksKey {}

  /**
   * A pod's NetworkPolicy egress rules in front of {@code target}.
   *
   * @param pod the pod (the representative of its egress group)
   * @param target where allowed flows go
   */
  record Egress(PodRef pod, ElementKey target) implements AksKey {}

  /**
   * kube-proxy's masquerade, after a client pod's egress rules saw the pod's own address.
   *
   * @param node the node whose kube-proxy masquerades
   * @param to the masquerade address
   * @param target where the flow goes next
   */
  record Masquerade(String node, IpAddress to, ElementKey target) implements AksKey {}

  /**
   * The inbound NSG chain of a node, towards {@code target} (a chain of {@code NsgHopKey}s).
   *
   * @param node the node's name
   * @param target where the chain ends
   * @param publicFrontend whether the flow comes from a Standard SKU public frontend (secure by default)
   */
  record NodeInbound(String node, ElementKey target, boolean publicFrontend) implements AksKey {}

  /**
   * The outbound NSG chain of a node, towards {@code target}.
   *
   * @param node the node's name
   * @param target where the chain ends
   */
  record NodeOutbound(String node, ElementKey target) implements AksKey {}

  /**
   * The outbound NSG chain of a client NIC, towards {@link #DISPATCH}.
   *
   * @param nic the NIC's name
   */
  record ClientNic(String nic) implements AksKey {}

  /**
   * The outbound NSG chain of a client subnet, towards {@link #DISPATCH}.
   *
   * @param subnet the subnet's name
   */
  record ClientSubnet(String subnet) implements AksKey {}

  /**
   * The NSG chain of one subnet (its NSG alone, no NIC), towards {@code target}: an Application Gateway for Containers
   * association subnet, inbound from clients and outbound to the pods.
   *
   * @param subnet the subnet's resource id
   * @param inbound the direction
   * @param target where the chain ends
   */
  record SubnetNsg(String subnet, boolean inbound, ElementKey target) implements AksKey {}

  /**
   * An Application Gateway for Containers frontend taking a flow on a listener port (the address its NSG sees, per
   * {@code GatewayOptions.agcNsgDestination}), before the association subnet's NSG.
   *
   * @param namespace the Gateway's namespace
   * @param gateway the Gateway's name
   * @param port the listener port
   */
  record AgcEntry(String namespace, String gateway, int port) implements AksKey {}

  /**
   * An Application Gateway for Containers proxy: the request's listener and route (404, 500, a 3xx, or on).
   *
   * @param namespace the Gateway's namespace
   * @param gateway the Gateway's name
   * @param port the listener port
   */
  record AgcProxy(String namespace, String gateway, int port) implements AksKey {}

  /**
   * An Application Gateway for Containers proxy's fork over the winning rule's backends, sent directly to pod
   * addresses.
   *
   * @param namespace the Gateway's namespace
   * @param gateway the Gateway's name
   * @param port the listener port
   */
  record AgcBackends(String namespace, String gateway, int port) implements AksKey {}

  /**
   * An answer an Application Gateway for Containers proxy gives, or a drop on its way to one backend: a share it
   * cannot send (500 for an invalid backendRef, 503 with no ready endpoint), or an endpoint pod it has no route to.
   *
   * @param namespace the Gateway's namespace
   * @param gateway the Gateway's name
   * @param port the listener port
   * @param what which share or endpoint
   */
  record AgcAnswer(String namespace, String gateway, int port, String what) implements AksKey {}

  /**
   * Application Gateway for Containers' health probe to one endpoint pod: from AGC's address in the association subnet
   * through that subnet's outbound NSG, the pod's node's inbound NSGs and the pod's NetworkPolicies.
   *
   * @param namespace the Gateway's namespace
   * @param gateway the Gateway's name
   * @param pod the probed pod
   * @param port the probed port
   */
  record AgcProbe(String namespace, String gateway, PodRef pod, int port) implements AksKey {}
}
