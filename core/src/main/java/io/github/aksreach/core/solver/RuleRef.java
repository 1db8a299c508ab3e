package io.github.aksreach.core.solver;

import java.util.OptionalInt;

/**
 * The rule that decided, as a user would look it up: its name and, where rules have one, its priority.
 *
 * <pre>{@code
 * RuleRef.of("DenyAllCustom", 4000);     // "DenyAllCustom (4000)"
 * RuleRef.of("whitelist-source-range");  // no priority
 * }</pre>
 *
 * @param name the rule's name
 * @param priority the rule's priority, where it has one
 */
public record RuleRef(String name, OptionalInt priority) {
  public static RuleRef of(String name) {
    return new RuleRef(name, OptionalInt.empty());
  }

  public static RuleRef of(String name, int priority) {
    return new RuleRef(name, OptionalInt.of(priority));
  }

  @Override
  public String toString() {
    return priority.isPresent() ? name + " (" + priority.getAsInt() + ")" : name;
  }
}
