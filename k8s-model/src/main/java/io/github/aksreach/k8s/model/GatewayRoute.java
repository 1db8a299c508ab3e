package io.github.aksreach.k8s.model;

import io.github.aksreach.nsg.model.Provenance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What every Gateway API route kind shares for attachment: where it lives, which parents it names, its hostnames and
 * its age (the precedence tie-breaks of GWAPI section 2.4 use both).
 *
 * <pre>{@code
 * GatewayRoute r = HttpRoute.builder().namespace("app").name("web")
 *     .addParentRefs(ParentRef.gateway("gw", "infra")).addHostnames("www.example.com").build();
 * r.kind();                        // "HTTPRoute"
 * r.parentRefs().get(0).namespaceOr(r.namespace());   // "infra"
 * }</pre>
 */
public interface GatewayRoute {
  /** The API kind ({@code HTTPRoute}, {@code GRPCRoute}). */
  String kind();

  String namespace();

  String name();

  List<ParentRef> parentRefs();

  /** {@code spec.hostnames}; empty means any hostname (R2.5). */
  List<String> hostnames();

  Optional<Instant> creationTimestamp();

  Optional<Provenance> provenance();

  /** {@code namespace/name}. */
  default String key() {
    return namespace() + "/" + name();
  }

  default ObjectRef ref() {
    return ObjectRef.of(kind(), namespace(), name());
  }
}
