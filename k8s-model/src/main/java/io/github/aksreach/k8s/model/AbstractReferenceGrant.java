package io.github.aksreach.k8s.model;

import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.core.model.InvalidModelException;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Gateway API {@code ReferenceGrant} (R2.29): lives in the <em>target</em> namespace and permits references from
 * the listed kinds in the listed namespaces to the listed kinds (and names) here.
 *
 * <pre>{@code
 * ReferenceGrant g = ReferenceGrant.builder().namespace("backends").name("from-app")
 *     .addFrom(new ReferenceGrant.From(ParentRef.GATEWAY_GROUP, "HTTPRoute", "app"))
 *     .addTo(new ReferenceGrant.To("", "Service", Optional.empty()))
 *     .build();
 * g.permits(ParentRef.GATEWAY_GROUP, "HTTPRoute", "app", "", "Service", "web");   // true
 * }</pre>
 */
@Value.Immutable
public abstract class AbstractReferenceGrant {
  public abstract String namespace();

  public abstract String name();

  public abstract List<From> from();

  public abstract List<To> to();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty() || namespace().isEmpty()) {
      throw new InvalidModelException("ReferenceGrant namespace and name must not be empty");
    }
  }

  /**
   * Whether a reference from an object of {@code fromGroup/fromKind} in {@code fromNamespace} to the object
   * {@code toGroup/toKind/toName} in this grant's namespace is permitted (every field must match exactly).
   */
  public boolean permits(String fromGroup, String fromKind, String fromNamespace, String toGroup, String toKind,
      String toName) {
    boolean fromOk = from().stream().anyMatch(f -> f.group().equals(fromGroup) && f.kind().equals(fromKind)
        && f.namespace().equals(fromNamespace));
    boolean toOk = to().stream().anyMatch(t -> t.group().equals(toGroup) && t.kind().equals(toKind)
        && t.name().map(toName::equals).orElse(true));
    return fromOk && toOk;
  }

  public String key() {
    return namespace() + "/" + name();
  }

  @Override
  public String toString() {
    return "ReferenceGrant " + key();
  }

  /**
   * {@code spec.from[]}.
   *
   * @param group the referring kind's group ({@value ParentRef#GATEWAY_GROUP} for routes)
   * @param kind the referring kind
   * @param namespace the referring namespace
   */
  public record From(String group, String kind, String namespace) {
    public From {
      if (group == null || kind == null || namespace == null) {
        throw new IllegalArgumentException("From fields must not be null");
      }
    }
  }

  /**
   * {@code spec.to[]}.
   *
   * @param group the target kind's group (empty for core)
   * @param kind the target kind
   * @param name the one object permitted; empty permits every object of the kind
   */
  public record To(String group, String kind, Optional<String> name) {
    public To {
      if (group == null || kind == null || name == null) {
        throw new IllegalArgumentException("To fields must not be null");
      }
    }
  }
}
