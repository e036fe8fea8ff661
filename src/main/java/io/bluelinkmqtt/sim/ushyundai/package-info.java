/**
 * A fake USA Hyundai / Genesis cloud (bluelink-protocol.md §10, §11) for tests and demo mode:
 * {@link io.bluelinkmqtt.sim.ushyundai.UsHyundaiSimulator}.
 */
package io.bluelinkmqtt.sim.ushyundai;
