package io.github.aksreach.k8s.trace;

import io.github.aksreach.core.solver.HopKind;
import io.github.aksreach.core.solver.Origin;
import java.util.Objects;

/**
 * An L7 front door's hop: which controller implementation, which proxy pod, and which stage (access rules and
 * routing, or the fork over upstream endpoints).
 *
 * <pre>{@code
 * boolean atProxy = hop.origin() instanceof IngressOrigin i && i.stage() == IngressOrigin.Stage.ROUTING;
 * }</pre>
 *
 * @param controller the implementation ("ingress-nginx")
 * @param pod the proxy pod
 * @param stage access and routing, or upstreams
 */
public record IngressOrigin(String controller, PodRef pod, Stage stage) implements Origin {
  /** Where in the proxy. */
  public enum Stage {
    /** Access rules (allow/deny lists) and host/path routing. */
    ROUTING,
    /** The fork over the chosen route's upstream endpoints. */
    UPSTREAMS
  }

  public IngressOrigin {
    Objects.requireNonNull(controller);
    Objects.requireNonNull(pod);
    Objects.requireNonNull(stage);
  }

  @Override
  public HopKind kind() {
    return AksHopKind.INGRESS;
  }

  @Override
  public String label() {
    return controller + " " + pod + (stage == Stage.UPSTREAMS ? " upstreams" : "");
  }
}
