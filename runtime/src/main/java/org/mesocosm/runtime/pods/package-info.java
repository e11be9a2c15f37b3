/**
 * The pod scheduling framework (Kubernetes style): a scheduling queue ordered by priority with
 * exponential backoff, and a cycle per pod of plugin phases, each a one-method interface
 * (PreFilter, Filter, PostFilter, PreScore, Score, NormalizeScore, Reserve, Bind). The cycle
 * lives here, in the master core; the plugins live in the policies module.
 *
 * <p>Shape borrowed from kube-scheduler ({@code pkg/scheduler/framework}): results are a
 * {@link org.mesocosm.runtime.pods.Status}, per-attempt data lives in a
 * {@link org.mesocosm.runtime.pods.CycleState} under typed keys, a
 * {@link org.mesocosm.runtime.pods.Profile} discovers each plugin's phases by type and
 * validates the set up front, and only a sample of the feasible nodes is scored
 * ({@code percentageOfNodesToScore}). Where every plugin allows it
 * ({@link org.mesocosm.runtime.pods.CacheablePlugin}), a node's Filter and Score outcome is kept
 * for the next pod of the same spec until the node changes
 * ({@link org.mesocosm.runtime.pods.CachedScan}), with the same decisions.
 */
package org.mesocosm.runtime.pods;
