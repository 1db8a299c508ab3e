package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.nsg.model.Provenance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An EndpointSlice (or a legacy {@code Endpoints} subset converted to the same shape): the endpoints of one Service,
 * with their ports.
 *
 * <pre>{@code
 * EndpointSlice s = EndpointSlice.builder().namespace("default").name("simpleapi-g7x2p").serviceName("simpleapi")
 *     .addressType(AddressType.IPV4)
 *     .addEndpoints(SliceEndpoint.builder().addAddresses(IpAddress.of("10.244.1.5")).build())
 *     .addPorts(EndpointPort.builder().name("http").port(8080).build())
 *     .build();
 * cluster.endpointsOf(service, service.port("http").get());   // resolves slices like this one
 * }</pre>
 */
@Value.Immutable
abstract class AbstractEndpointSlice {
  /** The label that ties a slice to its Service. */
  public static final String LABEL_SERVICE_NAME = "kubernetes.io/service-name";

  public abstract String namespace();

  public abstract String name();

  /** The Service this slice belongs to (label {@value #LABEL_SERVICE_NAME}; for legacy Endpoints their name). */
  public abstract Optional<String> serviceName();

  public abstract Map<String, String> labels();

  @Value.Default
  public AddressType addressType() {
    return AddressType.IPV4;
  }

  public abstract List<SliceEndpoint> endpoints();

  public abstract List<EndpointPort> ports();

  /** Converted from a legacy {@code v1/Endpoints} object rather than read as an EndpointSlice. */
  @Value.Default
  public boolean fromLegacyEndpoints() {
    return false;
  }

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty() || namespace().isEmpty()) {
      throw new InvalidModelException("endpoint slice namespace and name must not be empty");
    }
  }

  public String key() {
    return namespace() + "/" + name();
  }
}
