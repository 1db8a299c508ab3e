package io.github.aksreach.k8s.cluster;

/**
 * How a scenario directory is read: strictly (one bad object refuses the scenario, the default) or keeping what is
 * valid and listing what was left out as notes.
 *
 * <pre>{@code
 * Validated<Scenario> s = ScenarioLoader.load(Path.of("dump"), ReadLimits.defaults(), LoadOptions.skippingInvalid());
 * s.get().notes();   // "azure/nsgs.json: $[0].securityRules[2].priority: left out (--skip-invalid): priority 5000 ..."
 * }</pre>
 *
 * @param skipInvalid load what is valid; every problem becomes a note saying what was left out. Azure objects are
 *     left out one by one (a rule with a bad field, an NSG whose rules clash); so are Kubernetes objects (a bad
 *     Service in a List leaves the List's other items loaded), a Kubernetes file only when it cannot be parsed
 */
public record LoadOptions(boolean skipInvalid) {
  /** One bad object refuses the scenario (exit 2 on the command line). */
  public static LoadOptions strict() {
    return new LoadOptions(false);
  }

  /** Load what is valid, list what was left out ({@code --skip-invalid}). */
  public static LoadOptions skippingInvalid() {
    return new LoadOptions(true);
  }
}
