package io.github.aksreach.k8s.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One rule of an Ingress: an optional host (exact or {@code *.wildcard}) and its paths.
 *
 * <pre>{@code
 * IngressRule r = IngressRule.builder().host("demoapi.eyskens.corp").addPaths(path).build();
 * }</pre>
 */
@Value.Immutable
abstract class AbstractIngressRule {
  /** The host; empty matches every host. */
  public abstract Optional<String> host();

  public abstract List<IngressPath> paths();
}
