/**
 * Network primitives and exact flow sets: {@link io.github.aksreach.core.model.IpSet},
 * {@link io.github.aksreach.core.model.PortSet}, {@link io.github.aksreach.core.model.Flow} and the canonical symbolic
 * {@link io.github.aksreach.core.model.FlowSpace}. Parsing returns errors as values ({@code Validation<ModelError, T>}).
 */
@NullMarked
package io.github.aksreach.core.model;

import org.jspecify.annotations.NullMarked;
