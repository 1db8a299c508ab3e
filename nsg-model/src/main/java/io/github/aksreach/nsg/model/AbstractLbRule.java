package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.ProtocolSet;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A load-balancing rule: frontend IP and port to backend pool and port.
 *
 * <pre>{@code
 * LbRule r = LbRule.builder().name("a2ec-TCP-80").frontendId(fe.id().get())
 *     .addBackendPoolIds(pool.id().get()).protocol(LbProtocol.TCP).frontendPort(80).backendPort(80)
 *     .enableFloatingIp(true).probeId(probe.id().get()).build();
 * }</pre>
 *
 * <p>Important notes: with floating IP the packet reaches the backend NIC with destination = frontend IP and
 * frontend port; without it, destination = NIC address and {@link #backendPort()}. The load balancer never changes
 * the source of inbound flows. Port 0 means "any port" on either side: an HA-ports rule ({@code All}, frontend and
 * backend port 0) forwards every TCP and UDP flow to the frontend with its destination port unchanged
 * ({@link #backendPortFor(int)}).
 */
@Value.Immutable
abstract class AbstractLbRule {
  public abstract String name();

  public abstract Optional<ResourceId> id();

  public abstract ResourceId frontendId();

  /** {@code backendAddressPool} and {@code backendAddressPools}. */
  public abstract List<ResourceId> backendPoolIds();

  public abstract LbProtocol protocol();

  /** 0 means every port (HA ports). */
  public abstract int frontendPort();

  public abstract int backendPort();

  @Value.Default
  public boolean enableFloatingIp() {
    return false;
  }

  public abstract Optional<ResourceId> probeId();

  @Value.Default
  public LoadDistribution loadDistribution() {
    return LoadDistribution.DEFAULT;
  }

  public abstract Optional<Integer> idleTimeoutInMinutes();

  @Value.Default
  public boolean enableTcpReset() {
    return false;
  }

  @Value.Default
  public boolean disableOutboundSnat() {
    return false;
  }

  /** The transport protocols the rule forwards ({@code All}: TCP, UDP and SCTP). */
  public ProtocolSet protocols() {
    return protocol().transport();
  }

  /** The destination ports the rule matches on its frontend: {@link #frontendPort()}, or every port when it is 0. */
  public PortSet frontendPorts() {
    return frontendPort() == 0 ? PortSet.all() : PortSet.of(frontendPort());
  }

  /** Whether this is an HA-ports rule: protocol {@code All}, frontend and backend port 0. */
  public boolean haPorts() {
    return protocol() == LbProtocol.ALL && frontendPort() == 0 && backendPort() == 0;
  }

  /** The port a flow to frontend port {@code port} reaches the backend on: {@link #backendPort()}, or 0 = unchanged. */
  public int backendPortFor(int port) {
    return backendPort() == 0 ? port : backendPort();
  }

  @Value.Check
  void check() {
    if (frontendPort() < 0 || frontendPort() > 65535 || backendPort() < 0 || backendPort() > 65535) {
      throw new InvalidModelException("load-balancing rule " + name() + ": port out of range 0-65535");
    }
  }
}
