package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;

/**
 * What Application Gateway for Containers does with a request whose backend Service has ready endpoints but none its
 * health probe finds healthy. Microsoft's documentation says only that AGC "only distributes traffic to healthy
 * endpoints" (custom-health-probe); what it answers when there is none is UNVERIFIED (DOMAIN-GATEWAY 8.5), so it is an
 * option ({@code GatewayOptions.agcNoHealthyBackends}, {@code scenario.yaml} {@code assumptions.agcNoHealthyBackends}).
 *
 * <pre>{@code
 * AgcNoHealthyBackends.parse("send-to-all").orElseThrow();   // SEND_TO_ALL
 * AgcNoHealthyBackends.ANSWER_503.status();                  // 503
 * }</pre>
 */
public enum AgcNoHealthyBackends {
  /** AGC answers 503 itself, as for a backend with no endpoint at all (Envoy's "no healthy upstream"). Default. */
  ANSWER_503("answer-503", 503),
  /** AGC answers 502 (what Application Gateway v2 answers when every backend is unhealthy). */
  ANSWER_502("answer-502", 502),
  /** AGC sends to every ready endpoint anyway (a fail-open, like Envoy's panic threshold). */
  SEND_TO_ALL("send-to-all", 0);

  private final String configName;
  private final int status;

  AgcNoHealthyBackends(String configName, int status) {
    this.configName = configName;
    this.status = status;
  }

  public String configName() {
    return configName;
  }

  /** The status AGC answers, 0 for {@link #SEND_TO_ALL}. */
  public int status() {
    return status;
  }

  public static Parsed<AgcNoHealthyBackends> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, AgcNoHealthyBackends> parseResult(String text) {
    for (AgcNoHealthyBackends m : values()) {
      if (m.configName.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return Validation.valid(m);
      }
    }
    return Validation.invalid(ModelError.of(
        "invalid agcNoHealthyBackends '%s': expected answer-503, answer-502 or send-to-all", text));
  }

  @Override
  public String toString() {
    return configName;
  }
}
