/**
 * Stewardship of the account's daily call quota and of the car's 12 V battery.
 *
 * <ul>
 *   <li>{@link io.bluelinkmqtt.stewardship.ApiBudget} counts every upstream call over a rolling 24 h window
 *       and refuses calls beyond the cap (the client's {@link io.bluelinkmqtt.api.CallBudget}).</li>
 *   <li>{@link io.bluelinkmqtt.stewardship.StewardWakePolicy} decides whether a forced refresh may wake a car
 *       (the client's {@link io.bluelinkmqtt.api.WakePolicy}): budget, 12 V floor, minimum interval, quiet hours.</li>
 *   <li>{@link io.bluelinkmqtt.stewardship.WakeAudit} counts car wakes per vehicle, today and in total.</li>
 *   <li>{@link io.bluelinkmqtt.stewardship.Stewardship} builds the three for a configuration, persists their
 *       state under {@code stateDir} (mode 600, on a worker pool) and publishes their events.</li>
 * </ul>
 *
 * The logic classes take an injected {@link java.time.Clock} and have no Vert.x dependency; they are used
 * from one event loop (the API verticle's), and are synchronised only as cheap insurance.
 */
package io.bluelinkmqtt.stewardship;
