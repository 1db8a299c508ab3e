package io.github.aksreach.k8s.trace;

import io.github.aksreach.core.solver.HopKind;
import io.github.aksreach.core.solver.Origin;
import java.util.Objects;

/**
 * An Application Gateway for Containers hop (DOMAIN-GATEWAY 4.6): which Gateway, and which stage of AGC's data path
 * (the frontend taking the flow, the proxy routing the request, or the fork over the backends it sends to directly).
 *
 * <pre>{@code
 * if (hop.origin() instanceof AgcOrigin a && a.stage() == AgcOrigin.Stage.BACKENDS) {
 *   hop.seen(flow).srcIp();   // the AGC proxy's address in the association subnet, as the pods see it
 * }
 * }</pre>
 *
 * @param namespace the Gateway's namespace
 * @param gateway the Gateway's name
 * @param stage the stage
 */
public record AgcOrigin(String namespace, String gateway, Stage stage) implements Origin {
  /** Where in AGC. */
  public enum Stage {
    /** The frontend taking the client's flow (before the association subnet's NSG). */
    FRONTEND,
    /** The proxy: listener and route selection, answers AGC gives itself (404, 500, 3xx). */
    PROXY,
    /** The fork over the winning rule's weighted backends, sent to pod addresses. */
    BACKENDS,
    /** AGC's health probe to one endpoint pod (sent from its address in the association subnet). */
    PROBE
  }

  public AgcOrigin {
    Objects.requireNonNull(namespace);
    Objects.requireNonNull(gateway);
    Objects.requireNonNull(stage);
  }

  @Override
  public HopKind kind() {
    return AksHopKind.INGRESS;
  }

  @Override
  public String label() {
    return "Gateway " + namespace + "/" + gateway + " (Application Gateway for Containers) "
        + stage.name().toLowerCase(java.util.Locale.ROOT);
  }
}
