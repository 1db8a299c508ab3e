package io.github.aksreach.k8s.model;

/**
 * The operators of a label selector's {@code matchExpressions}.
 *
 * <pre>{@code
 * LabelSelectorRequirement.of("app", SelectorOperator.NOT_IN, List.of("db")).matches(Map.of());   // true
 * }</pre>
 */
public enum SelectorOperator implements ApiNamed {
  /** The label is present and its value is one of the values. */
  IN("In"),
  /** The label is absent, or its value is none of the values. */
  NOT_IN("NotIn"),
  /** The label is present (any value). */
  EXISTS("Exists"),
  /** The label is absent. */
  DOES_NOT_EXIST("DoesNotExist");

  private final String apiName;

  SelectorOperator(String apiName) {
    this.apiName = apiName;
  }

  /** The name Kubernetes uses ({@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}). */
  @Override
  public String apiName() {
    return apiName;
  }

  /** The operator with this API name (exact, case-sensitive, as the API server accepts it). */
  public static java.util.Optional<SelectorOperator> fromApiName(String s) {
    return ApiNamed.lookup(values(), s);
  }

  @Override
  public String toString() {
    return apiName;
  }
}
