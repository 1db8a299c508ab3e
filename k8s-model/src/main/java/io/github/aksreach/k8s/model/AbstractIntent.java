package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Who should, and who should not, reach a target ({@code scenario.yaml} {@code intents[]}).
 *
 * <pre>{@code
 * Intent weather = Intent.builder().name("weather-api")
 *     .target(IntentTarget.address(IpAddress.of("192.168.0.22"), 80, Protocol.TCP))
 *     .host("demoapi.eyskens.corp").path("/weatherforecast")
 *     .addAllow(IpPrefix.of("192.168.1.4/32"))
 *     .denyEveryoneElse(true)                  // deny: ["*"]
 *     .build();
 * weather.allowSet();                          // [192.168.1.4/32]: must reach ALWAYS
 * weather.denySet();                           // every other address: must reach NEVER
 * }</pre>
 */
@Value.Immutable
abstract class AbstractIntent {
  public abstract String name();

  public abstract IntentTarget target();

  /** The HTTP Host, for routing through the ingress controller. */
  public abstract Optional<String> host();

  /** The HTTP path. */
  public abstract Optional<String> path();

  /** Sources that must reach ALWAYS. */
  public abstract List<IpPrefix> allow();

  /** {@code allow: ["*"]}: every address must reach. */
  @Value.Default
  public boolean allowEveryone() {
    return false;
  }

  /** Sources that must reach NEVER. */
  public abstract List<IpPrefix> deny();

  /** {@code deny: ["*"]}: every address not allowed must reach NEVER. */
  @Value.Default
  public boolean denyEveryoneElse() {
    return false;
  }

  @Value.Check
  protected void check() {
    if (name().isEmpty()) {
      throw new InvalidModelException("intent name must not be empty");
    }
    if (allowEveryone() && denyEveryoneElse()) {
      throw new InvalidModelException("intent " + name() + " allows and denies everyone");
    }
  }

  /** The sources that must always reach. */
  public IpSet allowSet() {
    return allowEveryone() ? IpSet.all() : IpSet.ofPrefixes(allow());
  }

  /** The sources that must never reach (with {@code "*"}: everything not allowed). */
  public IpSet denySet() {
    return denyEveryoneElse() ? IpSet.all().difference(allowSet()) : IpSet.ofPrefixes(deny());
  }
}
