package io.github.aksreach.core.solver;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where and why a path was dropped.
 *
 * <pre>{@code
 * path.drop().ifPresent(d -> System.out.println(d.kind() + " at " + d.label() + " by " + d.rule().orElse(null)));
 * // NSG at nsg-user (subnet user) by DenyAllCustom (4000)
 * }</pre>
 *
 * @param kind drop category
 * @param element element id
 * @param label element label
 * @param rule the deciding rule, if a rule decided
 * @param reason why, in words
 * @param status application status (HTTP 403), if any
 */
public record DropInfo(String kind, String element, String label, Optional<RuleRef> rule, String reason,
                       OptionalInt status) {}
