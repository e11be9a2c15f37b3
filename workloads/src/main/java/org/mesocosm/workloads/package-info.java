/**
 * Synthetic workloads: {@link org.mesocosm.workloads.MixedWorkload} (the built-in default), the
 * {@link org.mesocosm.workloads.Workloads} registry, and cluster layouts in
 * {@link org.mesocosm.workloads.ClusterShapes}. All randomness comes from named
 * {@link org.mesocosm.runtime.random.RandomStreams}, so a seed fixes every event.
 */
package org.mesocosm.workloads;
