/**
 * Builds the Azure half of an aksreach scenario from Azure SDK model objects held in memory
 * ({@link io.github.aksreach.azure.AzureSdkScenario}), through the same loader as a scenario's {@code azure/} folder.
 *
 * <pre>{@code
 * ScenarioSources az = AzureSdkScenario.of("prod", List.of(nsgInner, vnetInner, nicInner)).orElseThrow();
 * AksReachability a = AksReachability.load(kubernetesSources.plus(az)).orElseThrow();
 * }</pre>
 *
 * <p>The module depends on {@code azure-json} alone; it stays out of the core modules' dependency trees (the build's
 * enforcer rule holds that).
 */
package io.github.aksreach.azure;
