package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.IpAddress;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One endpoint of an EndpointSlice: its addresses, its conditions, and where it runs.
 *
 * <pre>{@code
 * SliceEndpoint e = SliceEndpoint.builder().addAddresses(IpAddress.of("10.244.1.5"))
 *     .nodeName("aks-user-28786594-vmss000001")
 *     .targetRef(ObjectRef.of("Pod", "default", "simpleapi-7d9c8b6f4d-9xkqv"))
 *     .build();
 * e.ready();         // true
 * e.terminating();   // false
 * }</pre>
 *
 * <p>Conditions are resolved as kube-proxy reads them: a missing {@code ready} or {@code serving} is true, a missing
 * {@code terminating} is false.
 */
@Value.Immutable
abstract class AbstractSliceEndpoint {
  public abstract List<IpAddress> addresses();

  @Value.Default
  public boolean ready() {
    return true;
  }

  @Value.Default
  public boolean serving() {
    return true;
  }

  @Value.Default
  public boolean terminating() {
    return false;
  }

  public abstract Optional<String> nodeName();

  public abstract Optional<ObjectRef> targetRef();

  public abstract Optional<String> zone();

  public abstract Optional<String> hostname();
}
