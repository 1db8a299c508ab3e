package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.nsg.model.ResourceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code scenario.yaml}'s {@code network.agcFrontends}: what no dump carries about an Application Gateway
 * for Containers frontend (DOMAIN-GATEWAY 4.6). An AGC frontend is an Azure FQDN (the Gateway's
 * {@code status.addresses}, {@code az network alb frontend show}'s {@code fqdn}); the addresses DNS answers for it are
 * not in any resource, so the user states them. A bring-your-own deployment's association subnet lives in Azure
 * ({@code az network alb association list}, {@code subnet.id}), not in the cluster: stated here too.
 *
 * <pre>{@code
 * # scenario.yaml
 * network:
 *   agcFrontends:
 *     - gateway: web/web-agc                      # or: fqdn: abc123.fz45.alb.azure.com
 *       addresses: [20.61.10.5]                   # what DNS answers for the frontend
 *       association: /subscriptions/.../subnets/subnet-alb   # bring-your-own only
 * }</pre>
 *
 * @param gateway the Gateway ({@code namespace/name}) whose frontend this is, or empty when named by FQDN
 * @param fqdn the frontend's FQDN as the Gateway's {@code status.addresses} shows it, or empty when named by Gateway
 * @param addresses the frontend's addresses (non-empty)
 * @param association the association subnet of a bring-your-own AGC, when stated
 */
public record AgcFrontend(Optional<String> gateway, Optional<String> fqdn, List<IpAddress> addresses,
    Optional<ResourceId> association) {
  public AgcFrontend {
    Objects.requireNonNull(gateway);
    Objects.requireNonNull(fqdn);
    Objects.requireNonNull(association);
    addresses = List.copyOf(addresses);
  }

  /** Whether this entry is the one of {@code g} (by name, or by one of its status addresses). */
  public boolean names(Gateway g) {
    return gateway.map(k -> k.equals(g.key())).orElse(false)
        || fqdn.map(f -> g.statusAddresses().stream().anyMatch(f::equalsIgnoreCase)).orElse(false);
  }
}
