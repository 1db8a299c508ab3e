/**
 * Builds the Azure half of an aksreach scenario live, through the Azure SDK's resource-manager clients
 * ({@link io.github.aksreach.azure.live.AzureLiveScenario}), and reads it through {@code aksreach-azure}.
 *
 * <pre>{@code
 * Validated<ScenarioSources> azure = AzureLiveScenario.ofCluster(containerService, network, "rg-aks", "aks-lab");
 * AksReachability a = AksReachability.load(AzureLiveScenario.paired(Fabric8Scenario.from(client), azure)
 *     .orElseThrow()).orElseThrow();
 * }</pre>
 *
 * <p>This module brings {@code azure-resourcemanager-network} and {@code -containerservice} (2.53.0), and with them
 * azure-core, Reactor and Jackson 2 (held at the build's Jackson version); the build's enforcer rule keeps them, and
 * this module, out of the core modules' dependency trees.
 */
package io.github.aksreach.azure.live;
