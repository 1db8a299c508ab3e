package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.InvalidModelException;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A load-balancer health probe. Probes come from 168.63.129.16 (IPv6: fe80::1234:5678:9abc) to the backend's NIC
 * address and {@link #port()}.
 *
 * <pre>{@code
 * Probe p = Probe.builder().name("a2ec-TCP-80").protocol(ProbeProtocol.HTTP).port(31880)
 *     .requestPath("/healthz").intervalInSeconds(5).probeThreshold(2).build();
 * p.threshold();   // 2: probeThreshold, else numberOfProbes, else 1
 * p.describe();    // "Http 31880 /healthz"
 * }</pre>
 *
 * <p>Important notes: an HTTP(S) probe is healthy only on HTTP 200; {@link #noHealthyBackendsBehavior()} defaults to
 * {@code AllProbedDown} (no new flows when every backend is down).
 */
@Value.Immutable
abstract class AbstractProbe {
  public abstract String name();

  public abstract Optional<ResourceId> id();

  public abstract ProbeProtocol protocol();

  public abstract int port();

  /** The HTTP path; required for Http/Https. */
  public abstract Optional<String> requestPath();

  /** Seconds between probes; Azure's API default is 15. */
  @Value.Default
  public int intervalInSeconds() {
    return 15;
  }

  /** {@code probeThreshold}. */
  public abstract Optional<Integer> probeThreshold();

  /** {@code numberOfProbes} (legacy). */
  public abstract Optional<Integer> numberOfProbes();

  @Value.Default
  public NoHealthyBackendsBehavior noHealthyBackendsBehavior() {
    return NoHealthyBackendsBehavior.ALL_PROBED_DOWN;
  }

  /** Consecutive results that flip a backend's state: probeThreshold, else numberOfProbes, else 1. */
  public int threshold() {
    return probeThreshold().or(this::numberOfProbes).orElse(1);
  }

  /** Protocol, port and request path, as {@code health} prints them: {@code Http 31880 /healthz}. */
  public String describe() {
    return protocol().azureName() + " " + port() + requestPath().map(p -> " " + p).orElse("");
  }

  @Value.Check
  void check() {
    if (port() < 1 || port() > 65535) {
      throw new InvalidModelException("probe " + name() + ": port " + port() + " is out of range 1-65535");
    }
    if (intervalInSeconds() < 1) {
      throw new InvalidModelException("probe " + name() + ": intervalInSeconds must be positive");
    }
  }
}
