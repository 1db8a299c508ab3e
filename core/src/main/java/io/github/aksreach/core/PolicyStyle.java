package io.github.aksreach.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style every aksreach value type uses.
 *
 * <pre>{@code
 * // package-info.java of a model package
 * @PolicyStyle
 * package io.github.aksreach.nsg.model;
 *
 * // then, in that package
 * @Value.Immutable
 * abstract class AbstractSecurityRule { abstract String name(); ... }
 * // users see: SecurityRule.builder().name("AllowWeb")...build() and rule.withName("x")
 * }</pre>
 *
 * <p>Abstract value types are named {@code Abstract*}; the generated immutable type drops the prefix and is public,
 * builders are strict (a field set twice is an error), and every value type gets {@code with*} copy methods.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    typeAbstract = {"Abstract*"},
    typeImmutable = "*",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    strictBuilder = true,
    defaults = @Value.Immutable(copy = true))
public @interface PolicyStyle {}
