/**
 * The closed match-expression AST and its interpretations: concrete ({@code ConcreteEvaluator}), symbolic
 * ({@code SymbolicEncoder}) and boxes for the classification index ({@code BoxEncoder}).
 */
@NullMarked
package io.github.aksreach.core.match;

import org.jspecify.annotations.NullMarked;
