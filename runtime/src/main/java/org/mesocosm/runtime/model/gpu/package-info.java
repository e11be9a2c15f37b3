/**
 * GPUs as devices: a node's G devices of one model with 1000 milli-GPU each, a task's demand
 * (share of one device or k whole devices, acceptable models). Pure values, no I/O.
 */
package org.mesocosm.runtime.model.gpu;
