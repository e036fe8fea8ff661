package io.bluelinkmqtt.stewardship;

import java.time.Instant;

/**
 * What the budget looks like now, as published on {@code {base}/bridge/budget}.
 *
 * @param used upstream calls counted in the last 24 h
 * @param limit the bridge's cap (configured, or the region's default)
 * @param remaining calls the bridge may still make now (the cloud's headers can only lower it)
 * @param resetsAt when a call slot frees next: the end of an exhaustion pause, the cloud's reset, or when
 *                 the oldest counted call leaves the window; null when nothing is counted
 * @param exhausted true when no call at all may be made now
 */
public record BudgetSnapshot(int used, int limit, int remaining, Instant resetsAt, boolean exhausted) {
}
