/**
 * Loaders for real Azure dumps: {@code az} CLI output (flattened), REST/ARM GET bodies (nested {@code properties},
 * {@code {"value": [...]}} lists, REST spec examples), ARM templates with literal values, and Service Tags files.
 *
 * <pre>{@code
 * LoadResult r = AzureLoader.loadDirectory(Path.of("my-scenario/azure"));
 * r.errors().forEach(System.err::println);   // every problem at once, each naming file and JSON path
 * r.notes().forEach(System.out::println);    // tolerated gaps: "no load balancer was loaded; ..."
 * AzureNetwork net = r.orThrow();
 * }</pre>
 */
@PolicyStyle
@NullMarked
package io.github.aksreach.nsg.load;

import io.github.aksreach.core.PolicyStyle;
import org.jspecify.annotations.NullMarked;
